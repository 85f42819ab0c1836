"""Booking: service → (someone in particular, or anyone) → day → time → confirm → name → booked.

The form asks only for what is still missing, so "corte de dama mañana a las 5 con Sofía"
goes straight to the confirmation. Any answer may also correct an earlier one ("no, mejor a
las 6", "mejor con Ana", "otro día").
"""

from __future__ import annotations

from statemachine import State

from domain import booking, fmt
from domain.customers import set_name
from domain.errors import BookingConflict, DomainError
from flows import steps
from flows.base import Flow
from flows.understanding import Understanding
from flows.validation import forget_times

CONFIRM = "¿Lo confirmo? Responde *sí* o *no*."
ASK_NAME = "¿A nombre de quién agendo la cita?"
ASK_NAME_KNOWN = (
    "¿A nombre de quién agendo la cita? Si es para ti, responde *sí* y la pongo a nombre "
    "de {name}."
)
CHANGE_WHAT = "Va. ¿Qué hora u otro día te acomoda? También puedes escribir *menú*."
LOST = "Uy, ese horario se acaba de ocupar."
DONE = (
    "¡Listo{name}! Tu cita quedó agendada:\n{service} con {staff} — {when}\n"
    "Te mandaré un recordatorio un día antes. Escribe *menú* para ver más opciones."
)


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

    def needs_name(self) -> bool:
        customer = self.turn.customer
        return customer is not None and not customer.name_confirmed

    # --- reading answers ------------------------------------------------------------

    def handle(self, said: Understanding) -> None:
        state, slots, turn = self.current_state_value, self.slots, self.turn
        taken = False
        if state == "awaiting_confirmation" and said.yes is True and not said.says_when:
            slots["confirmed"] = True
            taken = True
        elif state == "awaiting_confirmation" and said.yes is False and not said.says_when:
            steps.forget_time(slots)
            turn.say(CHANGE_WHAT)
            slots["quiet"] = True
            taken = True
        elif state == "awaiting_name":
            taken = self._take_name(said)
        elif state == "awaiting_location":
            taken = steps.take_branch(turn, slots, said)
        if state != "awaiting_name":  # a name is not a wish about the service or the time
            listing = state == "awaiting_service"
            taken |= steps.take_service(turn, slots, said, listing=listing)
            taken |= steps.take_when(turn, slots, said, state)
        if not taken:
            turn.puzzled(self._puzzled_text())
        self.send("advance")

    def _take_name(self, said: Understanding) -> bool:
        customer = self.turn.customer
        if said.yes is True and customer.name:
            set_name(customer, customer.name)
            return True
        result = steps.check(self.turn, self.slots, "customer_name", said.name or said.text)
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

    # --- asking -------------------------------------------------------------------

    def on_enter_awaiting_location(self) -> None:
        steps.ask_branch(self.turn, self.slots)

    def on_enter_awaiting_service(self) -> None:
        steps.ask_service(self.turn, self.slots, among=self.slots.pop("ambiguous", None))

    def on_enter_awaiting_day(self) -> None:
        steps.ask_day(self.turn, self.slots)

    def on_enter_awaiting_time(self) -> None:
        if self.slots.pop("quiet", False):
            return
        steps.show_times(self.turn, self.slots)

    def on_enter_awaiting_confirmation(self) -> None:
        self.slots["options"] = []
        lead = "¡Hola! Tengo este horario para ti:\n" if self.slots.pop("fresh", False) else ""
        self.turn.say(f"{lead}{steps.describe(self.turn, self.slots)}\n{CONFIRM}")

    def on_enter_awaiting_name(self) -> None:
        customer = self.turn.customer
        if customer.name:
            self.turn.say(ASK_NAME_KNOWN.format(name=customer.name))
        else:
            self.turn.say(ASK_NAME)

    def on_enter_booking(self) -> None:
        slots, turn = self.slots, self.turn
        try:
            appointment = booking.book(
                turn.org,
                customer=turn.customer,
                service=steps.service_of(slots),
                staff=steps.chosen_staff(slots),
                start=steps.chosen_start(slots),
                clock=turn.clock,
                source="whatsapp",
                actor="customer",
                location=steps.location_of(turn, slots),
            )
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
        slots["appointment"] = appointment.number
        first = turn.customer.name.split()[0] if turn.customer.name else ""
        turn.say(
            DONE.format(
                name=f", {first}" if first else "",
                service=appointment.service.name,
                staff=appointment.staff.name,
                when=fmt.when(appointment.start_at, turn.org.timezone),
            )
        )
        self.send("done")

    def _offer_nearby(self) -> None:
        """After losing the time: the same time with someone else, or the nearest ones."""
        wished = steps.chosen_start(self.slots).astimezone(self.turn.tz)
        forget_times(self.turn.memo)
        steps.forget_time(self.slots)
        steps.take_time(self.turn, self.slots, wished.time(), explain=False)


def prefill(slots: dict, said: Understanding) -> None:
    """Mark a booking that starts from a message saying everything, for its greeting."""
    if said.service_ids and said.says_when:
        slots["fresh"] = True
