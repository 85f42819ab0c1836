"""Helpers for the jobs' tests: writing notifications, opening the 24-hour window."""

from __future__ import annotations

import datetime as dt

from domain import outbox
from domain.models import Conversation, Notification
from scheduler.dispatch import dispatch_due


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
