"""The menu: five numbered choices, and what each one starts."""

from __future__ import annotations

from statemachine import State

from flows.base import Flow
from flows.understanding import Understanding

OPTIONS = (
    ("Agendar una cita", "book"),
    ("Ver mis citas", "my_appointments"),
    ("Cambiar una cita", "reschedule"),
    ("Cancelar una cita", "cancel_appointment"),
    ("Hablar con alguien del equipo", "handoff"),
)
GREETING = "¡Hola{name}! Soy el asistente de {business}. ¿Qué te gustaría hacer?"
QUESTION = "¿Qué te gustaría hacer?"
PICK = (
    "Perdón, no te entendí. Dime con tus palabras qué necesitas (por ejemplo, "
    '"corte mañana a las 5" o "¿cuánto cuesta el tinte?") o elige una opción:'
)


def menu_text() -> str:
    return "\n".join(f"{i}. {label}" for i, (label, _) in enumerate(OPTIONS, start=1))


class MenuFlow(Flow):
    flow_name = "menu"
    expects = {"awaiting_choice": "menu"}

    awaiting_choice = State(initial=True)
    chosen = State(final=True)

    advance = awaiting_choice.to(chosen, cond="has_choice") | awaiting_choice.to(awaiting_choice)

    def has_choice(self) -> bool:
        return self.turn.next_intent is not None

    def handle(self, said: Understanding) -> None:
        intents = [intent for _, intent in OPTIONS]
        if said.choice and said.choice <= len(OPTIONS):
            self.turn.next_intent = intents[said.choice - 1]
        elif said.intent in intents:
            self.turn.next_intent = said.intent
        else:
            self.turn.puzzled(PICK)
            self.slots["again"] = True
        self.send("advance")

    def begin(self, said: Understanding | None = None) -> None:
        """The menu is shown as soon as the flow starts."""

    def on_enter_awaiting_choice(self) -> None:
        self.slots["options"] = list(range(1, len(OPTIONS) + 1))
        if self.slots.pop("again", False):
            self.turn.say(menu_text())
            return
        customer = self.turn.customer
        first = customer.name.split()[0] if customer and customer.name else ""
        head = (
            GREETING.format(name=f", {first}" if first else "", business=self.turn.org.name)
            if self.slots.pop("greet", self.turn.fresh)
            else QUESTION
        )
        self.turn.say(f"{head}\n{menu_text()}")
