"""Buying a Mexican number for a new business through Twilio's phone-number API.

The number is bought with its incoming-message webhook pointing at Yume. Making it a
WhatsApp sender is Twilio's (and Meta's) registration step, done in Twilio's console or its
Senders API once the business is approved; until then its customers can use the shared number.
"""

from __future__ import annotations

import logging

import requests
from twilio.base.exceptions import TwilioException

from bot.channels.twilio_sender import rest_client
from domain.phones import normalize_phone
from domain.settings import Settings

log = logging.getLogger(__name__)


class TwilioNumbers:
    def __init__(self, settings: Settings):
        twilio = settings.twilio
        self.client = rest_client(
            twilio.account_sid,
            twilio.auth_token,
            base_url=twilio.api_base_url,
            timeout=twilio.timeout_seconds,
        )
        base = settings.app.public_base_url.rstrip("/")
        self.webhook = f"{base}/webhooks/twilio"
        self.status = f"{base}/webhooks/twilio/status"

    def buy(self, business_name: str) -> str | None:
        """Buy the first available Mexican mobile (or local) number; None if that fails."""
        try:
            offer = self._first_available()
            if offer is None:
                log.warning("no Mexican number available to buy")
                return None
            bought = self.client.incoming_phone_numbers.create(
                phone_number=offer,
                friendly_name=f"Yume · {business_name}"[:64],
                sms_url=self.webhook,
                sms_method="POST",
                status_callback=self.status,
            )
        except (TwilioException, requests.RequestException) as error:
            log.warning("buying a number failed (%s)", type(error).__name__)
            return None
        return normalize_phone(bought.phone_number)

    def release(self, number: str) -> None:
        """Give a bought number back (a setup that failed after buying it)."""
        try:
            for owned in self.client.incoming_phone_numbers.list(phone_number=number, limit=5):
                owned.delete()
        except (TwilioException, requests.RequestException) as error:
            log.warning("releasing a number failed (%s)", type(error).__name__)

    def _first_available(self) -> str | None:
        country = self.client.available_phone_numbers("MX")
        for kind in (country.mobile, country.local):
            found = kind.list(limit=1)
            if found:
                return found[0].phone_number
        return None
