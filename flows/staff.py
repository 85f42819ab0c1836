"""Staff on WhatsApp: short commands, and a question before anything that touches customers.

idle → a command runs at once (agenda, completar, noshow, cliente, nota…), or the flow waits
for a yes (cancelar, mover, bloquear over appointments, cerrar) or for a missing service
(walkin). A new command while waiting drops the pending one.
"""

from __future__ import annotations

import datetime as dt

from statemachine import State

from domain import booking, fmt
from domain.blocks import colliding_appointments
from domain.customers import customer_for_phone, set_name
from domain.errors import DomainError
from domain.models import Customer, Service, StaffService
from flows import staff_commands as do
from flows.base import Flow
from flows.steps import numbered
from flows.understanding import Command, Understanding
from flows.validation import offered_services

NOTHING_DONE = "Va, no hice ningún cambio."
YES_OR_NO = "Responde *sí* o *no*."
OWNERS_ONLY = "Solo quien es dueño del negocio puede cerrar el negocio completo."


class StaffFlow(Flow):
    flow_name = "staff"
    expects = {"awaiting_confirmation": "yes_no", "awaiting_service": "service"}

    idle = State(initial=True)
    awaiting_confirmation = State()
    awaiting_service = State()

    ask = idle.to(awaiting_confirmation)
    ask_service = idle.to(awaiting_service)
    settle = awaiting_confirmation.to(idle) | awaiting_service.to(idle) | idle.to(idle)

    def handle(self, said: Understanding) -> None:
        state = self.current_state_value
        if said.command is not None or state == "idle":
            if state != "idle":
                self.slots.pop("pending", None)
                self.send("settle")
            self.run(said.command)
        elif state == "awaiting_confirmation":
            self._answer(said)
        else:
            self._walk_in_service(said)

    # --- commands -----------------------------------------------------------------

    def run(self, command: Command | None) -> None:
        turn = self.turn
        verb = command.verb if command else None
        simple = {
            "agenda": do.agenda,
            "desbloquear": do.unblock,
            "completar": do.complete,
            "noshow": do.no_show,
            "cliente": do.find_customer,
            "nota": do.add_note,
        }
        if verb in simple:
            simple[verb](turn, command)
        elif verb == "ayuda":
            turn.say(do.help_text(turn))
        elif verb == "bloquear":
            self._block(command, whole=False)
        elif verb == "cerrar":
            self._block(command, whole=True)
        elif verb == "walkin":
            self._walk_in(command)
        elif verb in ("cancelar", "mover"):
            self._ask_about_appointment(command)
        elif verb == "panel":
            turn.say(self._panel_link())
        else:
            turn.puzzled(f"{do.UNKNOWN}\n{do.help_text(turn)}")

    def _block(self, command: Command, whole: bool) -> None:
        turn = self.turn
        if whole and not turn.staff.is_owner:
            turn.say(OWNERS_ONLY)
            return
        span = do.closure_span(turn, command) if whole else do.block_span(turn, command)
        if isinstance(span, str):
            turn.puzzled(span)
            return
        start, end = span
        clash = colliding_appointments(turn.org, None if whole else turn.staff, start, end)
        pending = {
            "do": "close" if whole else "block",
            "start": start.isoformat(),
            "end": end.isoformat(),
            "reason": command.text,
        }
        if clash:
            self._confirm(pending, f"{do.collisions_text(turn, clash)}\n¿Bloqueo de todas formas?")
            return
        self._execute(pending)

    def _ask_about_appointment(self, command: Command) -> None:
        turn = self.turn
        appointment = do.appointment_for(turn, command.number)
        if isinstance(appointment, str):
            turn.say(appointment)
            return
        if command.verb == "cancelar":
            pending = {"do": "cancel", "number": appointment.number, "reason": command.text}
            question = f"¿Cancelo la {do.describe(turn, appointment)}? Le avisaré por WhatsApp."
        else:
            if command.date is None or command.start is None:
                turn.puzzled("Dime el nuevo día y hora, por ejemplo: mover 41 viernes 5pm.")
                return
            start = dt.datetime.combine(command.date, command.start, tzinfo=turn.tz)
            pending = {"do": "move", "number": appointment.number, "start": start.isoformat()}
            question = (
                f"¿Muevo la {do.describe(turn, appointment)} al "
                f"{fmt.when(start, turn.org.timezone)}? Le avisaré por WhatsApp."
            )
        self._confirm(pending, question)

    def _confirm(self, pending: dict, question: str) -> None:
        self.slots["pending"] = pending
        self.turn.say(f"{question} {YES_OR_NO}")
        self.send("ask")

    def _answer(self, said: Understanding) -> None:
        if said.yes is None:
            self.turn.puzzled(YES_OR_NO)
            return
        pending = self.slots.pop("pending", None)
        self.send("settle")
        if said.yes and pending:
            self._execute(pending)
        else:
            self.turn.say(NOTHING_DONE)

    def _execute(self, pending: dict) -> None:
        turn, action = self.turn, pending["do"]
        try:
            if action in ("block", "close"):
                start = dt.datetime.fromisoformat(pending["start"])
                end = dt.datetime.fromisoformat(pending["end"])
                do.do_block(turn, start, end, pending["reason"], whole=action == "close")
            elif action == "cancel":
                booking.cancel(
                    turn.org,
                    pending["number"],
                    clock=turn.clock,
                    actor=turn.actor,
                    reason=pending.get("reason", ""),
                )
                turn.say(f"Listo, cancelé la #{pending['number']} y le avisaré al cliente.")
            elif action == "move":
                start = dt.datetime.fromisoformat(pending["start"]).astimezone(dt.UTC)
                moved = booking.reschedule(
                    turn.org, pending["number"], start, clock=turn.clock, actor=turn.actor
                )
                when = fmt.when(moved.start_at, turn.org.timezone)
                turn.say(
                    f"Listo, la #{moved.number} quedó el {when} con {moved.staff.name}. "
                    "Le avisaré al cliente."
                )
        except DomainError as error:
            turn.say(error.message)

    # --- walk-ins -------------------------------------------------------------------

    def _walk_in(self, command: Command) -> None:
        pending = {
            "name": command.text,
            "phone": command.phone,
            "start": command.start.strftime("%H:%M") if command.start else None,
            "date": command.date.isoformat() if command.date else None,
        }
        if len(command.service_ids) == 1:
            self._book_walk_in(pending, command.service_ids[0])
            return
        services = offered_services(self.turn.org)
        self.slots["pending"] = pending
        self.slots["options"] = [s.id for s in services]
        self.turn.say("¿Qué servicio?\n" + numbered([s.name for s in services]))
        self.send("ask_service")

    def _walk_in_service(self, said: Understanding) -> None:
        options = self.slots.get("options") or []
        chosen = None
        if said.choice and said.choice <= len(options):
            chosen = options[said.choice - 1]
        elif len(said.service_ids) == 1:
            chosen = said.service_ids[0]
        if chosen is None:
            self.turn.puzzled("Elige el número del servicio.")
            return
        pending = self.slots.pop("pending", {})
        self.send("settle")
        self._book_walk_in(pending, chosen)

    def _book_walk_in(self, pending: dict, service_id: int) -> None:
        turn = self.turn
        service = Service.get_or_none((Service.org == turn.org) & (Service.id == service_id))
        now_local = turn.now.astimezone(turn.tz).replace(second=0, microsecond=0)
        day = dt.date.fromisoformat(pending["date"]) if pending.get("date") else now_local.date()
        at = dt.time.fromisoformat(pending["start"]) if pending.get("start") else now_local.time()
        start = dt.datetime.combine(day, at, tzinfo=turn.tz).astimezone(dt.UTC)
        who = self._walk_in_customer(pending)
        does_it = (
            StaffService.select()
            .where(StaffService.staff == turn.staff, StaffService.service == service)
            .exists()
        )
        try:
            appointment = booking.book(
                turn.org,
                customer=who,
                service=service,
                staff=turn.staff if does_it else None,
                start=start,
                clock=turn.clock,
                source="walk_in",
                actor=turn.actor,
            )
        except DomainError as error:
            turn.say(error.message)
            return
        day_text = "hoy" if day == turn.today else fmt.day(day)
        turn.say(
            fmt.sentence(
                f"Agendado #{appointment.number}: {service.name} con {appointment.staff.name}, "
                f"{day_text} {fmt.clock_time(appointment.start_at, turn.org.timezone)}"
                f"{', ' + who.name if who.name else ''}"
            )
        )

    def _walk_in_customer(self, pending: dict) -> Customer:
        turn = self.turn
        if pending.get("phone"):
            person = customer_for_phone(turn.org, pending["phone"], now=turn.now)
        else:
            person = Customer.create(org=turn.org, phone=None, created_at=turn.now)
        if pending.get("name"):
            set_name(person, pending["name"])
        return person

    def _panel_link(self) -> str:
        return (
            "Tu enlace para entrar al panel (sirve una vez, durante 15 minutos):\n"
            f"{self.turn.login_link(self.turn.staff)}"
        )
