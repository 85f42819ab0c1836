"""Hand-off: a person takes a WhatsApp chat over from the bot, answers, and hands it back.

While `handoff_until` is in the future the bot stays quiet in that chat. Who took it over is
written to the audit log; a person's replies go out through the outbox like every message
Yume starts, and are stored as outbound messages so the transcript shows them.
"""

from __future__ import annotations

import datetime as dt

from peewee import fn

from domain import audit, outbox
from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.models import AuditLog, Conversation, Message, Organization

MAX_REPLY = 1500
WHATSAPP_WINDOW = dt.timedelta(hours=24)


# Who may read which chat: a business's team reads its customers' chats. A staff member's
# own chat with the business (commands, login links) and a new business's setup chat are
# nobody else's, so they are never listed or opened here.
SHARED_ROLES = ("customer",)


def get_conversation(org: Organization, conversation_id: int) -> Conversation:
    conversation = Conversation.get_or_none(
        (Conversation.org == org)
        & (Conversation.id == conversation_id)
        & Conversation.role.in_(SHARED_ROLES)
    )
    if conversation is None:
        raise NotFound("No encontré esa conversación.")
    return conversation


def queue(org: Organization, now: dt.datetime) -> list[Conversation]:
    """Conversations waiting for, or being attended by, a person; the oldest wait first."""
    return list(
        Conversation.select()
        .where(
            Conversation.org == org,
            Conversation.role.in_(SHARED_ROLES),
            Conversation.handoff_until > now,
        )
        .order_by(Conversation.last_inbound_at.asc(nulls="LAST"), Conversation.id)
    )


def recent(org: Organization, limit: int = 50, before: int | None = None) -> list[Conversation]:
    query = Conversation.select().where(
        Conversation.org == org, Conversation.role.in_(SHARED_ROLES)
    )
    if before:
        query = query.where(Conversation.id < before)
    return list(
        query.order_by(Conversation.updated_at.desc(), Conversation.id.desc()).limit(limit)
    )


def last_messages(conversations: list[Conversation]) -> dict[int, Message]:
    """Each conversation's newest message, by conversation id, in two queries."""
    ids = [c.id for c in conversations]
    if not ids:
        return {}
    newest = (
        Message.select(fn.MAX(Message.id))
        .where(Message.conversation.in_(ids))
        .group_by(Message.conversation)
    )
    return {m.conversation_id: m for m in Message.select().where(Message.id.in_(newest))}


def transcript(conversation: Conversation, limit: int = 300) -> list[Message]:
    """The chat's last messages, oldest first.

    An answer is stored twice: on the inbound message (repeated to a retrying Twilio) and as
    its own outbound message. Each inbound message gets `unsent_reply`, its answer only when
    no outbound message after it carries that answer (one that failed and said sorry), so
    a transcript shows every answer once.
    """
    latest = (
        Message.select()
        .where(Message.conversation == conversation)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(limit)
    )
    messages = list(reversed(list(latest)))
    for index, message in enumerate(messages):
        message.unsent_reply = None
        if message.direction != "in" or not message.reply:
            continue
        answered = False
        for later in messages[index + 1 :]:
            if later.direction == "in":
                break
            answered = answered or later.body == message.reply
        message.unsent_reply = None if answered else message.reply
    return messages


def attendant(conversation: Conversation, now: dt.datetime) -> str | None:
    """The name of who took the chat over, while the hand-off lasts."""
    if not is_handed_off(conversation, now):
        return None
    row = (
        AuditLog.select()
        .where(AuditLog.org == conversation.org_id, AuditLog.action == "handoff_take")
        .order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
    )
    for entry in row.limit(50):
        if entry.detail.get("conversation") == conversation.id:
            return entry.detail.get("name")
    return None


def is_handed_off(conversation: Conversation, now: dt.datetime) -> bool:
    return conversation.handoff_until is not None and conversation.handoff_until > now


def take_over(conversation, *, actor: str, name: str, hours: int, now) -> Conversation:
    """Quiet the bot for `hours` and record who is attending."""
    with db.atomic():
        conversation.handoff_until = now + dt.timedelta(hours=hours)
        conversation.updated_at = now
        conversation.save()
        audit.record(
            actor,
            "handoff_take",
            now=now,
            org=conversation.org,
            conversation=conversation.id,
            name=name,
        )
    return conversation


def hand_back(conversation, *, actor: str, now) -> Conversation:
    """Give the chat back to the bot."""
    with db.atomic():
        conversation.handoff_until = None
        conversation.updated_at = now
        conversation.save()
        audit.record(
            actor, "handoff_return", now=now, org=conversation.org, conversation=conversation.id
        )
    return conversation


def reply(conversation, body: str, *, nonce: str, now) -> Message | None:
    """Send body to the customer as a person; None when this form was already sent."""
    text = body.strip()
    if not text:
        raise InvalidInput("Escribe el mensaje que quieres mandar.")
    if len(text) > MAX_REPLY:
        raise InvalidInput(f"El mensaje puede tener hasta {MAX_REPLY} caracteres.")
    with db.atomic():
        notification = outbox.enqueue(
            recipient=conversation.phone,
            kind="agent_reply",
            body=text,
            dedup_key=f"agent_reply:{conversation.id}:{nonce[:64]}",
            now=now,
            org=conversation.org,
        )
        if notification is None:
            return None
        message = Message.create(
            org=conversation.org,
            conversation=conversation,
            direction="out",
            from_number=conversation.channel_number,
            to_number=conversation.phone,
            body=text,
            status="queued",
            payload={"notification": notification.id, "by": "person"},
            created_at=now,
        )
        conversation.updated_at = now
        conversation.save()
    return message


def outside_window(conversation: Conversation, now: dt.datetime) -> bool:
    """Whether WhatsApp's 24-hour window for free-form replies has closed."""
    last = conversation.last_inbound_at
    return last is None or now - last > WHATSAPP_WINDOW
