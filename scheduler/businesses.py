"""Running one planning step for every active business, each on its own."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from domain.models import Organization

log = logging.getLogger(__name__)


def for_each_business(step: Callable[[Organization, dt.datetime], int], now) -> int:
    """Run step(org, now) for every active business; sum what they wrote.

    A business whose data trips the step is logged and skipped, so it cannot hold back the
    reminders and summaries of all the others; the next run tries it again.
    """
    written = 0
    for org in (
        Organization.select().where(Organization.status == "active").order_by(Organization.id)
    ):
        try:
            written += step(org, now)
        except Exception:  # noqa: BLE001 - see the docstring
            log.exception("%s failed for business %s", step.__module__, org.id)
    return written
