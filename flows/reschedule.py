"""Moving an appointment: which one (if several) → new day → time → confirm → moved.

What changes is read from the customer's own words, against the appointment as it stands:
"el viernes a la misma hora", "el mismo día pero más tarde", "una hora más tarde", "a las 4"
(the same day), "con Ana" (the same time).
"""

from __future__ import annotations

from dataclasses import replace

from statemachine import State

from domain import booking, fmt
from domain.errors import BookingConflict, DomainError
from flows import appointments, offers, steps, wishes
from flows.base import Flow
from flows.understanding import Understanding
from flows.validation import forget_times

NOTHING = "No tienes citas próximas para cambiar. ¿Quieres agendar una? Escribe *agendar*."
CONFIRM = "Cambio tu cita a:\n{choice}\n¿Lo confirmo? Responde *sí* o *no*."
DONE = "¡Listo! Tu cita quedó para el {when} con {staff}. Te esperamos."
KEPT = "Va, tu cita se queda como estaba. Escribe *menú* si necesitas algo más."


class RescheduleFlow(appointments.ChoosesAppointment, Flow):
    flow_name = "reschedule"
    verb = "cambiar"
    expects = {
        "choosing_appointment": "choice",
        "awaiting_day": "day",
        "awaiting_time": "time",
        "awaiting_confirmation": "yes_no",
    }

    start = State(initial=True)
    choosing_appointment = State()
    awaiting_day = State()
    awaiting_time = State()
    awaiting_confirmation = State()
    moving = State()
    moved = State(final=True)
    stopped = State(final=True)

    _asking = (start, choosing_appointment, awaiting_day, awaiting_time, awaiting_confirmation)
    advance = (
        stopped.from_(*_asking, cond="nothing_to_do")
        | choosing_appointment.from_(*_asking, cond="needs_appointment")
        | stopped.from_(*_asking, cond="too_late")
        | stopped.from_(*_asking, cond="declined")
        | awaiting_day.from_(*_asking, cond="needs_day")
        | awaiting_time.from_(*_asking, cond="needs_time")
        | awaiting_confirmation.from_(*_asking, unless="is_confirmed")
        | moving.from_(*_asking)
    )
    slot_lost = moving.to(awaiting_time, cond="needs_time") | moving.to(awaiting_confirmation)
    done = moving.to(moved)
    del _asking

    def declined(self) -> bool:
        return bool(self.slots.get("declined"))

    def needs_day(self) -> bool:
        return not self.slots.get("date")

    def needs_time(self) -> bool:
        return not self.slots.get("start")

    def is_confirmed(self) -> bool:
        return bool(self.slots.get("confirmed"))

    def _adopt_appointment(self, said: Understanding | None = None) -> Understanding | None:
        """Take the service, stylist and time of the appointment being moved, once."""
        if said is not None:
            said = appointments.identify(self.turn, self.slots, said)
        appointments.pick_only_one(self.turn, self.slots)
        appointment = appointments.chosen(self.turn, self.slots)
        if self.slots.get("service") or appointment is None:
            return said
        self.slots.update(
            location=appointment.location_id,
            service=appointment.service_id,
            staff=self.slots.get("staff") or appointment.staff_id,
            exclude=appointment.id,
            anchor=appointment.start_at.isoformat(),
        )
        steps.settle(self.turn, self.slots)
        return said

    def handle(self, said: Understanding) -> None:
        state, slots, turn = self.current_state_value, self.slots, self.turn
        said = self._adopt_appointment(said)
        taken = False
        if state == "choosing_appointment":
            taken = appointments.take_which(turn, slots, said)
            said = self._adopt_appointment(said)
            if taken and self._says_what_changes(said):
                taken = steps.take_when(turn, slots, self._against_appointment(said), state)
        elif state == "awaiting_confirmation" and said.yes is not None and not said.says_when:
            slots["confirmed" if said.yes else "declined"] = True
            taken = True
        else:
            taken = steps.take_when(turn, slots, self._against_appointment(said), state)
        if not taken:
            turn.puzzled(
                "No entendí."
                if state != "choosing_appointment"
                else "¿Cuál de ellas? Dime el número."
            )
        self.send("advance")

    def _says_what_changes(self, said: Understanding) -> bool:
        return bool(said.says_when or said.wants_change or said.shift or said.staff_ids)

    def _against_appointment(self, said: Understanding) -> Understanding:
        """An hour alone keeps the appointment's day; a stylist alone keeps day and hour."""
        anchor = self.slots.get("anchor")
        if not anchor or self.slots.get("date"):
            return said
        current = wishes.reference(self.turn, {"anchor": anchor})
        if said.time and not said.date:
            return replace(said, date=current.date())
        if said.staff_ids and not (said.says_when or said.wants_change or said.shift):
            return replace(said, date=current.date(), time=current.time())
        return said

    def begin(self, said: Understanding | None = None) -> None:
        said = self._adopt_appointment(said)
        if said is not None and self._says_what_changes(said) and self.slots.get("service"):
            self.handle(said)
        else:
            self.send("advance")

    def on_enter_choosing_appointment(self) -> None:
        appointments.ask_which(self.turn, self.slots, "cambiar")

    def on_enter_awaiting_day(self) -> None:
        appointment = appointments.chosen(self.turn, self.slots)
        self.turn.say(f"Tu cita: {appointments.line(self.turn, appointment)}")
        offers.ask_day(self.turn, self.slots)

    def on_enter_awaiting_time(self) -> None:
        offers.show_times(self.turn, self.slots)

    def on_enter_awaiting_confirmation(self) -> None:
        self.slots["options"] = []
        self.turn.say(CONFIRM.format(choice=offers.describe(self.turn, self.slots)))

    def on_enter_stopped(self) -> None:
        if self.slots.get("declined"):
            self.turn.say(KEPT)
        elif "appointment" not in self.slots:
            self.turn.say(NOTHING)
        else:
            self.turn.say(self.refusal())

    def on_enter_moving(self) -> None:
        slots, turn = self.slots, self.turn
        try:
            moved = booking.reschedule(
                turn.org,
                slots["appointment"],
                steps.chosen_start(slots),
                clock=turn.clock,
                staff=steps.chosen_staff(slots),
                actor="customer",
            )
        except (BookingConflict, DomainError) as error:
            turn.say(
                error.message
                if not isinstance(error, BookingConflict)
                else "Uy, ese horario se acaba de ocupar."
            )
            wished = steps.chosen_start(slots).astimezone(turn.tz)
            forget_times(turn.memo)
            steps.forget_time(slots)
            steps.take_time(turn, slots, wished.time(), explain=False)
            self.send("slot_lost")
            return
        turn.say(
            DONE.format(when=fmt.when(moved.start_at, turn.org.timezone), staff=moved.staff.name)
        )
        self.send("done")
