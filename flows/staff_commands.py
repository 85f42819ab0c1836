"""What the quick staff commands do and say. Permissions are decided here, in code, never by
the NLU: employees see and change their own agenda, owners everything in their business."""

from __future__ import annotations

import datetime as dt

from domain import booking, customers, fmt
from domain.errors import DomainError
from domain.models import Appointment, Customer
from flows import staff_blocks, staff_outreach
from flows.base import Turn
from flows.staff_targets import find_customers, name_then_rest
from flows.understanding import Command

HELP_EMPLOYEE = (
    "Comandos:\n"
    "• agenda [día] — tu agenda (hoy si no dices día): «qué tengo mañana»\n"
    "• bloquear [día] 3 a 5pm [motivo] · desbloquear N: «mañana no vengo»\n"
    "• walkin servicio [hora] [nombre] [teléfono]: «llegó una señora para tinte, se llama Rosa»\n"
    "• completar N · noshow N · cancelar N [motivo] · mover N día hora: «no llegó la de las 4»\n"
    "• mensaje N: texto · «dile a la de las 4 que llego 10 min tarde» · suelta a Rosa\n"
    "• cliente nombre o teléfono · nota cliente: texto\n"
    "• panel — enlace para entrar al panel web\n"
    "• quiero agendar como cliente\n"
    "Puedes escribirlos a tu manera, como en los ejemplos entre comillas."
)
HELP_OWNER = (
    HELP_EMPLOYEE + "\nComo dueña o dueño también: agenda todos [día] («cómo está el salón "
    "hoy», «qué tiene Sofía mañana») · cerrar 24 dic [motivo]"
)
UNKNOWN = "No reconocí ese comando."
NEW_TIME = "Dime el nuevo día y hora, por ejemplo: mover 41 viernes 5pm."


def help_text(turn: Turn) -> str:
    return HELP_OWNER if turn.staff.is_owner else HELP_EMPLOYEE


def describe(turn: Turn, appointment: Appointment) -> str:
    return (
        f"#{appointment.number} {appointment.service.name} — "
        f"{appointment.customer.name or 'cliente'}, "
        f"{fmt.when(appointment.start_at, turn.org.timezone)}"
    )


def complete(turn: Turn, appointment: Appointment) -> None:
    try:
        booking.complete(turn.org, appointment.number, clock=turn.clock, actor=turn.actor)
    except DomainError as error:
        turn.say(error.message)
        return
    turn.say(f"#{appointment.number} marcada como completada.")


def no_show(turn: Turn, appointment: Appointment) -> None:
    try:
        booking.mark_no_show(turn.org, appointment.number, clock=turn.clock, actor=turn.actor)
    except DomainError as error:
        turn.say(error.message)
        return
    person = Customer.get_by_id(appointment.customer_id)
    turn.say(
        f"#{appointment.number} marcada como no asistió. {person.name or 'El cliente'} suma "
        f"{person.no_show_count} inasistencia{'s' if person.no_show_count != 1 else ''}."
    )


def customer_card(turn: Turn, person: Customer) -> str:
    upcoming = customers.upcoming(turn.org, person, turn.now)
    past = customers.history(turn.org, person, turn.now, limit=1)
    tz = turn.org.timezone
    lines = [f"{person.name or 'Sin nombre'} ({person.phone or 'sin teléfono'})"]
    if upcoming:
        a = upcoming[0]
        lines.append(f"Próxima: #{a.number} {a.service.name} — {fmt.when(a.start_at, tz)}")
    if past:
        a = past[0]
        status = {"completed": "completada", "no_show": "no asistió", "cancelled": "cancelada"}
        lines.append(
            f"Última: {a.service.name} — {fmt.day(a.start_at, tz)} "
            f"({status.get(a.status, 'agendada')})"
        )
    lines.append(f"Inasistencias: {person.no_show_count}")
    if person.notes:
        lines.append(f"Notas: {person.notes[-500:]}")
    return "\n".join(lines)


def find_customer(turn: Turn, command: Command) -> None:
    if not command.text.strip():
        turn.puzzled("¿A quién busco? Escribe, por ejemplo: cliente Rosa o cliente 5520000002.")
        return
    found = find_customers(turn, command.text)
    if not found:
        turn.say(f"No encontré clientes con «{command.text[:40]}».")
    elif len(found) == 1:
        turn.say(customer_card(turn, found[0]))
    else:
        names = "\n".join(
            f"• {c.name or 'Sin nombre'} ({c.phone or 'sin teléfono'})" for c in found[:8]
        )
        turn.say(f"Encontré {len(found)}:\n{names}\nEscribe el nombre completo o el teléfono.")


def add_note(turn: Turn, command: Command) -> None:
    """ "nota Rosa Díaz: prefiere agua" or "anota que a Rosa le gusta el agua"."""
    if command.who:
        found, note = find_customers(turn, command.who), command.text
    else:
        found, _name, note = name_then_rest(turn, command.text)
    if len(found) != 1:
        turn.say("¿De qué cliente? Escribe, por ejemplo: nota Rosa Díaz: prefiere agua mineral.")
        return
    if not note.strip():
        turn.say("¿Qué anoto? Escribe la nota después del nombre.")
        return
    who = found[0]
    customers.add_note(who, note, author=turn.staff.name, now=turn.now)
    turn.say(f"Anoté en {who.name}: {note[:200]}")


def move_question(turn: Turn, command: Command, appointment: Appointment):
    """(what to do, the question to ask) for moving an appointment; None when no new day or
    hour was said. A day alone keeps the hour; an hour alone keeps the day."""
    if command.date is None and command.start is None:
        return None
    was = appointment.start_at.astimezone(turn.tz)
    day, at = command.date or was.date(), command.start or was.time()
    start = dt.datetime.combine(day, at, tzinfo=turn.tz)
    pending = {"do": "move", "number": appointment.number, "start": start.isoformat()}
    question = (
        f"¿Muevo la {describe(turn, appointment)} al "
        f"{fmt.when(start, turn.org.timezone)}? Le avisaré por WhatsApp."
    )
    return pending, question


def execute(turn: Turn, pending: dict) -> None:
    """Do what was confirmed with a yes."""
    action = pending["do"]
    try:
        if action in ("block", "close"):
            start = dt.datetime.fromisoformat(pending["start"])
            end = dt.datetime.fromisoformat(pending["end"])
            staff_blocks.do_block(turn, start, end, pending["reason"], whole=action == "close")
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
        elif action == "message":
            staff_outreach.send(turn, pending)
    except DomainError as error:
        turn.say(error.message)
