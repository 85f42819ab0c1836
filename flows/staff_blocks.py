"""Blocks and closures on WhatsApp: what span a command means, and what is said about it.

"bloquear mañana 3 a 5pm doctor" blocks at once; "bloquea el viernes en la tarde" keeps the
day and asks for the hours; "mañana no vengo" takes the whole day; "cerrar 24 dic" (owners)
closes the business. A block over appointments is confirmed first, by the flow.
"""

from __future__ import annotations

import datetime as dt

from domain import fmt
from domain.availability import default_location
from domain.blocks import add_block, remove_block
from domain.errors import NotFound
from domain.hours import load_hours
from domain.models import Appointment
from flows.base import Turn
from flows.staff_agenda import day_bounds
from flows.understanding import Command

BACKWARDS = "La hora final debe ser después de la inicial, por ejemplo: bloquear 3 a 5pm."
WHICH_DAY_FOR_CLOSING = (
    "¿Qué día cerramos? Por ejemplo: cerrar 24 dic, o cerrar del 24 al 26 de diciembre."
)


def span(turn: Turn, command: Command, day: dt.date | None = None):
    """The UTC span a block command names; None when its hours are still missing; or the
    Spanish reason it cannot be read."""
    day = command.date or day or turn.today
    if command.start is not None and command.end is not None:
        start = _at(turn, day, command.start)
        end = _at(turn, day, command.end)
        return (start, end) if end > start else BACKWARDS
    if command.problem == "backwards":
        return BACKWARDS
    if command.whole_day:
        return day_bounds(turn, day)
    if command.part_of_day and command.implicit:
        return _part_within_hours(turn, day, command.part_of_day)
    return None


def hours_question(turn: Turn, day: dt.date, part) -> str:
    hint = "*toda la tarde*" if part and part[0] >= dt.time(12) else "*todo el día*"
    if part and part[1] <= dt.time(12):
        hint = "*toda la mañana*"
    return (
        f"¿De qué hora a qué hora bloqueo el {fmt.day(day)}? Por ejemplo: de 3 a 6. "
        f"O escribe {hint}."
    )


def _at(turn: Turn, day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=turn.tz).astimezone(dt.UTC)


def _part_within_hours(turn: Turn, day: dt.date, part: tuple[dt.time, dt.time]):
    """ "toda la tarde": that part of the day, within the business's hours that day."""
    hours = load_hours(default_location(turn.org).hours).get(day.weekday(), [])
    opening = min((a for a, _ in hours), default=part[0])
    closing = max((b for _, b in hours), default=part[1])
    start, end = max(part[0], opening), min(part[1], closing)
    if end <= start:
        return f"El {fmt.day(day)} no abrimos en ese horario; dime de qué hora a qué hora."
    return _at(turn, day, start), _at(turn, day, end)


def closure_span(turn: Turn, command: Command):
    if command.date is None:
        return WHICH_DAY_FOR_CLOSING
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
    first = start.astimezone(turn.tz).date()
    last = (end - dt.timedelta(minutes=1)).astimezone(turn.tz).date()
    if whole:
        days = fmt.day(first) if first == last else f"del {fmt.day(first)} al {fmt.day(last)}"
        turn.say(f"Listo: el negocio queda cerrado {days}{why}. Bloqueo #{block.number}.")
    elif (start, end) == day_bounds(turn, first):
        turn.say(f"Listo: bloqueado {fmt.day(first)}, todo el día{why}. Bloqueo #{block.number}.")
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
