"""Staff on WhatsApp: commands in their own words, and a question when something is missing.

idle → a command runs at once (agenda, completar, noshow, cliente, nota…), or the flow waits:
for a yes (cancelar, mover, a block over appointments, cerrar, a message to a customer), for
a choice (several appointments or customers fit), for a walk-in's service, for a block's hours
(the day said stays), or for the text of a message. An answer that fits the question is taken
as one; a new command instead drops what was pending.
"""

from __future__ import annotations

import dataclasses
import re

from statemachine import State

from domain.models import Customer
from flows import staff_agenda, staff_blocks, staff_outreach, staff_walkin
from flows import staff_commands as do
from flows import staff_targets as targets
from flows.base import Flow
from flows.steps import numbered
from flows.understanding import Command, Understanding
from flows.validation import offered_services

NOTHING_DONE = "Va, no hice ningún cambio."
YES_OR_NO = "Responde *sí* o *no*."
REPORTED = re.compile(r"^(?:dile |dígale |digale )?que\s+", re.IGNORECASE)
WHICH = {"appointment": "¿Cuál de estas citas?", "customer": "¿A quién de estas personas?"}


class StaffFlow(Flow):
    flow_name = "staff"
    expects = {
        "awaiting_confirmation": "yes_no",
        "awaiting_service": "service",
        "awaiting_choice": "choice",
        "awaiting_hours": "time",
    }

    idle = State(initial=True)
    awaiting_confirmation = State()
    awaiting_service = State()
    awaiting_choice = State()
    awaiting_hours = State()
    awaiting_text = State()

    ask = awaiting_confirmation.from_(idle)
    ask_service = awaiting_service.from_(idle)
    ask_choice = awaiting_choice.from_(idle)
    ask_hours = awaiting_hours.from_(idle, awaiting_hours)
    ask_text = awaiting_text.from_(idle)
    settle = idle.from_(
        idle,
        awaiting_confirmation,
        awaiting_service,
        awaiting_choice,
        awaiting_hours,
        awaiting_text,
    )

    def handle(self, said: Understanding) -> None:
        state = self.current_state_value
        if state != "idle" and self._fits(state, said):
            getattr(self, f"_answer_{state}")(said)
        elif said.command is not None and not said.command.implicit or state == "idle":
            self.drop()
            self.run(said.command)
        else:
            self.turn.puzzled(self.slots.get("question") or YES_OR_NO)

    def _fits(self, state: str, said: Understanding) -> bool:
        """Whether a message answers the question asked (rather than being a new command)."""
        command = said.command
        loose = command is None or command.implicit
        return {
            "awaiting_confirmation": said.yes is not None and loose,
            "awaiting_choice": said.choice is not None,
            "awaiting_service": loose and (said.choice is not None or bool(said.service_ids)),
            "awaiting_hours": loose,
            "awaiting_text": True,
        }[state]

    def drop(self) -> None:
        for key in ("pending", "options", "choosing", "command", "question"):
            self.slots.pop(key, None)
        if self.current_state_value != "idle":
            self.send("settle")

    # --- what the modules ask of the machine ---------------------------------------

    def confirm(self, pending: dict, question: str) -> None:
        self.slots["pending"] = pending
        self.slots["question"] = YES_OR_NO
        self.turn.say(f"{question} {YES_OR_NO}")
        self.send("ask")

    def choose(self, kind: str, options: list[int], lines: list[str], command: Command) -> None:
        self.slots.update(options=options, choosing=kind, command=targets.saved(command))
        self.slots["question"] = "Escribe el número de la lista."
        self.turn.say(f"{WHICH[kind]}\n{numbered(lines)}\nEscribe el número.")
        self.send("ask_choice")

    def wait_text(self, pending: dict, question: str) -> None:
        self.slots.update(pending=pending, question=question)
        self.turn.say(question)
        self.send("ask_text")

    # --- commands -----------------------------------------------------------------

    def run(self, command: Command | None) -> None:
        turn = self.turn
        verb = command.verb if command else None
        if command is not None and command.implicit and verb == "bloquear":
            verb = verb if command.start and command.end else None  # "toda la tarde" alone
        simple = {
            "agenda": staff_agenda.show,
            "desbloquear": staff_blocks.unblock,
            "cliente": do.find_customer,
            "nota": do.add_note,
            "soltar": staff_outreach.release,
        }
        if verb in simple:
            simple[verb](turn, command)
        elif verb == "ayuda":
            turn.say(do.help_text(turn))
        elif verb in ("bloquear", "cerrar"):
            staff_blocks.block(self, command, whole=verb == "cerrar")
        elif verb == "walkin":
            self._walk_in(command)
        elif verb in ("completar", "noshow", "cancelar", "mover"):
            self._about_appointment(command)
        elif verb == "mensaje":
            staff_outreach.start(self, command)
        elif verb == "panel":
            turn.say(
                "Tu enlace para entrar al panel (sirve una vez, durante 15 minutos):\n"
                f"{turn.login_link(turn.staff)}"
            )
        else:
            turn.puzzled(f"{do.UNKNOWN}\n{do.help_text(turn)}")

    def _about_appointment(self, command: Command) -> None:
        turn = self.turn
        found = targets.appointment_target(turn, command)
        if isinstance(found, str):
            turn.say(found)
        elif isinstance(found, list):
            lines = [targets.appointment_line(turn, a) for a in found]
            self.choose("appointment", [a.number for a in found], lines, command)
        elif command.verb == "completar":
            do.complete(turn, found)
        elif command.verb == "noshow":
            do.no_show(turn, found)
        elif command.verb == "cancelar":
            pending = {"do": "cancel", "number": found.number, "reason": command.text}
            self.confirm(
                pending, f"¿Cancelo la {do.describe(turn, found)}? Le avisaré por WhatsApp."
            )
        else:
            move = do.move_question(turn, command, found)
            if move is None:
                turn.puzzled(do.NEW_TIME)
            else:
                self.confirm(*move)

    # --- answers to the other questions -------------------------------------------

    def _answer_awaiting_hours(self, said: Understanding) -> None:
        staff_blocks.answer_hours(self, said)

    def _answer_awaiting_confirmation(self, said: Understanding) -> None:
        pending = self.slots.get("pending")
        self.drop()
        if said.yes and pending:
            do.execute(self.turn, pending)
        else:
            self.turn.say(NOTHING_DONE)

    def _answer_awaiting_choice(self, said: Understanding) -> None:
        options, kind = self.slots["options"], self.slots["choosing"]
        if not 1 <= said.choice <= len(options):
            self.turn.puzzled("Escribe el número de la lista.")
            return
        chosen = options[said.choice - 1]
        command = targets.restored(self.slots["command"])
        self.drop()
        if kind == "customer":
            person = Customer.get((Customer.org == self.turn.org) & (Customer.id == chosen))
            staff_outreach.with_customer(self, command, person)
        else:
            self.run(dataclasses.replace(command, number=chosen, at=None, on=None, who=""))

    def _answer_awaiting_text(self, said: Understanding) -> None:
        pending = self.slots["pending"]
        self.drop()
        if said.intent == "abandon" or (said.yes is False and len(said.text.split()) <= 2):
            self.turn.say("Va, no le mando nada.")
            return
        pending["text"] = REPORTED.sub("", said.text.strip())  # "que si puede venir antes"
        pending["text"] = pending["text"][:1].upper() + pending["text"][1:]
        staff_outreach.ask(self, pending)

    # --- walk-ins -------------------------------------------------------------------

    def _walk_in(self, command: Command) -> None:
        pending = staff_walkin.pending_of(command)
        chosen = staff_walkin.service_of(self.turn, command.service_ids)
        if chosen is not None:
            staff_walkin.book(self.turn, pending, chosen)
            return
        services = offered_services(self.turn.org)
        self.slots.update(pending=pending, options=[s.id for s in services])
        self.slots["question"] = "Elige el número del servicio."
        self.turn.say("¿Qué servicio?\n" + numbered([s.name for s in services]))
        self.send("ask_service")

    def _answer_awaiting_service(self, said: Understanding) -> None:
        options = self.slots.get("options") or []
        chosen = None
        if said.choice and said.choice <= len(options):
            chosen = options[said.choice - 1]
        else:
            chosen = staff_walkin.service_of(self.turn, said.service_ids)
        if chosen is None:
            self.turn.puzzled("Elige el número del servicio.")
            return
        pending = self.slots["pending"]
        self.drop()
        staff_walkin.book(self.turn, pending, chosen)
