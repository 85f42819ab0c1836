"""Opening hours as owners write them.

"lunes a viernes 10 a 8, sábado 10 a 3", "de 10 a 2 y de 4 a 8", "todos los días menos
domingo de 9 a 7", "lunes a viernes de 9 a 7, cerramos de 2 a 3 para comer", "de 9:00 a 19:00
lunes a viernes", "9am-7pm", "los lunes descansamos". Also the changes of one day that an owner
makes later: "el sábado cerramos a las 3", "el horario del sábado es de 9 a 3", "los domingos
no abrimos".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bot.nlu._numbers import spell_numbers
from bot.nlu._patterns import RANGE_END
from bot.nlu.text import normalize_with_map

Ranges = list[tuple[dt.time, dt.time]]

DAY_WORDS = {
    "lunes": 0, "lun": 0, "martes": 1, "mar": 1, "miercoles": 2, "mier": 2, "mie": 2,
    "jueves": 3, "jue": 3, "viernes": 4, "vie": 4, "sabado": 5, "sab": 5, "domingo": 6,
    "dom": 6, "l": 0, "m": 1, "mi": 2, "x": 2, "j": 3, "v": 4, "s": 5, "d": 6,
    "lu": 0, "ma": 1, "ju": 3, "vi": 4, "sa": 5, "do": 6,
}  # fmt: skip
_DAY = r"(?:lunes|lun|martes|mar|miercoles|mier|mie|jueves|jue|viernes|vie|sabado|sab|domingo|dom)"
_LETTER = r"(?:lu|ma|mi|ju|vi|sa|do|[lmxjvsd])"  # "Lu-Sa", "L a V", "S y D"
_RANGE = (
    rf"(?:\b(?:de|desde|entre) )?(?:las? )?{RANGE_END.format(n=1)}(?: ?(?:hrs?|h|horas)\b)?"
    r"(?: de la (?P<part1>manana|tarde|noche))?"
    rf" ?(?:a|-|hasta|al|y) ?(?:las? )?{RANGE_END.format(n=2)}(?: ?(?:hrs?|h|horas)\b)?"
    r"(?: de la (?P<part>manana|tarde|noche))?"
)
_BREAK_WORD = r"(?:cerramos|cerrado|descansamos|descanso|comida|comemos|salimos a comer|break)"
TOKENS = re.compile(
    r"(?P<every>todos los dias|diario|diariamente|toda la semana|de lunes a domingo|"
    r"lunes a domingo)"
    r"|(?P<weekdays>entre semana)|(?P<weekend>fines? de semana)"
    r"|(?P<except>menos|excepto|salvo|a excepcion de|excepcion)"
    rf"|(?P<brk>{_BREAK_WORD}(?: (?:para|a) comer)? )?(?P<range>{_RANGE})"
    r"(?P<brk_after> (?:para|a|de) (?:comer|comida)| (?:es )?(?:la )?comida)?"
    r"|(?P<closes>(?:(?:cerramos|cierra|cierran|salimos|terminamos) (?:a las?|hasta las?) |"
    r"(?:(?:es|son|abrimos|abre|trabajamos|atendemos|estamos|solo|nomas|namas) )?hasta (?:las? )?)"
    rf"(?P<ch>{RANGE_END.format(n=3)}))"
    r"|(?P<opens>(?:abrimos|abre|abren|entramos|empezamos) (?:a las?|desde las?) "
    rf"(?P<oh>{RANGE_END.format(n=4)}))"
    r"|(?P<closed>cerrado|cerrados|cerramos|descanso|descansamos|no abrimos|no trabajamos|"
    r"no hay servicio|no laboramos)"
    rf"|\b(?:de )?(?P<d1>{_DAY}|{_LETTER})s?\b\.? ?(?:a|al|-|hasta) ?"
    rf"(?P<d2>{_DAY}|{_LETTER})s?\b\.?"
    rf"|\b(?P<day>{_DAY})s?\b\.?"
    # a day's letter before its hours or before another day: "S 9-3", "S y D 9:00-15:00"
    rf"|\b(?P<letter>{_LETTER})\b(?= ?(?:de )?\d| ?(?:y|,)? ?(?:{_LETTER}|{_DAY})\b)"
)


@dataclass
class HoursReading:
    """What a message says about opening hours."""

    hours: dict[int, Ranges] = field(default_factory=dict)  # days given ranges
    closed: set[int] = field(default_factory=set)  # days said to be closed
    closes_at: dict[int, dt.time] = field(default_factory=dict)  # "el sábado cerramos a las 3"
    opens_at: dict[int, dt.time] = field(default_factory=dict)
    # lunch breaks: for the days given hours before them in the message (None: every day)
    breaks: list[tuple[set[int] | None, tuple[dt.time, dt.time]]] = field(default_factory=list)
    named_days: bool = False  # whether any day was named
    # short ranges said without a.m./p.m. ("8 a 10"), which may end at night
    bare: set[tuple[dt.time, dt.time]] = field(default_factory=set)
    days_alone: list[int] = field(default_factory=list)  # "de lunes a sábado", no hours yet

    @property
    def found(self) -> bool:
        return bool(
            self.hours or self.closes_at or self.opens_at or (self.closed and self.named_days)
        )


def _time(h: int, m: int, mer: str | None, after: int | None = None) -> dt.time:
    if mer == "p" and h < 12:
        h += 12
    elif not mer and h < 12 and after is not None and h * 60 + m <= after:
        h += 12
    return dt.time(min(h, 23), m)


def _range(m: re.Match[str], previous_end: int | None) -> tuple[dt.time, dt.time] | None:
    """ "10 a 8" is 10:00-20:00: a closing hour below the opening one is p.m."""
    h1, m1, h2, m2 = int(m["h1"]), int(m["m1"] or 0), int(m["h2"]), int(m["m2"] or 0)
    if (m["mer1"] == "p" or m["part1"] in ("tarde", "noche")) and h1 < 12:
        h1 += 12
    elif (
        not m["mer1"]
        and h1 < 12
        and (1 <= h1 <= 5 or (previous_end is not None and h1 * 60 + m1 < previous_end))
    ):
        h1 += 12  # nobody opens at 3 a.m.; "10 a 2 y de 4 a 8" reopens at 4 p.m.
    if (m["mer2"] == "p" or m["part"] in ("tarde", "noche")) and h2 < 12:
        h2 += 12
    elif not m["mer2"] and h2 < 12 and h2 * 60 + m2 <= h1 * 60 + m1:
        h2 += 12
    start, end = h1 * 60 + m1, min(h2 * 60 + m2, 24 * 60 - 1)
    if start >= end:
        return None
    return dt.time(start // 60, start % 60), dt.time(end // 60, end % 60)


def _said_bare(m: re.Match[str], found: tuple[dt.time, dt.time]) -> bool:
    """ "8 a 10" with no a.m., p.m. or "de la noche", ending before noon within 3 hours."""
    marked = m["mer1"] or m["mer2"] or m["part1"] or m["part"]
    start, end = found
    minutes = (end.hour - start.hour) * 60 + end.minute - start.minute
    return not marked and 6 <= start.hour and end.hour < 12 and minutes <= 180


def _days(m: re.Match[str]) -> list[int] | None:
    if m["every"]:
        return list(range(7))
    if m["weekdays"]:
        return list(range(5))
    if m["weekend"]:
        return [5, 6]
    if m["d1"]:
        first, last = DAY_WORDS[m["d1"]], DAY_WORDS[m["d2"]]
        return [d % 7 for d in range(first, last + 1 + (7 if last < first else 0))]
    if m["day"] or m["letter"]:
        return [DAY_WORDS[m["day"] or m["letter"]]]
    return None


_NOON = re.compile(r"\b(?:el |al |las )?medio ?dia\b|\b(?:las )?12 del dia\b")


def _prepare(text: str) -> str:
    norm, positions = normalize_with_map(text or "", keep=":.-")
    norm = spell_numbers(norm, [(i, i) for i in positions])[0]
    return _NOON.sub("12", norm)  # "de mediodía a 8", "a medio día"


def read_hours(text: str) -> HoursReading:
    """Read what text says about each weekday (0 = Monday)."""
    reading = HoursReading()
    group: list[int] = []  # the days the next range is for
    pending: list[tuple[dt.time, dt.time]] = []  # ranges said before any day
    last_was_day = excepting = bound = False
    loose: dict[str, dt.time] = {}  # an opening or closing time said before any day
    for m in TOKENS.finditer(_prepare(text)):
        days = _days(m)
        if days is not None:
            reading.named_days = True
            if excepting:  # "todos los días menos domingo", before or after the hours
                group = [d for d in group if d not in days]
                for day in days if bound else ():
                    reading.hours.pop(day, None)
                excepting = False
                continue
            group = sorted(set(group + days)) if last_was_day and not bound else days
            last_was_day, bound = True, False
            if pending:  # "de 9 a 7 lunes a viernes": the ranges were for these days
                for day in group:
                    reading.hours[day] = list(pending)
                pending, bound, last_was_day = [], True, False
            continue
        if m["except"]:
            excepting = True
            continue
        last_was_day = False
        if m["brk"] or m["brk_after"]:
            found = _range(m, None)
            if found:  # "lunes a viernes 10 a 8, cerramos de 2 a 3. sábado 9 a 5": weekdays
                reading.breaks.append((set(reading.hours) or None, found))
            continue
        if m["closes"] or m["opens"]:
            n = 3 if m["closes"] else 4
            hour, minute = int(m[f"h{n}"]), int(m[f"m{n}"] or 0)
            if not group:  # "abrimos a las 10 y cerramos a las 8, de martes a domingo"
                after = 12 * 60 if m["closes"] else None
                loose["closes" if m["closes"] else "opens"] = _time(
                    hour, minute, m[f"mer{n}"], after
                )
                if len(loose) == 2 and loose["opens"] < loose["closes"]:
                    pending.append((loose.pop("opens"), loose.pop("closes")))
                continue
            for day in group:
                if m["closes"]:
                    reading.closes_at[day] = _time(hour, minute, m[f"mer{n}"], after=12 * 60)
                else:
                    reading.opens_at[day] = _time(hour, minute, m[f"mer{n}"])
            continue
        if m["closed"]:
            reading.closed.update(group)
            for day in group:
                reading.hours.pop(day, None)
            continue
        if not group:
            previous = pending[-1][1].hour * 60 + pending[-1][1].minute if pending else None
            if found := _range(m, previous):
                pending.append(found)
                if _said_bare(m, found):
                    reading.bare.add(found)
            continue
        for day in group:
            if not bound:  # a later mention of a day replaces what was said before
                reading.hours[day] = []
            ranges = reading.hours.setdefault(day, [])
            previous = ranges[-1][1].hour * 60 + ranges[-1][1].minute if ranges else None
            if found := _range(m, previous):
                ranges.append(found)
                if _said_bare(m, found):
                    reading.bare.add(found)
        bound = True
    for day in set(reading.opens_at) & set(reading.closes_at) - set(reading.hours):
        if reading.opens_at[day] < reading.closes_at[day]:  # "el sábado abrimos a las 9 y
            # cerramos a las 2", said as a first answer
            reading.hours[day] = [(reading.opens_at.pop(day), reading.closes_at.pop(day))]
    if pending:  # ranges with no day at all: every day
        for day in range(7):
            if day not in reading.closed and day not in reading.hours:
                reading.hours[day] = list(pending)
    for ranges in reading.hours.values():
        if len(ranges) == 1 and ranges[0] in reading.bare:  # "lunes a domingo 8 a 10": 22:00
            start, end = ranges[0]
            ranges[0] = (start, dt.time(end.hour + 12, end.minute))
    reading.hours = {d: r for d, r in sorted(reading.hours.items()) if r}
    if not reading.found and group:
        reading.days_alone = sorted(group)
    return reading
