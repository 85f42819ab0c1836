"""A customer's own appointments: the list they ask for, and picking one to change or cancel."""

from __future__ import annotations

from dataclasses import replace

from domain import customers, fmt
from domain.booking import customer_change_refusal, get_appointment
from domain.errors import NotFound
from domain.models import Appointment
from flows.base import Turn
from flows.understanding import Understanding

NONE_YET = "No tienes citas próximas. ¿Quieres agendar una? Escribe *1* o *agendar*."


def upcoming(turn: Turn) -> list[Appointment]:
    return customers.upcoming(turn.org, turn.customer, turn.now)


def line(turn: Turn, appointment: Appointment) -> str:
    when = fmt.when(appointment.start_at, turn.org.timezone)
    status = " (confirmada)" if appointment.status == "confirmed" else ""
    return f"{appointment.service.name} con {appointment.staff.name} — {when}{status}"


def list_appointments(turn: Turn) -> None:
    """Say the customer's upcoming appointments."""
    mine = upcoming(turn)
    if not mine:
        turn.say(NONE_YET)
        return
    lines = "\n".join(f"• {line(turn, a)}" for a in mine)
    title = "Tu próxima cita:" if len(mine) == 1 else "Tus próximas citas:"
    turn.say(
        f"{title}\n{lines}\nSi necesitas moverla escribe *cambiar*; para cancelarla, *cancelar*."
    )


def ask_which(turn: Turn, slots: dict, verb: str) -> None:
    mine = upcoming(turn)
    slots["options"] = [a.number for a in mine]
    lines = "\n".join(f"{i}. {line(turn, a)}" for i, a in enumerate(mine, start=1))
    turn.say(f"¿Cuál cita quieres {verb}?\n{lines}")


def take_which(turn: Turn, slots: dict, said: Understanding) -> bool:
    """A number from the list, or the appointment's service or day ("la del jueves")."""
    options = slots.get("options") or []
    if said.choice and said.choice <= len(options):
        slots["appointment"] = options[said.choice - 1]
        return True
    return identify(turn, slots, said) is not said


def identify(turn: Turn, slots: dict, said: Understanding) -> Understanding:
    """Pick the appointment a message names ("la del manicure", "la del sábado").

    Returns the message without what named it: a day that picked the appointment is not also
    its new day. The message comes back unchanged when it names none (or several).
    """
    if "appointment" in slots and said.date and "service" not in slots:
        return _without_its_own_day(turn, slots, said)
    if "appointment" in slots or not (said.service_mentions or said.date):
        return said
    mine = upcoming(turn)
    named = {i for ids in said.service_mentions for i in ids}
    by_service = [a for a in mine if a.service_id in named]
    if len(by_service) == 1:
        slots["appointment"] = by_service[0].number
        return replace(said, service_mentions=(), service_ids=())
    same_day = [a for a in mine if a.start_at.astimezone(turn.tz).date() == said.date]
    if said.date and len(same_day) == 1:
        slots["appointment"] = same_day[0].number
        return replace(said, date=None, date_options=())
    return said


def _without_its_own_day(turn: Turn, slots: dict, said: Understanding) -> Understanding:
    """ "mi cita del jueves": the appointment's own day names it; it is not a new day."""
    appointment = chosen(turn, slots)
    if appointment and appointment.start_at.astimezone(turn.tz).date() == said.date:
        if not (said.time or said.wants_change or said.shift):
            return replace(said, date=None, date_options=())
    return said


def pick_only_one(turn: Turn, slots: dict) -> None:
    """With a single upcoming appointment there is nothing to ask."""
    if "appointment" in slots:
        return
    mine = upcoming(turn)
    if len(mine) == 1:
        slots["appointment"] = mine[0].number


def chosen(turn: Turn, slots: dict) -> Appointment | None:
    try:
        appointment = get_appointment(turn.org, slots["appointment"])
    except (KeyError, NotFound):
        return None
    if appointment.customer_id != turn.customer.id:  # only one's own appointments
        return None
    return appointment


class ChoosesAppointment:
    """Guards of a flow about one of the customer's appointments (moving, cancelling).

    The flow sets `verb` ("cambiar", "cancelar") for the cut-off explanation.
    """

    verb = ""

    def nothing_to_do(self) -> bool:
        return "appointment" not in self.slots and not upcoming(self.turn)

    def needs_appointment(self) -> bool:
        return chosen(self.turn, self.slots) is None

    def too_late(self) -> bool:
        return self.refusal() is not None

    def refusal(self) -> str | None:
        """Why the customer may not change it any more (the cut-off), or None."""
        return customer_change_refusal(chosen(self.turn, self.slots), self.turn.now, self.verb)
