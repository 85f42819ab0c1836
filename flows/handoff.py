"""Hand-off to a person: the team is told, and the bot stays quiet in this chat for a while."""

from __future__ import annotations

import datetime as dt

from domain import fmt, outbox
from domain.models import Staff
from domain.phones import mask_phone
from flows.base import Turn

HANDED_OFF = (
    "Listo, le avisé al equipo de {business}. Alguien te escribirá por aquí en cuanto pueda. "
    "Mientras tanto no responderé automáticamente."
)
TO_OWNER = (
    "{who} pidió hablar con alguien del equipo por WhatsApp ({phone}). "
    "Respóndele desde el panel, en Conversaciones."
)


def hand_off(turn: Turn) -> None:
    """Quiet the bot in this chat and tell the owners (when the business wants to know)."""
    conversation, org, now = turn.conversation, turn.org, turn.now
    conversation.handoff_until = now + dt.timedelta(hours=turn.handoff_hours)
    if org.notify_handoff:
        who = turn.customer.name if turn.customer and turn.customer.name else "Un cliente"
        for owner in Staff.select().where(
            Staff.org == org,
            Staff.role == "owner",
            Staff.active == True,  # noqa: E712
        ):
            if not owner.phone:
                continue
            outbox.enqueue(
                org=org,
                recipient=owner.phone,
                staff=owner,
                customer=turn.customer,
                kind="owner_handoff",
                body=TO_OWNER.format(who=who, phone=mask_phone(conversation.phone)),
                dedup_key=f"owner_handoff:conversation:{conversation.id}:{outbox.stamp(now)}",
                now=now,
            )
    turn.say(HANDED_OFF.format(business=org.name))


def quiet_until(turn: Turn) -> str:
    return fmt.when(turn.conversation.handoff_until, turn.org.timezone)
