"""Weekly opening hours: several ranges a day, closed days, and their meeting with dates.

Stored as JSON {"0": [["10:00", "14:00"], ["16:00", "20:00"]], …}, 0 = Monday. A weekday that
is missing or has no ranges is closed. Times are the business's wall clock; `day_ranges` turns
them into UTC moments for one date, which is where daylight-saving changes are handled.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

Range = tuple[dt.time, dt.time]
WeeklyHours = dict[int, list[Range]]

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


class HoursError(ValueError):
    """Hours that cannot be used; the message is Spanish, for the person who typed them."""


def parse_hhmm(text: str) -> dt.time:
    try:
        hours, minutes = (int(part) for part in str(text).split(":"))
        if hours == 24 and minutes == 0:
            return dt.time.max
        return dt.time(hours, minutes)
    except (TypeError, ValueError) as exc:
        raise HoursError(f"«{text}» no es una hora válida (usa HH:MM).") from exc


def format_hhmm(value: dt.time) -> str:
    return "24:00" if value == dt.time.max else value.strftime("%H:%M")


def load_hours(raw: dict | None) -> WeeklyHours:
    """Read stored JSON hours, checking that each day's ranges are ordered and disjoint."""
    hours: WeeklyHours = {}
    for key, ranges in (raw or {}).items():
        try:
            weekday = int(key)
        except (TypeError, ValueError) as exc:
            raise HoursError(f"«{key}» no es un día de la semana.") from exc
        if not 0 <= weekday <= 6:
            raise HoursError(f"«{key}» no es un día de la semana.")
        parsed = sorted((parse_hhmm(a), parse_hhmm(b)) for a, b in ranges or [])
        check_ranges(weekday, parsed)
        if parsed:
            hours[weekday] = parsed
    return hours


def check_ranges(weekday: int, ranges: list[Range]) -> None:
    previous_end = None
    for start, end in ranges:
        if start >= end:
            raise HoursError(
                f"El {WEEKDAYS[weekday]}: la hora de cierre debe ser después de la de apertura."
            )
        if previous_end is not None and start < previous_end:
            raise HoursError(f"El {WEEKDAYS[weekday]} tiene horarios que se enciman.")
        previous_end = end


def dump_hours(hours: WeeklyHours) -> dict:
    return {
        str(weekday): [[format_hhmm(a), format_hhmm(b)] for a, b in ranges]
        for weekday, ranges in sorted(hours.items())
        if ranges
    }


def intersect(first: list[Range], second: list[Range]) -> list[Range]:
    """The times that are inside both lists of ranges."""
    result: list[Range] = []
    for a_start, a_end in first:
        for b_start, b_end in second:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end:
                result.append((start, end))
    return sorted(result)


def working_hours(location_hours: WeeklyHours, staff_hours: WeeklyHours | None) -> WeeklyHours:
    """A staff member's hours: the business's, narrowed by their own when they have them."""
    if staff_hours is None:
        return location_hours
    combined = {
        weekday: intersect(ranges, staff_hours.get(weekday, []))
        for weekday, ranges in location_hours.items()
    }
    return {weekday: ranges for weekday, ranges in combined.items() if ranges}


def day_ranges(
    hours: WeeklyHours, day: dt.date, tz: ZoneInfo
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The UTC moments a date's ranges cover. A wall time skipped by a DST jump starts late."""
    result = []
    for start, end in hours.get(day.weekday(), []):
        start_utc = to_utc(day, start, tz)
        end_utc = (
            to_utc(day, end, tz)
            if end != dt.time.max
            else to_utc(day + dt.timedelta(days=1), dt.time(0), tz)
        )
        if start_utc < end_utc:
            result.append((start_utc, end_utc))
    return result


def to_utc(day: dt.date, wall: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The UTC moment of a wall-clock time.

    A repeated hour (fall back) reads as its first occurrence; a skipped one (spring forward)
    moves on by the jump, so 02:00 on that day is 03:00, the first moment that exists.
    """
    return dt.datetime.combine(day, wall, tzinfo=tz).astimezone(dt.UTC)


def describe(hours: WeeklyHours) -> str:
    """Hours in a line a person reads: "lunes a viernes 10:00–20:00; sábado 10:00–15:00",
    "lunes, miércoles y viernes 09:00–18:00", "jueves a lunes 12:00–21:00"."""
    same: dict[tuple[Range, ...], list[int]] = {}
    for weekday in range(7):
        if hours.get(weekday):
            same.setdefault(tuple(hours[weekday]), []).append(weekday)
    parts = []
    for ranges, days in same.items():
        runs = _runs(days)
        text = " y ".join(f"{format_hhmm(a)}–{format_hhmm(b)}" for a, b in ranges)
        parts.append((runs[0][0], f"{_days_label(runs)} {text}"))
    parts.sort(key=lambda part: part[0])
    return "; ".join(text for _first, text in parts) if parts else "sin horario"


def days_label(days: list[int]) -> str:
    """ "lunes a sábado", "martes, jueves y sábado" for a set of weekdays."""
    return _days_label(_runs(sorted(days)))


def _runs(days: list[int]) -> list[list[int]]:
    """Consecutive days, a run through Sunday into Monday kept whole: [[3, 4, 5, 6, 0]]."""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][-1] == 6:
        runs = [runs[-1] + runs[0], *runs[1:-1]]
    return runs


def _days_label(runs: list[list[int]]) -> str:
    days = [d for run in runs for d in run]
    if len(days) == 6 and len(runs) == 1 and runs[0][0] != runs[0][-1] - 5:
        # six days around the week: "todos los días menos el martes"
        return f"todos los días menos el {WEEKDAYS[(set(range(7)) - set(days)).pop()]}"
    labels = []
    for run in runs:
        if len(run) >= 3:
            labels.append(f"{WEEKDAYS[run[0]]} a {WEEKDAYS[run[-1]]}")
        else:
            labels.extend(WEEKDAYS[d] for d in run)
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} y {labels[-1]}"
