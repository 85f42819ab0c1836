"""Helpers for the jobs' tests: writing notifications, opening the 24-hour window."""

from __future__ import annotations

import datetime as dt

from domain import outbox
from domain.models import Conversation, Notification
from scheduler.dispatch import dispatch_due


def impatient(runtime, seconds: float = 0.5):
    """The same runtime with a Twilio client that gives up after `seconds` (timeout tests)."""
    from scheduler import runtime as jobs_runtime

    settings = runtime.settings.replace(twilio={"timeout_seconds": seconds})
    return jobs_runtime.build(settings, clock=runtime.clock)


def dispatch(runtime):
    return dispatch_due(runtime, max_seconds=30)


def notify(org, recipient, body, now, *, kind="owner_new_booking", due=None, key=None, **extra):
    row = outbox.enqueue(
        org=org,
        recipient=recipient,
        kind=kind,
        body=body,
        dedup_key=key or f"test:{kind}:{recipient}:{body}",
        now=now,
        due_at=due,
        variables=extra.pop("variables", None) or {"1": body},
        **extra,
    )
    assert row is not None
    return row


def wrote_at(org, phone, moment: dt.datetime) -> Conversation:
    """Record that phone last wrote to the business at moment (opens the 24-hour window)."""
    chat, _ = Conversation.get_or_create(
        channel_number=org.whatsapp_number, phone=phone, defaults={"org": org}
    )
    chat.last_inbound_at = moment
    chat.save()
    return chat


def reload(row) -> Notification:
    return Notification.get_by_id(row.id)


def walk(runtime, fake, until: dt.datetime, every=dt.timedelta(minutes=15), near=()):
    """Run every periodic job each `every` up to `until`; return [(moment, message)] as they
    reached Twilio. Within an hour of a moment in `near` the steps are five minutes, elsewhere
    `every` (a coarse step would hide a message sent a little early)."""
    from scheduler.jobs import run_all

    fine, close = dt.timedelta(minutes=5), dt.timedelta(hours=1)
    arrivals = []
    while runtime.clock.now() <= until:
        seen = len(fake.messages)
        run_all()
        now = runtime.clock.now()
        arrivals += [(now, m) for m in fake.messages[seen:]]
        step = fine if any(abs(now - moment) < close for moment in near) else every
        runtime.clock.set(min(now + step, _next_near(now, near, close) or now + step))
    return arrivals


def _next_near(now, near, close):
    """The start of the next fine-stepped stretch, so a coarse step does not jump into it."""
    starts = [moment - close for moment in near if moment - close > now]
    return min(starts) if starts else None
