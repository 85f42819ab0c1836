"""What staff commands do and say. Permissions are decided here, in code, never by the NLU:
employees see and change their own agenda, owners everything in their business."""

from __future__ import annotations

import datetime as dt

from domain import booking, customers, fmt
from domain.blocks import add_block, blocks_between, remove_block
from domain.errors import DomainError, NotFound
from domain.models import Appointment, Customer, Staff
from flows.base import Turn
from flows.understanding import Command

STATUS = {"completed": " ✅", "no_show": " ❌ no asistió", "confirmed": " (confirmada)"}
HELP_EMPLOYEE = (
    "Comandos:\n"
    "• agenda [día] — tu agenda (hoy si no dices día)\n"
    "• bloquear [día] 3 a 5pm [motivo] · desbloquear N\n"
    "• walkin servicio [hora] [nombre] [teléfono]\n"
    "• completar N · noshow N · cancelar N [motivo] · mover N día hora\n"
    "• cliente nombre o teléfono · nota cliente: texto\n"
    "• panel — enlace para entrar al panel web\n"
    "• quiero agendar como cliente"
)
HELP_OWNER = (
    HELP_EMPLOYEE + "\nComo dueña o dueño también: agenda todos [día] · cerrar 24 dic [motivo]"
)
UNKNOWN = "No reconocí ese comando. " + HELP_EMPLOYEE.split("\n", 1)[0]


def help_text(turn: Turn) -> str:
    return HELP_OWNER if turn.staff.is_owner else HELP_EMPLOYEE


def day_bounds(turn: Turn, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=turn.tz).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=turn.tz)
    return start, end.astimezone(dt.UTC)


def agenda(turn: Turn, command: Command) -> None:
    day = command.date or turn.today
    label = "hoy, " if day == turn.today else ""
    everyone = command.everyone and turn.staff.is_owner
    if command.everyone and not turn.staff.is_owner:
        turn.say(
            "Solo quien es dueño del negocio puede ver la agenda de todos. Te muestro la tuya."
        )
    people = [turn.staff]
    if everyone:
        people = list(
            Staff.select()
            .where(Staff.org == turn.org, Staff.active == True)  # noqa: E712
            .order_by(Staff.position)
        )
    title = "Agenda de" if everyone else "Tu agenda de"
    lines = [f"{title} {label}{fmt.day(day)}:"]
    for member in people:
        entries = _entries(turn, member, day)
        if everyone:
            lines.append(f"*{member.name}*")
        lines.extend(entries or ["Sin citas."])
    turn.say("\n".join(lines))


def _entries(turn: Turn, member: Staff, day: dt.date) -> list[str]:
    start, end = day_bounds(turn, day)
    rows = []
    for a in (
        Appointment.select()
        .where(
            Appointment.org == turn.org,
            Appointment.staff == member,
            Appointment.start_at >= start,
            Appointment.start_at < end,
            Appointment.status != "cancelled",
        )
        .order_by(Appointment.start_at)
    ):
        who = a.customer.name or "cliente"
        text = f"#{a.number} {fmt.hhmm(a.start_at, turn.org.timezone)} {a.service.name} — {who}"
        rows.append((a.start_at, text + STATUS.get(a.status, "")))
    for b in blocks_between(turn.org, start, end, staff=member):
        span = f"{fmt.hhmm(max(b.start_at, start), turn.org.timezone)}–"
        span += f"{fmt.hhmm(min(b.end_at, end), turn.org.timezone)}"
        reason = f" ({b.reason})" if b.reason else ""
        owner = "" if b.staff_id else " negocio cerrado"
        rows.append((b.start_at, f"🔒 #{b.number} {span} bloqueado{owner}{reason}"))
    return [text for _, text in sorted(rows, key=lambda row: row[0])]


def block_span(turn: Turn, command: Command) -> tuple[dt.datetime, dt.datetime] | str:
    """The UTC span of a "bloquear" command, or the Spanish reason it cannot be read."""
    if command.problem == "backwards":
        return "La hora final debe ser después de la inicial, por ejemplo: bloquear 3 a 5pm."
    if command.start is None or command.end is None:
        return "Dime de qué hora a qué hora, por ejemplo: bloquear mañana 3 a 5pm doctor."
    day = command.date or turn.today
    start = dt.datetime.combine(day, command.start, tzinfo=turn.tz).astimezone(dt.UTC)
    end = dt.datetime.combine(day, command.end, tzinfo=turn.tz).astimezone(dt.UTC)
    if end <= start:
        return "La hora final debe ser después de la inicial."
    return start, end


