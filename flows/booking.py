"""Booking: service → (someone in particular, or anyone) → day → time → confirm → name → booked.

The form asks only for what is still missing, so "corte de dama mañana a las 5 con Sofía"
goes straight to the confirmation. Any answer may also correct an earlier one ("no, mejor a
las 6", "mejor con Ana", "más temprano", "otro día"). Several services in one message are
one visit, booked back to back; a visit for someone else ("para mi hija Valeria") is booked
in their name, on the phone owner's account.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from statemachine import State

from domain import booking, fmt
from domain.customers import set_name
from domain.errors import BookingConflict, DomainError
from flows import offers, steps, visit
from flows.base import Flow
from flows.understanding import Understanding
from flows.validation import forget_times

CONFIRM = "¿Lo confirmo? Responde *sí* o *no*."
ASK_NAME = "¿A nombre de quién agendo la cita?"
ASK_NAME_KNOWN = (
    "¿A nombre de quién agendo la cita? Si es para ti, responde *sí* y la pongo a nombre "
    "de {name}."
)
ASK_ATTENDEE = "¿Cómo se llama tu {relative}? Así anoto la cita a su nombre."
CHANGE_WHAT = "Va. ¿Qué hora u otro día te acomoda? También puedes escribir *menú*."
LOST = "Uy, ese horario se acaba de ocupar."
DONE = (
    "¡Listo{name}! Tu cita quedó agendada:\n{what}\n{reminder}"
    "Escribe *menú* para ver más opciones."
)
DONE_FOR = (
    "¡Listo! La cita de {attendee} quedó agendada:\n{what}\n{reminder}"
    "Escribe *menú* para ver más opciones."
)
DONE_MANY = (
    "¡Listo{name}! Tus citas quedaron agendadas:\n{what}\n{reminder}"
    "Escribe *menú* para ver más opciones."
)
REMINDER = "Te mandaré un recordatorio {when}. "
WAIT = "Claro, aquí sigo."
REMIND = {
    "awaiting_day": "¿Para qué día te agendo{what}?",
    "awaiting_time": "¿Qué horario te acomoda para {service} el {day}? Escribe el número, "
    "otra hora, o *otro día*.",
    "awaiting_name": ASK_NAME,
}


class BookingFlow(Flow):
    flow_name = "booking"
    expects = {
        "awaiting_location": "choice",
        "awaiting_service": "service",
        "awaiting_day": "day",
        "awaiting_time": "time",
        "awaiting_confirmation": "yes_no",
        "awaiting_name": "name",
    }

    start = State(initial=True)
    awaiting_location = State()
    awaiting_service = State()
    awaiting_day = State()
    awaiting_time = State()
    awaiting_confirmation = State()
    awaiting_name = State()
    booking = State()
    booked = State(final=True)

    _asking = (start, awaiting_location, awaiting_service, awaiting_day, awaiting_time)
    _asking += (awaiting_confirmation, awaiting_name)
    advance = (
        awaiting_location.from_(*_asking, cond="needs_location")
        | awaiting_service.from_(*_asking, cond="needs_service")
        | awaiting_day.from_(*_asking, cond="needs_day")
        | awaiting_time.from_(*_asking, cond="needs_time")
        | awaiting_name.from_(*_asking, cond="asks_attendee_now")
        | awaiting_confirmation.from_(*_asking, unless="is_confirmed")
        | awaiting_name.from_(*_asking, cond="needs_name")
        | booking.from_(*_asking)
    )
    slot_lost = booking.to(awaiting_time, cond="needs_time") | booking.to(awaiting_confirmation)
    done = booking.to(booked)
    del _asking

    # --- guards -------------------------------------------------------------------

    def needs_location(self) -> bool:
        return steps.needs_branch(self.turn, self.slots)

    def needs_service(self) -> bool:
        return not self.slots.get("service")

    def needs_day(self) -> bool:
        return not self.slots.get("date")

    def needs_time(self) -> bool:
        return not self.slots.get("start")

    def is_confirmed(self) -> bool:
        return bool(self.slots.get("confirmed"))

    def asks_attendee_now(self) -> bool:
        """Told at the confirmation that it is for someone else: their name, then confirm."""
        return bool(self.slots.get("whom_changed")) and self._attendee_missing()

    def needs_name(self) -> bool:
        if self.slots.get("relative") or self.slots.get("attendee"):
            return self._attendee_missing()
        customer = self.turn.customer
        return customer is not None and not customer.name_confirmed

    def _attendee_missing(self) -> bool:
        return bool(self.slots.get("relative")) and not self.slots.get("attendee")

    # --- reading answers ------------------------------------------------------------

    def handle(self, said: Understanding) -> None:
        state, slots, turn = self.current_state_value, self.slots, self.turn
        taken = self._take_whom(said, state)
        if state == "awaiting_confirmation" and said.yes is True and not said.says_when:
            slots["confirmed"] = True
            taken = True
        elif (
            state == "awaiting_confirmation"
            and said.yes is False
            and not (said.says_when or said.wants_change)
        ):
            steps.forget_time(slots)
            turn.say(CHANGE_WHAT)
            slots["quiet"] = True
            taken = True
        elif state == "awaiting_name":
            taken = self._take_name(said) or taken
        elif state == "awaiting_location":
            taken = steps.take_branch(turn, slots, said)
        elif state == "awaiting_day" and said.yes is True and slots.pop("offered", None):
            taken = True  # "sí" to "¿te agendo uno?": the day is asked next
        elif state == "awaiting_service" and slots.get("mentioned") and _that_one(said):
            said = replace(said, service_mentions=((slots.pop("mentioned"),),))
        if state != "awaiting_name":  # a name is not a wish about the service or the time
            listing = state == "awaiting_service"
            taken |= steps.take_service(turn, slots, said, listing=listing)
            taken |= steps.take_when(turn, slots, said, state)
        slots.pop("offered", None)
        if not taken and (said.intent == "wait" or said.yes is True):
            turn.say(WAIT)
            self.remind()
            return
        if not taken:
            turn.puzzled(self._puzzled_text())
        self.send("advance")

    def begin(self, said: Understanding | None = None) -> None:
        """Start; a message that already says something is read as the first answer."""
        if said is not None and (said.relative or said.name or said.soonest):
            self.handle(said)
            return
        super().begin(said)

    def _take_whom(self, said: Understanding, state: str) -> bool:
        """ "para mi hija Valeria", "es para mi esposo", "es para mí", "soy Marco"."""
        slots = self.slots
        customer = self.turn.customer
        if said.name and not said.relative and state != "awaiting_name" and customer:
            set_name(customer, said.name)  # told in passing: not asked again
        if said.for_me and state != "awaiting_name":
            slots.pop("relative", None)
            slots.pop("attendee", None)
            return True
        if not (said.relative or (said.attendee and state != "awaiting_name")):
            return False
        slots["relative"] = said.relative or slots.get("relative")
        if said.attendee or (state == "awaiting_name" and said.name):
            slots["attendee"] = said.attendee or said.name
        if state == "awaiting_confirmation":
            slots["whom_changed"] = True
            slots.pop("confirmed", None)
        return True

    def _take_name(self, said: Understanding) -> bool:
        customer, slots = self.turn.customer, self.slots
        if self._attendee_missing() or slots.get("attendee"):
            if slots.get("attendee"):
                return True
            result = steps.check(self.turn, slots, "customer_name", said.name or said.text)
            if result.value is None:
                self.turn.say(*result.messages)
                return False
            slots["attendee"] = result.value
            return True
        if (said.yes is True or said.for_me) and customer.name:
            set_name(customer, customer.name)
            return True
        result = steps.check(self.turn, slots, "customer_name", said.name or said.text)
        if result.value is None:
            self.turn.say(*result.messages)
            return False
        set_name(customer, result.value)
        return True

    def _puzzled_text(self) -> str:
        if self.slots.get("ambiguous"):
            return ""
        return {
            "awaiting_location": "Elige la sucursal con su número.",
            "awaiting_service": "No encontré ese servicio.",
            "awaiting_day": "No entendí qué día.",
            "awaiting_time": "No entendí la hora.",
            "awaiting_confirmation": "Solo necesito un *sí* o un *no*.",
        }.get(self.current_state_value, "")

    def remind(self) -> None:
        """Ask again, briefly, what the current step waits for."""
        state, slots = self.current_state_value, self.slots
        if state == "awaiting_time" and slots.get("options") and slots.get("date"):
            day = dt.date.fromisoformat(slots["date"])
            self.turn.say(REMIND[state].format(service=visit.names(slots), day=fmt.day(day)))
        elif state == "awaiting_day":
            what = f" {visit.names(slots)}" if slots.get("service") else ""
            self.turn.say(REMIND[state].format(what=what))
        elif state == "awaiting_name" and not self._attendee_missing():
            self.turn.say(ASK_NAME)
        else:
            self.prompt()

    # --- asking -------------------------------------------------------------------

    def on_enter_awaiting_location(self) -> None:
        steps.ask_branch(self.turn, self.slots)

    def on_enter_awaiting_service(self) -> None:
        if self.slots.get("offered"):  # the offer already asked; numbers still choose
            self.slots["options"] = [s.id for s in steps.offered_services(self.turn.org)]
            return
        steps.ask_service(self.turn, self.slots, among=self.slots.pop("ambiguous", None))

    def on_enter_awaiting_day(self) -> None:
        if self.slots.get("offered"):
            return  # the offer already asked for the day
        offers.ask_day(self.turn, self.slots)

    def on_enter_awaiting_time(self) -> None:
        if self.slots.pop("quiet", False):
            return
        offers.show_times(self.turn, self.slots)

    def on_enter_awaiting_confirmation(self) -> None:
        self.slots["options"] = []
        self.slots.pop("whom_changed", None)
        lead = "¡Hola! Tengo este horario para ti:\n" if self.slots.pop("fresh", False) else ""
        self.turn.say(f"{lead}{offers.describe(self.turn, self.slots)}\n{CONFIRM}")

    def on_enter_awaiting_name(self) -> None:
        if self._attendee_missing():
            self.turn.say(ASK_ATTENDEE.format(relative=self.slots["relative"]))
            return
        customer = self.turn.customer
        if customer.name:
            self.turn.say(ASK_NAME_KNOWN.format(name=customer.name))
        else:
            self.turn.say(ASK_NAME)

    def on_enter_booking(self) -> None:
        slots, turn = self.slots, self.turn
        try:
            made = self._book()
        except BookingConflict:
            turn.say(LOST)
            self._offer_nearby()
            self.send("slot_lost")
            return
        except DomainError as error:
            turn.say(error.message)
            self._offer_nearby()
            self.send("slot_lost")
            return
        slots["appointment"] = made[0].number
        slots["visit"] = [a.number for a in made]
        turn.say(done_text(turn, made, slots.get("attendee") or ""))
        self.send("done")

    def _book(self) -> list:
        slots, turn = self.slots, self.turn
        location = steps.location_of(turn, slots)
        attendee = slots.get("attendee") or ""
        if slots.get("plan"):
            return visit.book(turn, offers.plan_parts(slots), attendee=attendee, location=location)
        appointment = booking.book(
            turn.org,
            customer=turn.customer,
            service=steps.service_of(slots),
            staff=steps.chosen_staff(slots),
            start=steps.chosen_start(slots),
            clock=turn.clock,
            source="whatsapp",
            actor="customer",
            location=location,
            attendee=attendee,
        )
        return [appointment]

    def _offer_nearby(self) -> None:
        """After losing the time: the same time with someone else, or the nearest ones."""
        wished = steps.chosen_start(self.slots).astimezone(self.turn.tz)
        forget_times(self.turn.memo)
        steps.forget_time(self.slots)
        steps.take_time(self.turn, self.slots, wished.time(), explain=False)


def done_text(turn, made: list, attendee: str) -> str:
    """ "¡Listo, Mariana! Tu cita quedó agendada: …", with the reminder the business sends."""
    tz = turn.org.timezone
    lines = [f"{a.service.name} con {a.staff.name} — {fmt.when(a.start_at, tz)}" for a in made]
    first = turn.customer.name.split()[0] if turn.customer.name else ""
    values = {
        "name": f", {first}" if first else "",
        "what": "\n".join(lines),
        "reminder": reminder_sentence(turn, made[0].start_at),
        "attendee": attendee,
    }
    if attendee:
        return DONE_FOR.format(**values)
    return (DONE_MANY if len(made) > 1 else DONE).format(**values)


def reminder_sentence(turn, start: dt.datetime) -> str:
    """What the business's reminder settings will send for this visit; '' when nothing will."""
    org, customer = turn.org, turn.customer
    if customer is not None and customer.opted_out_at is not None:
        return ""
    local = fmt.local(start, org.timezone).replace(tzinfo=None)
    now = fmt.local(turn.now, org.timezone).replace(tzinfo=None)
    going = [
        hours
        for hours in (org.reminder_hours, org.second_reminder_hours)
        if hours and local - dt.timedelta(hours=hours) > now
    ]
    if not going:
        return ""
    return REMINDER.format(when=" y otro ".join(_ahead(hours) for hours in sorted(going)[::-1]))


def _ahead(hours: int) -> str:
    if hours % 24 == 0:
        days = hours // 24
        return "un día antes" if days == 1 else f"{days} días antes"
    return "una hora antes" if hours == 1 else f"{hours} horas antes"


THAT_ONE = re.compile(r"^\W*(?:si\W+|sí\W+|ok\W+|va\W+)?(?:ese|esa|eso|el mismo|la misma)\b")


def _that_one(said: Understanding) -> bool:
    """ "ese", "sí, ese": the service just asked about."""
    return said.yes is True or bool(THAT_ONE.match(said.text.lower()))


def prefill(slots: dict, said: Understanding) -> None:
    """Mark a booking that starts from a message saying everything, for its greeting."""
    if said.service_ids and said.says_when:
        slots["fresh"] = True
