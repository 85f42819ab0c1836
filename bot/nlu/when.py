"""Read dates and times from Mexican-Spanish messages.

"mañana a las 5", "el viernes en la tarde", "15/12", "cuarto para las 4", "no, mejor a las 6":
`parse_when` returns one `When`; `parse_time_range` and `parse_date_range` read the ranges
of staff and owner commands ("bloquear mañana 3 a 5pm", "cerrar del 24 al 26 de diciembre").
`now` is always the business's naive local wall-clock time; nothing here reads the real clock
except the command line entry point.

Conventions (documented because Spanish is ambiguous here):
- A date without a year is the next one on or after today; a weekday alone is the next one
  after today ("el miércoles" said on a Wednesday is next week's: today is "hoy").
- "el próximo viernes" / "el viernes que viene" / "el viernes siguiente" is the Friday of next
  calendar week (weeks start on Monday); "este viernes" is the nearest one. "el miércoles
  pasado" is last week's; "este miércoles pasado" the most recent one.
- "este 12/05" keeps this year even if the date has passed; "el próximo 12/05" is the next one
  strictly after today.
- An hour with no a.m./p.m. or part of the day is read inside the business hours of that day
  when `hours_for` is given, otherwise 1-7 -> p.m., 8-11 -> a.m., 12 -> noon.
- After a correction word ("no", "mejor", "perdón"...) later expressions win.
- "la próxima semana" alone is the Monday of next week; "ahorita"/"ahora" is `now`.
- Windows and bounds ("en la tarde", "de 3 a 5", "después de las 6") come back as
  `part_of_day` ranges with `time` None.
- "más tarde", "una hora más temprano", "recorrerla media hora" are relative to a time the
  conversation already proposed: they come back as `shift` (minutes, or None for "some") and
  `direction` (1 later, -1 earlier), never as today or as a part of the day.
- A date that disagrees with itself or could be two ("el viernes 10" when the 10th is a
  Thursday; "el próximo sábado" said on a Wednesday) keeps the reading above in `date` and
  lists the candidates in `alternatives`, so a conversation can ask which.
- A date ruled out ("el jueves, no el viernes") is not read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.nlu import _calendar as cal
from bot.nlu import _patterns as pat
from bot.nlu._extract import Clock, Piece, Prepared, Span, prepare, range_is_plausible, scan

HoursFor = Callable[[dt.date], list[tuple[dt.time, dt.time]]]

END_OF_DAY = dt.time(23, 59)
PART_RANGES: dict[str, tuple[dt.time, dt.time]] = {
    "madrugada": (dt.time(0), dt.time(6)),
    "manana": (dt.time(6), dt.time(12)),
    "temprano": (dt.time(6), dt.time(11)),
    "tarde": (dt.time(12), dt.time(19)),
    "noche": (dt.time(19), END_OF_DAY),
    "late": (dt.time(17), END_OF_DAY),  # "al final del día"
}


@dataclass(frozen=True)
class When:
    """What a message says about when: a date, an exact time, or a range of the day.

    `When()` (all empty) means nothing was found; `found` says whether anything was.
    """

    date: dt.date | None = None
    time: dt.time | None = None
    part_of_day: tuple[dt.time, dt.time] | None = None  # only set when `time` is not
    hour_is_ambiguous: bool = False  # a bare "a las 5" with no a.m./p.m./part-of-day marker
    span: tuple[int, int] | None = None  # extent of the expression in the original text
    parts: tuple[tuple[int, int], ...] = ()  # each matched piece, for masking precisely
    shift: int | None = None  # minutes relative to a proposed time, when "más tarde" says so
    direction: int = 0  # 1 "más tarde", -1 "más temprano", 0 no shift
    alternatives: tuple[dt.date, ...] = ()  # dates the words may also mean
    end_of_day: bool = False  # "al final del día": a range here, 23:59:59 as one moment

    @property
    def found(self) -> bool:
        return self.date is not None or self.time is not None or self.part_of_day is not None

    def blank_out(self, text: str) -> str:
        """Return `text` with each date/time piece replaced by spaces (same length).

        Mask `parts`, not `span`: in "mañana con Sofía a las 5" the span covers "con Sofía".
        """
        for start, end in self.parts:
            text = text[:start] + " " * (end - start) + text[end:]
        return text


def _choose(pieces: list[Piece], kind: str, cut: int) -> Piece | None:
    """Pick the piece of a kind: the best ranked, or after a correction word the latest."""
    of_kind = [p for p in pieces if p.kind == kind]
    after = [p for p in of_kind if p.start >= cut] if cut >= 0 else []
    if after:
        return min(after, key=lambda p: (p.rank, -p.start))
    return min(of_kind, key=lambda p: (p.rank, p.start), default=None)


def _correction_point(text: str) -> int:
    last = -1
    for match in pat.CORRECTION.finditer(text):
        last = match.end()
    return last


def _default_hour(hour: int) -> int:
    """Salon-sensible reading of a bare 1-11: afternoons up to 7, mornings from 8."""
    return hour + 12 if 1 <= hour <= 7 else hour


def _with_marker(hour: int, marker: str | None) -> int:
    if marker == "am" or marker == "madrugada":
        return 0 if hour == 12 else hour
    if marker in ("pm", "tarde", "late", "noon"):
        return hour + 12 if 1 <= hour < 12 else hour
    if marker == "noche":
        return hour + 12 if 5 <= hour < 12 else 0 if hour == 12 else hour
    return hour  # "de la mañana", "temprano"


def _minus(hour: int, minute: int, minus: int) -> dt.time:
    total = (hour * 60 + minute - minus) % (24 * 60)
    return dt.time(total // 60, total % 60)


def _in_hours(t: dt.time, ranges: list[tuple[dt.time, dt.time]]) -> bool:
    return any(start <= t < end for start, end in ranges)


def resolve_clock(
    clock: Clock, part: str | None, day: dt.date, hours_for: HoursFor | None
) -> tuple[dt.time, bool]:
    """Settle a.m./p.m.; return the time and whether the text left it ambiguous."""
    hour = 0 if clock.hour == 24 else clock.hour
    marker = clock.marker or part
    ambiguous = marker is None and 1 <= hour <= 11
    if not ambiguous:
        hour = _with_marker(hour, marker)
        t = _minus(hour, clock.minute, clock.minus)
        return t.replace(second=clock.second), False
    readings = [_minus(h, clock.minute, clock.minus) for h in (hour, hour + 12)]
    chosen = _minus(_default_hour(hour), clock.minute, clock.minus)
    ranges = hours_for(day) if hours_for else []
    inside = [t for t in readings if _in_hours(t, ranges)]
    if len(inside) == 1:
        chosen = inside[0]
    return chosen.replace(second=clock.second), True


def _bound_range(t: dt.time, bound: str) -> tuple[dt.time, dt.time]:
    return (t, END_OF_DAY) if bound == "after" else (dt.time(0), t)


def _spans(prepared: Prepared, pieces: Iterable[Piece | None]) -> tuple[Span, ...]:
    found = {prepared.original_span(s) for p in pieces if p for s in p.spans}
    return tuple(sorted(found))


def _build(
    prepared: Prepared,
    pieces: list[Piece],
    now: dt.datetime,
    hours_for: HoursFor | None,
) -> When:
    cut = _correction_point(prepared.text)
    pieces = [p for p in pieces if not pat.NEGATED.search(prepared.text, 0, p.start)]
    date_p, time_p = _choose(pieces, "date", cut), _choose(pieces, "time", cut)
    part_p, moment_p = _choose(pieces, "part", cut), _choose(pieces, "moment", cut)
    shift_p = _choose(pieces, "shift", cut)
    shift = (
        {"shift": shift_p.minutes, "direction": shift_p.direction} if shift_p is not None else {}
    )
    if moment_p and not (date_p or time_p):
        moment = moment_p.moment
        assert moment is not None
        spans = _spans(prepared, [moment_p, shift_p])
        return When(
            moment.date(), moment.time(), span=(spans[0][0], spans[-1][1]), parts=spans, **shift
        )
    day = date_p.date if date_p else None
    part = part_p.part if part_p else None
    time, part_range, ambiguous = _settle_time(time_p, part, day or now.date(), hours_for)
    spans = _spans(prepared, [date_p, time_p, part_p, shift_p])
    if not spans:
        return When()
    alternatives = date_p.alternatives if date_p else ()
    span = (spans[0][0], spans[-1][1])
    end_of_day = part == "late" and time is None
    return When(
        day,
        time,
        part_range,
        ambiguous,
        span,
        spans,
        alternatives=alternatives,
        end_of_day=end_of_day,
        **shift,
    )


def _settle_time(
    time_p: Piece | None, part: str | None, day: dt.date, hours_for: HoursFor | None
) -> tuple[dt.time | None, tuple[dt.time, dt.time] | None, bool]:
    """Return (exact time, range of the day, ambiguous) from the chosen time piece or part."""
    if time_p and time_p.time_range:
        window = time_p.time_range
        hours = hours_for(day) if hours_for else []
        return None, _range_bounds(window, hours), _range_is_ambiguous(window)
    if time_p and time_p.clock:
        time, ambiguous = resolve_clock(time_p.clock, part, day, hours_for)
        if time_p.clock.bound:
            return None, _bound_range(time, time_p.clock.bound), ambiguous
        return time, None, ambiguous
    return None, PART_RANGES[part] if part else None, False


def parse_when(
    text: str,
    now: dt.datetime,
    *,
    hours_for: HoursFor | None = None,
    bare_number_is_hour: bool = False,
) -> When:
    """Read the date and time a message talks about, relative to the local `now`.

    `hours_for(date)` gives that day's business hours, used to read a bare "a las 5";
    `bare_number_is_hour` lets a lone "5" be an hour (after asking "¿a qué hora?").
    """
    prepared = prepare(text)
    pieces = scan(prepared.text, now, bare_number_is_hour=bare_number_is_hour)
    return _build(prepared, pieces, now, hours_for)


# --- ranges ------------------------------------------------------------------------------


def _range_end(hour: int, minute: int, marker: str | None) -> int:
    return _with_marker(hour, marker) * 60 + minute


def _range_is_ambiguous(m: re.Match[str]) -> bool:
    return not (m["mer1"] or m["mer2"] or m["part"]) and 1 <= int(m["h1"]) <= 11


def _range_bounds(
    m: re.Match[str], hours: list[tuple[dt.time, dt.time]]
) -> tuple[dt.time, dt.time] | None:
    """Settle both ends of a TIME_RANGE match; None when the end is not after the start."""
    start, end = _range_minutes(m, hours)
    if not 0 <= start < end <= 24 * 60:
        return None
    end_time = END_OF_DAY if end == 24 * 60 else dt.time(end // 60, end % 60)
    return dt.time(start // 60, start % 60), end_time


def _range_minutes(m: re.Match[str], hours: list[tuple[dt.time, dt.time]]) -> tuple[int, int]:
    """A marker on the second end carries to the first when it fits ("3 a 5pm")."""
    h1, m1, h2, m2 = int(m["h1"]), int(m["m1"] or 0), int(m["h2"]), int(m["m2"] or 0)
    mer1 = m["mer1"] + "m" if m["mer1"] else None
    mer2 = m["mer2"] + "m" if m["mer2"] else m["part"]
    if mer2:
        end = _range_end(h2, m2, mer2)
        if mer1:
            start = _range_end(h1, m1, mer1)
        else:
            pm = _range_end(h1, m1, "pm")
            start = pm if mer2 != "am" and pm < end else _range_end(h1, m1, "am")
    else:
        first, _ = resolve_clock(Clock(h1, m1, marker=mer1), None, dt.date.min, lambda _: hours)
        start = first.hour * 60 + first.minute
        end = h2 * 60 + m2
        if end <= start and h2 < 12:
            end += 12 * 60
    return start, end


def parse_time_range(
    text: str, now: dt.datetime, *, hours_for: HoursFor | None = None
) -> tuple[dt.date | None, dt.time, dt.time] | None:
    """Read "mañana 3 a 5pm", "de 2 a 3", "14:00-15:30" as (date or None, start, end)."""
    prepared = prepare(text)
    m = next((m for m in pat.TIME_RANGE.finditer(prepared.text) if range_is_plausible(m)), None)
    if not m:
        return None
    pieces = scan(prepared.text, now, taken=[m.span()])
    date_p = _choose(pieces, "date", _correction_point(prepared.text))
    day = date_p.date if date_p else None
    bounds = _range_bounds(m, hours_for(day or now.date()) if hours_for else [])
    return (day, *bounds) if bounds else None


_RANGE_JOINER = re.compile(r"^ ?,? ?(?:al|a|hasta|hasta el|-|–|y el) (?:el )?$|^ ?[-–] ?$")


def _range_end_date(start: dt.date, end_p: Piece) -> dt.date | None:
    """The end of a range on or after its start ("24/12 al 2/1" crosses the year)."""
    if end_p.month and end_p.day and not end_p.year_given:
        for year in (start.year, start.year + 1):
            candidate = cal.safe_date(year, end_p.month, end_p.day)
            if candidate and candidate >= start:
                return candidate
    if end_p.weekday is not None and end_p.date and end_p.date < start:
        return end_p.date + dt.timedelta(weeks=((start - end_p.date).days + 6) // 7)
    return end_p.date


def _range_start_date(start_p: Piece, end: dt.date) -> dt.date | None:
    """A bare day ("del 24 al 26 de diciembre") takes the end's month, or the one before."""
    if start_p.day and not start_p.month and start_p.weekday is None:
        for months_back in (0, 1):
            month = cal.add_months(end.replace(day=1), -months_back)
            candidate = cal.safe_date(month.year, month.month, start_p.day)
            if candidate and candidate <= end:
                return candidate
    return start_p.date


