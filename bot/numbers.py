"""WhatsApp numbers for new businesses: the configured pool first, then Twilio when allowed.

No number at all is fine: the business then works in shared-number mode, its customers
writing to Yume's own number with the business's code.
"""

from __future__ import annotations

import logging

from domain.models import Organization
from domain.phones import normalize_phone
from domain.settings import TwilioSettings

log = logging.getLogger(__name__)


class NumberPool:
    def __init__(self, settings: TwilioSettings, buyer=None):
        self.pool = [n for n in (normalize_phone(raw) for raw in settings.number_pool) if n]
        self.buyer = buyer if settings.buy_numbers else None

    def acquire(self, business_name: str) -> str | None:
        """A free pool number, else a bought one, else None (shared-number mode)."""
        taken = (
            {
                number
                for (number,) in Organization.select(Organization.whatsapp_number)
                .where(Organization.whatsapp_number.in_(self.pool))
                .tuples()
            }
            if self.pool
            else set()
        )
        for number in self.pool:
            if number not in taken:
                return number
        if self.buyer is not None:
            return self.buyer.buy(business_name)
        return None

    def release(self, number: str) -> None:
        """Give back a number a failed setup did not use (only bought ones cost money)."""
        if self.buyer is not None and number not in self.pool:
            self.buyer.release(number)
