"""What happened to the messages the outbox handed to the provider.

Two writers meet here: the dispatcher, when the provider accepts a message, and the provider's
status callbacks (sent, delivered, read, failed), which may arrive out of order and even before
the dispatcher has written down the message's SID. A notification's status only moves
forward, and a callback for a row the dispatcher never finished (it died after the provider
took the message) completes it, so that message is not sent again.
"""

from __future__ import annotations

import datetime as dt
import logging

from peewee import Tuple

from domain.db import db
from domain.models import Conversation, Message, Notification

log = logging.getLogger(__name__)

# Provider statuses as the notification's status.
STATUSES = {
    "accepted": "sent",
    "queued": "sent",
    "scheduled": "sent",
    "sending": "sent",
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "failed": "failed",
    "undelivered": "failed",
}
STAFF_KINDS = (
    "owner_new_booking",
    "owner_cancellation",
    "owner_reschedule",
    "owner_handoff",
    "daily_summary",
    "login_link",
)
# News only moves forward; proof of delivery outranks an earlier failure report.
RANK = {"sent": 1, "failed": 2, "delivered": 3, "read": 4}


def record_sent_message(
    row: Notification, sender: str, sid: str, status: str, now, conversation=None
) -> None:
    """Show a sent notification in its conversation's transcript, like the bot's own replies."""
    record_sent_messages([(row, sender, sid, status, conversation)], now)


def record_sent_messages(sent: list, now) -> None:
    """record_sent_message for many: [(row, sender, sid, status, conversation or None)].

    A message already written when the notification was (a reply a person typed in the
    dashboard is shown at once, without a SID) gets its SID and status instead of a twin.
    """
    if not sent:
        return
    chats = _conversations(sent, now)
    waiting = _waiting_messages(sent, {chat for chat, _org in chats.values()})
    for row, _sender, sid, status, _chat in sent:
        if row.id in waiting:
            Message.update(sid=sid, status=status).where(
                Message.id == waiting[row.id], Message.sid.is_null()
            ).execute()
    sent = [item for item in sent if item[0].id not in waiting]
    if not sent:
        return
    Message.insert_many(
        [
            {
                "org": row.org_id,
                "conversation": _same_business(row, chats[(sender, row.recipient)]),
                "direction": "out",
                "sid": sid,
                "from_number": sender,
                "to_number": row.recipient,
                "body": row.body,
                "payload": {
                    "notification": row.id,
                    "kind": row.kind,
                    "template": row.template_sid,
                },
                "status": status,
                "created_at": now,
            }
            for row, sender, sid, status, _ in sent
        ]
    ).on_conflict_ignore().execute()


def _conversations(sent: list, now) -> dict:
    """The current conversation of each (sender, recipient), as (id, business id), creating
    those that do not exist."""
    chats = {
        (sender, row.recipient): (chat.id, chat.org_id) for row, sender, _, _, chat in sent if chat
    }
    rows = {(sender, row.recipient): row for row, sender, *_ in sent}
    missing = sorted(rows.keys() - chats.keys())
    if not missing:
        return chats
    Conversation.insert_many(
        [
            {
                "channel_number": sender,
                "phone": phone,
                "org": rows[(sender, phone)].org_id,
                "role": _role(rows[(sender, phone)]),
                "slots": {},
                "current": True,
                "created_at": now,
                "updated_at": now,
            }
            for sender, phone in missing
        ]
    ).on_conflict_ignore().execute()  # a person who wrote meanwhile already has theirs
    found = Conversation.select(
        Conversation.id, Conversation.channel_number, Conversation.phone, Conversation.org
    ).where(
        Tuple(Conversation.channel_number, Conversation.phone).in_(missing),
        Conversation.current == True,  # noqa: E712
    )
    chats.update({(chat.channel_number, chat.phone): (chat.id, chat.org_id) for chat in found})
    return chats


def _same_business(row: Notification, chat: tuple[int, int | None]) -> int | None:
    """The chat a sent message joins: only one of the notification's own business (an
    operator's login message never lands in a business's chat), else none."""
    chat_id, org_id = chat
    return chat_id if org_id == row.org_id else None


def _waiting_messages(sent: list, chats: set) -> dict[int, int]:
    """{notification id: message id} of outgoing messages written before they were sent."""
    ids = {row.id for row, *_ in sent}
    query = Message.select(Message.id, Message.payload).where(
        Message.direction == "out",
        Message.sid.is_null(),
        Message.conversation.in_(chats),
    )
    found = {}
    for message in query:
        notification = (message.payload or {}).get("notification")
        if notification in ids:
            found[notification] = message.id
    return found


def _role(row: Notification) -> str:
    return "staff" if row.staff_id or row.kind in STAFF_KINDS else "customer"


def record_status(
    *,
    sid: str,
    provider_status: str,
    sender: str,
    now: dt.datetime,
    notification_id: int | None = None,
    reason: str = "",
) -> Notification | None:
    """Apply one status report; return the notification it concerned, if any."""
    status = STATUSES.get(provider_status)
    if status is None:
        return None
    with db.atomic():
        _update_message(sid, status)
        row = None
        if notification_id is not None:
            row = Notification.get_or_none(Notification.id == notification_id)
        if row is None:
            row = Notification.get_or_none(Notification.provider_sid == sid)
        if row is None:
            return None
        if row.provider_sid and row.provider_sid != sid:
            log.error("notification %s: a second message %s was reported for it", row.id, sid)
            return row
        if row.status in ("pending", "sending"):
            _complete(row, sid, status, provider_status, sender, reason, now)
        elif row.status in RANK and RANK[status] > RANK[row.status]:
            changes = {"status": status, "delivery_status": provider_status, "updated_at": now}
            if status == "failed":
                changes["last_error"] = reason
            Notification.update(changes).where(
                Notification.id == row.id, Notification.status == row.status
            ).execute()
    return row


def _complete(row, sid, status, provider_status, sender, reason, now) -> None:
    """The provider has a message the dispatcher did not finish recording: record it."""
    changed = (
        Notification.update(
            status=status,
            provider_sid=sid,
            delivery_status=provider_status,
            sent_at=now,
            locked_until=None,
            last_error=reason if status == "failed" else "",
            updated_at=now,
        )
        .where(Notification.id == row.id, Notification.status.in_(("pending", "sending")))
        .execute()
    )
    if changed:
        record_sent_message(row, sender, sid, provider_status, now)


def _update_message(sid: str, status: str) -> None:
    message = Message.get_or_none((Message.sid == sid) & (Message.direction == "out"))
    if message is None:
        return
    current = STATUSES.get(message.status, message.status)
    if RANK.get(status, 0) > RANK.get(current, 0):
        Message.update(status=status).where(Message.id == message.id).execute()
