"""Answers to a reminder: 1 confirms, 2 moves, 3 cancels the appointment it was about."""

from __future__ import annotations

import datetime as dt

from domain import booking
from domain.errors import DomainError
from domain.models import Appointment, Notification
from flows.base import Turn
from flows.understanding import Understanding

REMINDER_KINDS = ("reminder", "reminder_2h")
DELIVERED = ("sent", "delivered", "read")
CONFIRMED = "¡Gracias! Tu cita está confirmada. Te esperamos."
WHICH = "¿Quieres cambiarla o cancelarla? Responde 2 para cambiarla o 3 para cancelarla."
PAYLOADS = {
    "confirm": 1,
    "confirmar": 1,
    "reschedule": 2,
    "cambiar": 2,
    "cancel": 3,
    "cancelar": 3,
}


def reminded_appointment(turn: Turn) -> Appointment | None:
    """The upcoming appointment of this customer's latest reminder, if it still stands."""
    if turn.customer is None:
        return None
    notification = (
        Notification.select()
        .where(
            Notification.customer == turn.customer,
            Notification.kind.in_(REMINDER_KINDS),
            Notification.status.in_(DELIVERED),
            Notification.sent_at > turn.now - dt.timedelta(hours=36),
        )
        .order_by(Notification.sent_at.desc())
        .first()
    )
    if notification is None or notification.appointment_id is None:
        return None
    appointment = Appointment.get_or_none(Appointment.id == notification.appointment_id)
    if appointment is None or not appointment.is_active or appointment.start_at <= turn.now:
        return None
    return appointment


def _names_a_change(turn: Turn, appointment: Appointment, said: Understanding) -> bool:
    """A day, hour or person other than the appointment's ("ahí nos vemos mañana" is not)."""
    if said.wants_change or said.shift is not None or said.staff_ids:
        return True
    local = appointment.start_at.astimezone(turn.tz)
    other_day = said.date is not None and said.date != local.date()
    other_time = said.time is not None and said.time != local.time()
    return bool(other_day or other_time or said.part_of_day)


def answer(turn: Turn, appointment: Appointment, said: Understanding, payload: str = "") -> bool:
    """Act on a reply to the reminder; False when the message is not such a reply.

    Besides 1, 2 and 3: "ahí estaré" confirms, "¿me la cambias al viernes?" or "puedo llegar
    media hora más tarde" moves it (reading the same message), "cancélala" cancels it.
    """
    choice = PAYLOADS.get(payload.strip().lower()) or said.choice
    moves = _names_a_change(turn, appointment, said)
    if choice is None and (said.intent == "reschedule" or moves):
        turn.next_said = said if moves else None
        choice = 2
    elif choice is None and said.intent in ("cancel_appointment", "abandon"):
        choice = 3
    if choice is None and said.yes is True and not moves:
        choice = 1
    if choice == 1:
        try:
            booking.confirm(turn.org, appointment.number, clock=turn.clock)
        except DomainError as error:
            turn.say(error.message)
            return True
        turn.say(CONFIRMED)
        return True
    if choice in (2, 3):
        turn.next_intent = "reschedule" if choice == 2 else "cancel_appointment"
        turn.next_slots = {"appointment": appointment.number}
        return True
    if (said.yes is False or said.intent == "cant_make_it") and not said.says_when:
        turn.say(WHICH)
        return True
    return False
