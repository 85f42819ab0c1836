"""Blocks and closures on WhatsApp: what span a command means, and what is said about it.

"bloquear mañana 3 a 5pm doctor" blocks at once; "bloquea el viernes en la tarde" keeps the
day and asks for the hours; "mañana no vengo" takes the whole day; "cerrar 24 dic" (owners)
closes the business. A block over appointments is confirmed first, by the flow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from domain import fmt
from domain.availability import default_location
from domain.blocks import add_block, colliding_appointments, remove_block
from domain.errors import NotFound
from domain.hours import load_hours
from domain.models import Appointment
from flows.base import Turn
from flows.staff_agenda import day_bounds
from flows.understanding import Command, Understanding

if TYPE_CHECKING:
    from flows.staff import StaffFlow

OWNERS_ONLY = "Solo quien es dueño del negocio puede cerrar el negocio completo."
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


# --- in the conversation -------------------------------------------------------------


def block(flow: StaffFlow, command: Command, whole: bool, day: dt.date | None = None) -> None:
    """Block (or close) at once, ask before falling on appointments, or ask for the hours."""
    turn = flow.turn
    if whole and not turn.staff.is_owner:
        turn.say(OWNERS_ONLY)
        return
    found = closure_span(turn, command) if whole else span(turn, command, day)
    if isinstance(found, str):
        turn.puzzled(found)
    elif found is None:
        _ask_hours(flow, command.date or day or turn.today, command)
    else:
        _block_span(flow, found, command.text, whole)


def _ask_hours(flow: StaffFlow, day: dt.date, command: Command) -> None:
    part = command.part_of_day
    flow.slots["pending"] = {
        "date": day.isoformat(),
        "part": [t.isoformat() for t in part] if part else None,
        "reason": command.text,
    }
    question = hours_question(flow.turn, day, part)
    flow.slots["question"] = question
    flow.turn.say(question)
    flow.send("ask_hours")


def _block_span(flow: StaffFlow, found, reason: str, whole: bool) -> None:
    turn = flow.turn
    start, end = found
    clash = colliding_appointments(turn.org, None if whole else turn.staff, start, end)
    if clash:
        pending = {
            "do": "close" if whole else "block",
            "start": start.isoformat(),
            "end": end.isoformat(),
            "reason": reason,
        }
        flow.confirm(pending, f"{collisions_text(turn, clash)}\n¿Bloqueo de todas formas?")
    else:
        do_block(turn, start, end, reason, whole=whole)


def answer_hours(flow: StaffFlow, said: Understanding) -> None:
    """The hours of a block whose day was said before ("de 3 a 6", "toda la tarde"), or
    another day for it ("mejor el viernes")."""
    pending = flow.slots["pending"]
    day = dt.date.fromisoformat(pending["date"])
    command = said.command
    if command is not None and command.verb == "agenda" and command.date:
        _ask_hours(flow, command.date, Command("bloquear", text=pending["reason"]))
        return
    if command is None and said.yes and pending["part"]:  # "sí, toda"
        part = tuple(dt.time.fromisoformat(t) for t in pending["part"])
        command = Command("bloquear", part_of_day=part, implicit=True)
    if command is None or command.verb != "bloquear":
        flow.turn.puzzled(flow.slots["question"])
        return
    command = dataclasses.replace(command, text=command.text or pending["reason"])
    flow.drop()
    block(flow, command, whole=False, day=day)
