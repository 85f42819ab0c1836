"""A day's agenda on WhatsApp: one's own, a colleague's (owners) or everyone's (owners)."""

from __future__ import annotations

import datetime as dt

from domain import fmt
from domain.blocks import blocks_between
from domain.models import Appointment, Staff
from flows.base import Turn
from flows.staff_targets import day_words
from flows.understanding import Command

STATUS = {"completed": " ✅", "no_show": " ❌ no asistió", "confirmed": " (confirmada)"}
OWNERS_ONLY = "Solo quien es dueño del negocio puede ver la agenda de {who}. Te muestro la tuya."


def day_bounds(turn: Turn, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=turn.tz).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=turn.tz)
    return start, end.astimezone(dt.UTC)


def show(turn: Turn, command: Command) -> None:
    day = command.date or turn.today
    colleagues = [i for i in command.staff_ids if i != turn.staff.id]
    if (command.everyone or colleagues) and not turn.staff.is_owner:
        turn.say(OWNERS_ONLY.format(who="todos" if command.everyone else "tus compañeros"))
        command = Command("agenda", date=day)
    people, title = [turn.staff], "Tu agenda de"
    if turn.staff.is_owner and command.staff_ids:
        people = list(_active(turn).where(Staff.id.in_(command.staff_ids)))
        title = "Agenda de " + " y ".join(p.name for p in people) + " —"
    elif turn.staff.is_owner and command.everyone:
        people, title = list(_active(turn)), "Agenda de"
    label = {"hoy": "hoy, ", "mañana": "mañana, "}.get(day_words(turn, day), "")
    several = len(people) > 1 or command.everyone
    header = f"{title} {label}{fmt.day(day)}"
    lines = []
    total = 0
    for member in people:
        entries, count = _entries(turn, member, day)
        total += count
        if several:
            lines.append(f"*{member.name}*" + (f" ({_count(count)})" if count else ""))
        lines.extend(entries or ["Sin citas."])
    if total and not several:
        header += f" ({_count(total)})"
    turn.say("\n".join([f"{header}:", *lines]))


def _active(turn: Turn):
    return (
        Staff.select()
        .where(Staff.org == turn.org, Staff.active == True)  # noqa: E712
        .order_by(Staff.position, Staff.id)
    )


def _count(n: int) -> str:
    return f"{n} cita" if n == 1 else f"{n} citas"


def _entries(turn: Turn, member: Staff, day: dt.date) -> tuple[list[str], int]:
    """The day's appointments and blocks of one person, in order; and how many appointments."""
    start, end = day_bounds(turn, day)
    tz = turn.org.timezone
    rows = []
    appointments = (
        Appointment.with_people()
        .where(
            Appointment.org == turn.org,
            Appointment.staff == member,
            Appointment.start_at >= start,
            Appointment.start_at < end,
            Appointment.status != "cancelled",
        )
        .order_by(Appointment.start_at)
    )
    for a in appointments:
        who = a.customer.name or "cliente"
        text = f"#{a.number} {fmt.hhmm(a.start_at, tz)} {a.service.name} — {who}"
        rows.append((a.start_at, text + STATUS.get(a.status, "")))
    count = len(rows)
    for b in blocks_between(turn.org, start, end, staff=member):
        span = f"{fmt.hhmm(max(b.start_at, start), tz)}–{fmt.hhmm(min(b.end_at, end), tz)}"
        reason = f" ({b.reason})" if b.reason else ""
        owner = "" if b.staff_id else " negocio cerrado"
        rows.append((b.start_at, f"🔒 #{b.number} {span} bloqueado{owner}{reason}"))
    return [text for _, text in sorted(rows, key=lambda row: row[0])], count