def closure_span(turn: Turn, command: Command) -> tuple[dt.datetime, dt.datetime] | str:
    if command.date is None:
        return "¿Qué día cerramos? Por ejemplo: cerrar 24 dic, o cerrar del 24 al 26 de diciembre."
    first, last = command.date, command.until or command.date
    start, _ = day_bounds(turn, first)
    _, end = day_bounds(turn, last)
    return start, end


def collisions_text(turn: Turn, appointments: list[Appointment]) -> str:
    lines = [
        f"#{a.number} {fmt.when(a.start_at, turn.org.timezone)} {a.service.name} — "
        f"{a.customer.name or 'cliente'}"
        for a in appointments
    ]
    return "Ojo, en ese horario hay citas:\n" + "\n".join(lines)


def do_block(turn: Turn, start: dt.datetime, end: dt.datetime, reason: str, *, whole: bool):
    block = add_block(
        turn.org,
        start=start,
        end=end,
        staff=None if whole else turn.staff,
        reason=reason,
        kind="holiday" if whole else "block",
    )
    tz = turn.org.timezone
    why = f" ({block.reason})" if block.reason else ""
    if whole:
        last = (end - dt.timedelta(minutes=1)).astimezone(turn.tz).date()
        first = start.astimezone(turn.tz).date()
        days = fmt.day(first) if first == last else f"del {fmt.day(first)} al {fmt.day(last)}"
        turn.say(f"Listo: el negocio queda cerrado {days}{why}. Bloqueo #{block.number}.")
    else:
        turn.say(
            fmt.sentence(
                f"Listo: bloqueado {fmt.day(start, tz)} de {fmt.clock_time(start, tz)} a "
                f"{fmt.clock_time(end, tz)}{why}"
            )
            + f" Bloqueo #{block.number}."
        )


def unblock(turn: Turn, command: Command) -> None:
    if command.number is None:
        turn.puzzled("¿Cuál bloqueo? Escribe, por ejemplo: desbloquear 45.")
        return
    mine_only = None if turn.staff.is_owner else turn.staff
    try:
        remove_block(turn.org, command.number, staff=mine_only)
    except NotFound as error:
        turn.say(error.message)
        return
    turn.say(f"Listo, quité el bloqueo #{command.number}.")


def appointment_for(turn: Turn, number: int | None) -> Appointment | str:
    """The appointment the command names, if this person may change it."""
    if number is None:
        return "¿Qué cita? Escribe su número, por ejemplo: completar 41."
    try:
        appointment = booking.get_appointment(turn.org, number)
    except NotFound as error:
        return error.message
    if not turn.staff.is_owner and appointment.staff_id != turn.staff.id:
        return f"La cita #{number} es de {appointment.staff.name}; solo puedes cambiar las tuyas."
    return appointment


def complete(turn: Turn, command: Command) -> None:
    appointment = appointment_for(turn, command.number)
    if isinstance(appointment, str):
        turn.say(appointment)
        return
    try:
        booking.complete(turn.org, appointment.number, clock=turn.clock, actor=turn.actor)
    except DomainError as error:
        turn.say(error.message)
        return
    turn.say(f"#{appointment.number} marcada como completada.")


def no_show(turn: Turn, command: Command) -> None:
    appointment = appointment_for(turn, command.number)
    if isinstance(appointment, str):
        turn.say(appointment)
        return
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


def describe(turn: Turn, appointment: Appointment) -> str:
    return (
        f"#{appointment.number} {appointment.service.name} — "
        f"{appointment.customer.name or 'cliente'}, "
        f"{fmt.when(appointment.start_at, turn.org.timezone)}"
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
    found = customers.search(turn.org, command.text)
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
    who, note = _split_note(turn, command.text)
    if who is None:
        turn.say("¿De qué cliente? Escribe, por ejemplo: nota Rosa Díaz: prefiere agua mineral.")
        return
    if not note:
        turn.say("¿Qué anoto? Escribe la nota después del nombre.")
        return
    customers.add_note(who, note, author=turn.staff.name, now=turn.now)
    turn.say(f"Anoté en {who.name}: {note[:200]}")


def _split_note(turn: Turn, text: str) -> tuple[Customer | None, str]:
    """ "Rosa Díaz: prefiere agua" or "Rosa Díaz prefiere agua": the customer, then the note."""
    if ":" in text:
        name, note = text.split(":", 1)
        found = customers.search(turn.org, name.strip())
        return (found[0] if len(found) == 1 else None), note.strip()
    words = text.split()
    for size in (3, 2, 1):
        found = customers.search(turn.org, " ".join(words[:size])) if len(words) > size else []
        if len(found) == 1:
            return found[0], " ".join(words[size:])
    return None, ""
