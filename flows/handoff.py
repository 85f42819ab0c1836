"""Hand-off to a person: the team is told, and the bot stays quiet in this chat for a while."""

from __future__ import annotations

import datetime as dt

from domain import notices
from flows.base import Turn

HANDED_OFF = (
    "Listo, le avisé al equipo de {business}. Alguien te escribirá por aquí en cuanto pueda. "
    "Mientras tanto no responderé automáticamente."
)


def hand_off(turn: Turn) -> None:
    """Quiet the bot in this chat and tell the owners (when the business wants to know)."""
    conversation, now = turn.conversation, turn.now
    conversation.handoff_until = now + dt.timedelta(hours=turn.handoff_hours)
    notices.handoff_requested(turn.org, turn.customer or conversation.phone, conversation, now)
    turn.say(HANDED_OFF.format(business=turn.org.name))
