"""Cancelling an appointment: which one (if several) → confirm → cancelled or kept."""

from __future__ import annotations

from statemachine import State

from domain import booking
from domain.errors import DomainError
from flows import appointments
from flows.base import Flow
from flows.understanding import Understanding

NOTHING = "No tienes citas próximas para cancelar."
CONFIRM = "¿Cancelo tu cita?\n{line}\nResponde *sí* o *no*."
DONE = "Listo, cancelé tu cita. Si quieres agendar otra, escribe *agendar*."
KEPT = "Perfecto, tu cita sigue en pie. ¡Te esperamos!"


class CancelFlow(appointments.ChoosesAppointment, Flow):
    flow_name = "cancel"
    verb = "cancelar"
    expects = {"choosing_appointment": "choice", "awaiting_confirmation": "yes_no"}

    start = State(initial=True)
    choosing_appointment = State()
    awaiting_confirmation = State()
    cancelled = State(final=True)
    kept = State(final=True)
    stopped = State(final=True)

    _asking = (start, choosing_appointment, awaiting_confirmation)
    advance = (
        stopped.from_(*_asking, cond="nothing_to_do")
        | choosing_appointment.from_(*_asking, cond="needs_appointment")
        | stopped.from_(*_asking, cond="too_late")
        | kept.from_(*_asking, cond="declined")
        | cancelled.from_(*_asking, cond="is_confirmed")
        | awaiting_confirmation.from_(*_asking)
    )
    del _asking

    def declined(self) -> bool:
        return self.slots.get("answer") is False

    def is_confirmed(self) -> bool:
        return self.slots.get("answer") is True

    def begin(self, said: Understanding | None = None) -> None:
        if said is not None:
            appointments.identify(self.turn, self.slots, said)
        appointments.pick_only_one(self.turn, self.slots)
        self.send("advance")

    def handle(self, said: Understanding) -> None:
        state = self.current_state_value
        if state == "choosing_appointment":
            understood = appointments.take_which(self.turn, self.slots, said)
        else:
            understood = said.yes is not None
            if understood:
                self.slots["answer"] = said.yes
        if not understood:
            self.turn.puzzled(
                "¿Cuál de ellas? Dime el número."
                if state == "choosing_appointment"
                else "Solo necesito un *sí* o un *no*."
            )
        self.send("advance")

    def on_enter_choosing_appointment(self) -> None:
        appointments.ask_which(self.turn, self.slots, "cancelar")

    def on_enter_awaiting_confirmation(self) -> None:
        self.slots["options"] = []
        appointment = appointments.chosen(self.turn, self.slots)
        self.turn.say(CONFIRM.format(line=appointments.line(self.turn, appointment)))

    def on_enter_stopped(self) -> None:
        self.turn.say(NOTHING if "appointment" not in self.slots else self.refusal())

    def on_enter_kept(self) -> None:
        self.turn.say(KEPT)

    def on_enter_cancelled(self) -> None:
        try:
            booking.cancel(
                self.turn.org, self.slots["appointment"], clock=self.turn.clock, actor="customer"
            )
        except DomainError as error:
            self.turn.say(error.message)
            return
        self.turn.say(DONE)
