"""The outbox: messages Yume starts (not direct replies) are written here, then sent by jobs.

Rows are written inside the transaction of the change that causes them, so a rolled-back
booking never leaves a notification behind. Each row has a unique de-duplication key such as
"reminder:appointment:123:20261204T2300": writing the same key twice is a no-op, which is what
makes retries and a second worker harmless.

Kinds, and who receives them:
  reminder, reminder_2h                      customer, before an appointment
  owner_new_booking, owner_cancellation,
  owner_reschedule, owner_handoff            owners, when switched on for the business
  daily_summary                              owner (and staff, when switched on)
  customer_cancelled, customer_moved         customer, when the business changes their visit
  thank_you, rebook_nudge                    customer, optional
  login_link                                 staff member or platform operator
  agent_reply                                customer, written by a person in the dashboard
  staff_invitation                           a phone someone added to a team
  staff_message                              customer, written by a staff member (WhatsApp
                                             or dashboard), signed with their first name
  customer_reply                             staff member, the customer's answer to it
  location                                   customer who asked where the business is: a
                                             map pin (variables["persistent_action"])

domain/notice_templates.py lists them all (KINDS) with the template each needs outside
WhatsApp's 24-hour window; a kind missing there is refused here.
"""

from __future__ import annotations

import datetime as dt

from peewee import IntegrityError

from domain.db import db
from domain.models import Notification
from domain.notice_templates import KINDS


def enqueue(
    *,
    recipient: str,
    kind: str,
    body: str,
    dedup_key: str,
    now: dt.datetime,
    org=None,
    due_at: dt.datetime | None = None,
    customer=None,
    staff=None,
    appointment=None,
    variables: dict | None = None,
) -> Notification | None:
    """Write one notification; return None when its dedup_key was already written."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}: list it in notice_templates")
    try:
        with db.atomic():  # a savepoint: a duplicate must not abort the caller's transaction
            return Notification.create(
                org=org,
                recipient=recipient,
                kind=kind,
                body=body,
                dedup_key=dedup_key[:200],
                customer=customer,
                staff=staff,
                appointment=appointment,
                variables=variables or {},
                due_at=due_at or now,
                next_attempt_at=due_at or now,
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        return None


def stamp(moment: dt.datetime) -> str:
    """A compact UTC stamp for dedup keys: 20261204T2300."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M")
