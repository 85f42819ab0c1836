"""Blocks and closures read from a staff member's words: the day, the hours or the part of
the day, a whole day off, and the reason ("voy al doctor el jueves de 4 a 6" -> Thursday
16:00-18:00, "doctor"; "mañana no vengo" -> all of tomorrow; "cerrar 24 dic Navidad")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from bot.nlu.staff_verbs import WHOLE_DAY
from bot.nlu.text import normalize
from bot.nlu.when import parse_date_range, parse_time_range, parse_when
from flows.understanding import Command

HoursFor = Callable[[dt.date], list[tuple[dt.time, dt.time]]]

TWO_HOURS = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*(?:a|-|hasta)\s*(\d{1,2})(?::(\d\d))?\b")
RANGE_TEXT = re.compile(
    r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?\s*(?:a|-|hasta|al)\s*\d{1,2}"
    r"(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?",
    re.IGNORECASE,
)
REASON_FILLER = frozenset(
    """de del a al el la las los por para y hasta me ponme bloquear bloquea bloqueame
    cerrar cierra cerramos dic diciembre todo dia voy tengo nada ocupado ocupada en xfa porfa
    favor no un una""".split()
)


def read_block(
    text: str, plain: str, without_verb: str, now: dt.datetime, hours_for: HoursFor | None
) -> Command:
    """A block: its day and hours, or what is known so far (a day, a part of it)."""
    span = parse_time_range(text, now, hours_for=hours_for)
    reason = _reason(without_verb, now)
    if span is not None:
        day, start, end = span
        return Command("bloquear", date=day, start=start, end=end, text=reason)
    when = parse_when(text, now, hours_for=hours_for)
    return Command(
        "bloquear",
        date=when.date,
        text=reason,
        part_of_day=when.part_of_day,
        whole_day=bool(WHOLE_DAY.search(plain)) and when.part_of_day is None,
        problem=_problem(plain),
    )


def read_closure(text: str, without_verb: str, now: dt.datetime) -> Command:
    """The days the business closes: "cerrar 24 dic", "del 24 al 26 de diciembre"."""
    days = parse_date_range(text, now)
    first, last = days if days else (None, None)
    return Command("cerrar", date=first, until=last, text=_reason(without_verb, now))


def _problem(plain: str) -> str | None:
    """Why a block's hours cannot be read, when two hours are there but make no range."""
    match = TWO_HOURS.search(plain)
    if match and int(match.group(1)) > int(match.group(3)):
        return "backwards"
    return "missing"


def _reason(without_verb: str, now: dt.datetime) -> str:
    """Words left after the verb, dates and times: "doctor", "Navidad", "boda"."""
    when = parse_when(without_verb, now)
    cleaned = RANGE_TEXT.sub(" ", when.blank_out(without_verb))
    cleaned = re.sub(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d+\b", " ", cleaned)
    words = [w for w in re.findall(r"[^\W\d_]+", cleaned) if normalize(w) not in REASON_FILLER]
    return " ".join(words)[:200]
