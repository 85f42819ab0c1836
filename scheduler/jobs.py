"""The rq jobs: module-level functions without arguments, run periodically by rq-scheduler.

Each takes its runtime (settings, clock, sender) from `scheduler.runtime.current()`, holds a
database connection for its duration and returns a small summary for rq's result.
"""

from __future__ import annotations

from domain.db import connection
from scheduler import runtime
from scheduler.dispatch import dispatch_due
from scheduler.followups import plan_follow_ups
from scheduler.reminders import plan_reminders
from scheduler.summaries import plan_summaries


def dispatch_outbox() -> dict:
    """Send every due notification (for up to about 50 seconds)."""
    current = runtime.current()
    with connection():
        return vars(dispatch_due(current))


def scan_reminders() -> int:
    """Write the reminders of upcoming appointments."""
    current = runtime.current()
    with connection():
        return plan_reminders(current.clock.now())


def send_daily_summaries() -> int:
    """Write the daily summaries due at this local time."""
    current = runtime.current()
    with connection():
        return plan_summaries(current.clock.now())


def plan_followups() -> int:
    """Write thank-yous and rebooking nudges, where businesses switched them on."""
    current = runtime.current()
    with connection():
        return plan_follow_ups(current.clock.now())


# (job, seconds between runs). Planning jobs write rows ahead of time; dispatch sends them.
PERIODIC = (
    (dispatch_outbox, 10),
    (scan_reminders, 300),
    (send_daily_summaries, 300),
    (plan_followups, 900),
)


def run_all() -> None:
    """Plan everything, then send: one pass of every periodic job, in that order."""
    scan_reminders()
    send_daily_summaries()
    plan_followups()
    dispatch_outbox()