def parse_date_range(text: str, now: dt.datetime) -> tuple[dt.date, dt.date] | None:
    """Read "cerrar 24 dic", "del 24 al 26 de diciembre", "24/12 al 2/1" as (first, last)."""
    prepared = prepare(text)
    dates = sorted(
        (p for p in scan(prepared.text, now) if p.kind == "date"), key=lambda p: p.start
    )
    if not dates:
        return None
    first = dates[0]
    if len(dates) >= 2:
        joiner = prepared.text[first.spans[-1][1] : dates[1].start]
        if _RANGE_JOINER.match(joiner):
            end_p = dates[1]
            end = end_p.date
            start = _range_start_date(first, end) if end else None
            end = _range_end_date(start, end_p) if start else None
            return (start, end) if start and end and start <= end else None
    return (first.date, first.date) if first.date else None


# --- command line --------------------------------------------------------------------------


def to_record(when: When, *, seconds: bool = False) -> dict[str, str | None]:
    """The JSON shape of the command line: {"date": "YYYY-MM-DD", "time": "HH:MM"}.

    The end of a day, which conversations keep as a range, is its last second here.
    """
    time_format = "%H:%M:%S" if seconds else "%H:%M"
    moment = when.time or (dt.time(23, 59, 59) if when.end_of_day else None)
    return {
        "date": when.date.isoformat() if when.date else None,
        "time": moment.strftime(time_format) if moment else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Read one Spanish sentence per line from stdin; print one JSON per line."
    )
    parser.add_argument(
        "--now",
        type=dt.datetime.fromisoformat,
        default=None,
        help="local wall-clock reference, e.g. 2020-05-30T12:00:00 (default: the real clock)",
    )
    args = parser.parse_args(argv)
    now = args.now or dt.datetime.now().replace(microsecond=0)
    for line in sys.stdin:
        record = to_record(parse_when(line.rstrip("\n"), now))
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
