"""Find the date and time pieces in prepared Spanish text.

`prepare` turns a message into matchable text plus an index map back to the original;
`scan` runs the patterns from the most specific to the least, never reading the same
characters twice, and returns the pieces it found. Choosing among pieces is when.py's job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.nlu import _calendar as cal
from bot.nlu import _patterns as pat
from bot.nlu._chat import expand_chat_words
from bot.nlu._numbers import IndexMap, spell_numbers, strip_ordinal_suffixes
from bot.nlu.text import normalize_with_map

Span = tuple[int, int]
_WHEN_KEEP = ":/.$-#,°"
_ORDINAL_DAYS = {"primero": 1, "primer": 1, "segundo": 2, "tercero": 3}
_NTH = {
    "primer": 0, "primero": 0, "primera": 0, "segundo": 1, "segunda": 1, "tercer": 2,
    "tercero": 2, "tercera": 2, "cuarto": 3, "cuarta": 3, "ultimo": -1, "ultima": -1,
}  # fmt: skip


@dataclass(frozen=True)
class Clock:
    """An hour as written, before a.m./p.m. is settled."""

    hour: int
    minute: int = 0
    second: int = 0
    marker: str | None = None  # "am", "pm", "noon" or a part of the day ("tarde")
    minus: int = 0  # minutes before the hour: "cuarto para las 4", "8 menos cuarto"
    bound: str | None = None  # "after" ("después de las 5") or "before" ("antes de las 5")


@dataclass(frozen=True)
class Piece:
    """One date, time, part of the day or moment found in the text."""

    kind: str  # "date", "time", "part" or "moment"
    spans: tuple[Span, ...]
    rank: int = 0  # lower wins when several pieces of a kind compete
    date: dt.date | None = None
    clock: Clock | None = None
    part: str | None = None
    moment: dt.datetime | None = None
    day: int | None = None  # the day of the month as written, for date ranges
    month: int | None = None
    year_given: bool = False
    weekday: int | None = None
    time_range: re.Match[str] | None = None  # "de 3 a 5": settled by when.py
    alternatives: tuple[dt.date, ...] = ()  # other dates the words may mean ("viernes 10")
    minutes: int | None = None  # a shift's size ("una hora más tarde": 60)
    direction: int = 0  # a shift's sense: 1 later, -1 earlier

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass(frozen=True)
class Prepared:
    text: str
    index: IndexMap

    def original_span(self, span: Span) -> Span:
        return self.index[span[0]][0], self.index[span[1] - 1][1] + 1


def prepare(text: str) -> Prepared:
    """Normalise, spell out chat shorthand, and rewrite ordinals and number words as digits,
    keeping the index map."""
    norm, positions = normalize_with_map(text, keep=_WHEN_KEEP)
    norm, index = expand_chat_words(norm, [(i, i) for i in positions])
    norm, index = strip_ordinal_suffixes(norm, index)
    norm, index = spell_numbers(norm, index)
    return Prepared(norm, index)


class _Scan:
    """Runs patterns over the text, each claiming characters no earlier pattern claimed."""

    def __init__(self, text: str, now: dt.datetime, taken: Iterable[Span] = ()) -> None:
        self.text = text
        self.now = now
        self.today = now.date()
        self.claimed = bytearray(len(text))  # one flag per character keeps checks linear
        for span in taken:
            self.claim(span)
        self.pieces: list[Piece] = []

    def claim(self, span: Span) -> None:
        self.claimed[span[0] : span[1]] = b"\x01" * (span[1] - span[0])

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def run(self, pattern: re.Pattern[str], handler: Callable[[re.Match[str]], list[Piece]]):
        for match in pattern.finditer(self.text):
            if match.end() > match.start() and self.free(*match.span()):
                for piece in handler(match):
                    self.pieces.append(piece)
                    for span in piece.spans:
                        self.claim(span)


def _date(m: re.Match[str], found: dt.date | None, rank: int = 0, **raw) -> list[Piece]:
    return [Piece("date", (m.span(),), rank, date=found, **raw)]


def _offset(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    if not (m["pre"] or m["post"]):
        return []  # "30 min" alone is a duration, not a moment
    n = 0.5 if m["n"] in ("medio", "media") else int(m["n"])
    base_word = m["b1"] or m["b2"] or m["b3"]
    sign = -1 if m["pre"] == "hace" or (m["post"] or "").startswith("antes") else 1
    base = scan.now
    if base_word in ("manana", "ayer", "hoy"):
        shift = {"manana": 1, "ayer": -1, "hoy": 0}[base_word]
        base = dt.datetime.combine(scan.today + dt.timedelta(days=shift), scan.now.time())
    unit = m["unit"]
    if unit.startswith(("min", "h")):
        minutes = n * (1 if unit.startswith("min") else 60)
        moment = (base + dt.timedelta(minutes=sign * minutes)).replace(microsecond=0)
        return [Piece("moment", (m.span(),), 4, moment=moment)]
    day = base.date()
    if unit.startswith("dia"):
        found = day + dt.timedelta(days=sign * int(n))
    elif unit.startswith("semana"):
        found = day + dt.timedelta(weeks=sign * n)
    elif unit.startswith("mes"):
        found = cal.add_months(day, sign * int(n))
    else:
        found = cal.add_years(day, sign * int(n))
    return _date(m, found, 1)


def _resolve_day_month(scan: _Scan, day: int, month: int, year: int | None, mod: str | None):
    """A day and month with an optional year; "este" keeps this year, "próximo" moves on."""
    if year is not None:
        return cal.safe_date(cal.full_year(year, scan.today), month, day)
    if mod in ("este", "esta"):
        return cal.safe_date(scan.today.year, month, day)
    return cal.next_month_day(scan.today, month, day, after=mod in ("proximo", "el proximo"))


def _compact_parts(a: str, b: str, c: str | None) -> tuple[int, int, int | None] | None:
    """Read 2-3 compact date components as (day, month, year); None if not a date."""
    comps = [x for x in (a, b, c) if x]
    names = [x for x in comps if not x.isdigit()]
    nums = [x for x in comps if x.isdigit()]
    if len(names) > 1:
        return None
    if names:
        month = cal.MONTHS[names[0]]
        if len(nums) == 1:
            return int(nums[0]), month, None
        year_at = next((i for i, x in enumerate(nums) if len(x) == 4), len(nums) - 1)
        return int(nums[1 - year_at]), month, int(nums[year_at])
    if any(len(x) == 3 for x in comps) or (len(comps) == 2 and max(map(len, comps)) > 2):
        return None
    if len(comps) == 3:
        y, mo, d = (a, b, c) if len(a) == 4 else (c, b, a)
        return int(d), int(mo), int(y)
    day, month = int(a), int(b)
    if month > 12 >= day:  # "12/25": only the US order makes it a date
        day, month = month, day
    return day, month, None


def _compact(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    parts = _compact_parts(m["a"], m["b"], m["c"])
    if not parts:
        return []
    day, month, year = parts
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return []
    found = _resolve_day_month(scan, day, month, year, m["mod"])
    return _date(m, found, 0, day=day, month=month, year_given=year is not None)


def _long(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    day = _ORDINAL_DAYS.get(m["day"]) or int(m["day"])
    month = cal.MONTHS[m["mon"]] if not m["mon"].isdigit() else int(m["mon"])
    year = int(m["year"]) if m["year"] else None
    mod = m.groupdict().get("mod")
    found = _resolve_day_month(scan, day, month, year, mod)
    return _date(m, found, 0, day=day, month=month, year_given=year is not None)


def _holiday(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    return _date(m, cal.holiday_date(m, scan.today))


def _nth_weekday(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    month, weekday = cal.MONTHS[m["mon"]], cal.WEEKDAYS[m["wd"]]
    years = [int(m["year"])] if m["year"] else [scan.today.year, scan.today.year + 1]
    for year in years:
        found = cal.nth_weekday(year, month, weekday, _NTH[m["ord"]])
        if found and (m["year"] or found >= scan.today):
            return _date(m, found)
    return []


def _nth_week(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    month = cal.MONTHS[m["mon"]]
    n = _NTH[m["ord"]]
    for year in (scan.today.year, scan.today.year + 1):
        if m["wd"]:
            found = cal.nth_weekday(year, month, cal.WEEKDAYS[m["wd"]], n)
        elif n >= 0:
            found = dt.date(year, month, 1) + dt.timedelta(weeks=n)
        else:  # the last week starts seven days before the month ends
            found = cal.add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=7)
        if found and found >= scan.today:
            return _date(m, found)
    return []


def _minutes_value(word: str | None) -> int:
    if not word:
        return 0
    return {"media": 30, "cuarto": 15}.get(word) or int(word)


def _marker(m: re.Match[str]) -> str | None:
    """The a.m./p.m., part-of-day or noon word written after an hour, if any."""
    meridiem = m["mera"] or m["merb"]
    if meridiem:
        return meridiem + "m"
    return m["parta"] or m["partb"] or ("noon" if m["noona"] or m["noonb"] else None)


def _is_clock_time(scan: _Scan, m: re.Match[str], marker: str | None) -> bool:
    """A number is an hour only with some sign of it: "a las", ":", "pm", "y media"..."""
    hour, plus, minus = int(m["h"]), m["plusa"] or m["plusb"], m["minusa"] or m["minusb"]
    if m["sep"] == " " and not m["art"]:
        return False  # "9 30" is 9:30 only after "a las"
    # "14h", "a las 7 horas", "19 hrs", "7 horas del domingo" are clock times; "2 horas" is not.
    if m["hs"]:
        followed_by_day = scan.text.startswith((" del ", " de la "), m.end())
        return bool(m["hsp"] == "" or hour >= 13 or m["art"] or followed_by_day)
    return bool(
        m["art"] == "las"
        or (m["art"] == "la" and (hour == 1 or marker))  # "a la una", not "la 2" (an option)
        or m["loose"]
        or (m["sep"] or "").startswith(":")
        or marker
        or any(w and (w in ("media", "cuarto") or len(w) == 2) for w in (plus, minus))
        or m["punto"]
    )


def _time(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    hour, marker = int(m["h"]), _marker(m)
    minute = int(m["m"] or 0) + _minutes_value(m["plusa"] or m["plusb"])
    if not _is_clock_time(scan, m, marker) or minute >= 60 or (hour == 24 and minute):
        return []
    if pat.NOT_AN_HOUR_AFTER.match(scan.text, m.end()):
        return []  # "a las 2 personas"
    bound = None
    if m["rel"]:
        bound = "before" if m["rel"] in ("antes de", "hasta") else "after"
    minus = _minutes_value(m["minusa"] or m["minusb"])
    clock = Clock(hour, minute, int(m["s"] or 0), marker, minus, bound)
    return [Piece("time", (m.span(),), clock=clock)]


def _time_range(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    """A window such as "de 3 a 5" or "entre 3 y 5pm"; bare "3 a 5" needs a marker."""
    if not range_is_plausible(m) or pat.NOT_AN_HOUR_AFTER.match(scan.text, m.end()):
        return []
    if not (m["lead"] or m["mer1"] or m["mer2"] or m["part"] or m["m1"] or m["m2"]):
        return []
    return [Piece("time", (m.span(),), time_range=m)]


def range_is_plausible(m: re.Match[str]) -> bool:
    """Tell "de 3 a 5" from "martes 4 a las 7" (a day, then a time) and "3 y 15" (3:15)."""
    if m["join"] == "y" and m["lead"] != "entre":
        return False
    return bool(m["lead"]) or not m["art2"]


def _to_the_hour(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    minus = 15 if m["q"].endswith("cuarto") else int(m["q"])
    marker = (m["mera"] + "m") if m["mera"] else m["parta"] or ("noon" if m["noona"] else None)
    return [Piece("time", (m.span(),), clock=Clock(int(m["h"]), 0, 0, marker, minus))]


def _midday(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    hour = 12 if m["w"].startswith("medio") else 0
    return [Piece("time", (m.span(),), clock=Clock(hour, marker="noon" if hour else "am"))]


def _part(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    if m["p2"]:
        return [Piece("part", (m.span(),), part="temprano")]
    if m["p"] is None:
        late = Piece("part", (m.span(),), part="late")
        return [late, Piece("date", (m.span(),), 3, date=scan.today)] if m["eod"] else [late]
    part = {"mananita": "manana", "tardecita": "tarde", "nochecita": "noche"}.get(m["p"], m["p"])
    pieces = [Piece("part", (m.span(),), part=part.rstrip("s"))]
    if m["art"] == "esta":  # "esta noche" is tonight
        pieces.append(Piece("date", (m.span(),), 2, date=scan.today))
    return pieces


def _relative_day(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    word, today = m["w"], scan.today
    if word.startswith("ahor") or word == "en este momento":
        return [Piece("moment", (m.span(),), 4, moment=scan.now.replace(microsecond=0))]
    shifts = {"pasado manana": 2, "manana": 1, "ayer": -1, "anoche": -1, "antier": -2,
              "anteayer": -2, "antes de ayer": -2, "el dia siguiente": 1,
              "al dia siguiente": 1, "el dia anterior": -1}  # fmt: skip
    found = today + dt.timedelta(days=shifts.get(word, 0))
    pieces = [Piece("date", (m.span(),), 3 if word == "del dia" else 1, date=found)]
    if word == "anoche":
        pieces.append(Piece("part", (m.span(),), part="noche"))
    return pieces


def _week_shift(words: str | None) -> int | None:
    if not words:
        return None
    if "esta semana" in words:
        return 0
    return -1 if any(w in words for w in ("pasad", "anterior")) else 1


def _weekday_shift(before: str, after: str) -> int | None:
    """Calendar weeks to move for "el próximo X", "X pasado", "X de la otra semana"..."""
    if before == "el pasado" or after in ("pasado", "anterior"):
        return -1
    if "proximo" in before or after in ("que viene", "que entra", "proximo", "siguiente"):
        return 1
    return _week_shift(after)


def _shift(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    """ "más tarde", "una hora más temprano", "recorrerla media hora": relative to a proposal."""
    later = (m["dir"] or "").startswith("tard") or (m["verb"] or "adelant") != "adelant"
    number, unit = m["n"] or m["n2"], m["unit"] or m["unit2"]
    minutes = None
    if number:
        amount = 0.5 if number in ("media", "medio") else int(number)
        minutes = round(amount * (60 if unit.startswith("h") else 1))
        if not 0 < minutes <= 12 * 60:
            return []
    return [Piece("shift", (m.span(),), minutes=minutes, direction=1 if later else -1)]


def _weekday(scan: _Scan, m: re.Match[str], week_hint: re.Match[str] | None) -> list[Piece]:
    weekday, today = cal.WEEKDAYS[m["wd"]], scan.today
    before, after = m["m1"] or "", m["m2"] or ""
    spans = [m.span()]
    if before == "este pasado" or (before == "este" and after == "pasado"):
        found = cal.weekday_before(today, weekday)  # the most recent one
    elif before.startswith("este") or before in ("esta", "ese"):
        found = cal.weekday_on_or_after(today, weekday)  # the nearest one
    else:
        shift = _weekday_shift(before, after)
        if shift is None and week_hint and scan.free(*week_hint.span()):
            shift = _week_shift(week_hint["q"])  # "la semana anterior - lunes"
            spans.append(week_hint.span())
        if shift is None:
            # "el miércoles" said on a Wednesday is next week's: today would be "hoy".
            found = cal.weekday_on_or_after(today + dt.timedelta(days=1), weekday)
        else:
            found = cal.weekday_in_week(today, weekday, shift)
    alternatives = ()
    said_which_week = "semana" in after or len(spans) > 1
    if found - today >= dt.timedelta(days=7) and weekday > today.weekday() and not said_which_week:
        # "el próximo sábado" said on a Wednesday: this Saturday, or the one after?
        alternatives = (cal.weekday_on_or_after(today, weekday), found)
    return [
        Piece(
            "date", tuple(sorted(spans)), 1, date=found, weekday=weekday, alternatives=alternatives
        )
    ]


def _week(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    shift = _week_shift(m["q"]) or 0
    found = scan.today if shift == 0 else cal.weekday_in_week(scan.today, 0, shift)
    return _date(m, found, 3)


def _weekend(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    if m["m"] and "proximo" in m["m"]:
        return _date(m, cal.weekday_in_week(scan.today, 5, 1), 1)
    return _date(m, cal.weekday_on_or_after(scan.today, 5), 1)


def _weekday_and_day(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    if not m["wd"]:
        return _date(m, cal.next_day_of_month(scan.today, int(m["day"])), 2, day=int(m["day"]))
    weekday, day = cal.WEEKDAYS[m["wd"]], int(m["day"])
    found = cal.next_weekday_and_day(scan.today, weekday, day)
    found = found or cal.next_day_of_month(scan.today, day)
    return _date(m, found, 1, day=day, weekday=weekday, alternatives=_disagreeing(scan, m))


def _disagreeing(scan: _Scan, m: re.Match[str]) -> tuple[dt.date, ...]:
    """ "el viernes 10" when the coming 10th is a Thursday: the 10th, or the nearest Friday."""
    weekday, nearest = cal.WEEKDAYS[m["wd"]], cal.next_day_of_month(scan.today, int(m["day"]))
    if nearest is None or nearest.weekday() == weekday:
        return ()
    around = [nearest + dt.timedelta(days=d) for d in range(-3, 4)]
    same_weekday = [d for d in around if d.weekday() == weekday and d >= scan.today]
    closest = min(same_weekday, key=lambda d: abs((d - nearest).days))
    return tuple(sorted((nearest, closest)))


def _day_only(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    day, which = int(m["day"]), m["which"] or ""
    if "este" in which:
        found = cal.safe_date(scan.today.year, scan.today.month, day)
    elif which:
        first = cal.add_months(scan.today.replace(day=1), 1)
        found = cal.safe_date(first.year, first.month, day)
    else:
        found = cal.next_day_of_month(scan.today, day)
    return _date(m, found, 2, day=day)


def _bare_hour(scan: _Scan, m: re.Match[str]) -> list[Piece]:
    if pat.NOT_AN_HOUR_AFTER.match(scan.text, m.end()):
        return []
    return [Piece("time", (m.span(),), 2, clock=Clock(int(m["h"])))]


def scan(
    text: str, now: dt.datetime, *, bare_number_is_hour: bool = False, taken: Iterable[Span] = ()
) -> list[Piece]:
    """Return every date/time piece in prepared `text`, most specific patterns first."""
    s = _Scan(text, now, taken)
    week_hint = pat.WEEK.search(text)
    s.run(pat.SHIFT, lambda m: _shift(s, m))
    s.run(pat.OFFSET, lambda m: _offset(s, m))
    s.run(pat.COMPACT, lambda m: _compact(s, m))
    s.run(pat.LONG, lambda m: _long(s, m))
    s.run(pat.NUMERIC_MONTH, lambda m: _long(s, m))
    s.run(pat.MONTH_FIRST, lambda m: _long(s, m))
    s.run(cal.HOLIDAY_PATTERN, lambda m: _holiday(s, m))
    s.run(pat.NTH_WEEKDAY, lambda m: _nth_weekday(s, m))
    s.run(pat.NTH_WEEK, lambda m: _nth_week(s, m))
    s.run(pat.WEEKDAY_DAY_PART, lambda m: _weekday_and_day(s, m))
    s.run(pat.TIME_RANGE, lambda m: _time_range(s, m))
    s.run(pat.TO_THE_HOUR, lambda m: _to_the_hour(s, m))
    s.run(pat.TIME, lambda m: _time(s, m))
    s.run(pat.MIDDAY, lambda m: _midday(s, m))
    s.run(pat.PART, lambda m: _part(s, m))
    s.run(pat.RELATIVE_DAY, lambda m: _relative_day(s, m))
    s.run(pat.WEEKDAY_AND_DAY, lambda m: _weekday_and_day(s, m))
    s.run(pat.WEEKEND, lambda m: _weekend(s, m))
    s.run(pat.WEEKDAY_NAMED, lambda m: _weekday(s, m, week_hint))
    s.run(pat.WEEK, lambda m: _week(s, m))
    s.run(pat.DAY_ONLY, lambda m: _day_only(s, m))
    if bare_number_is_hour and not any(p.kind == "time" for p in s.pieces):
        s.run(pat.BARE_HOUR, lambda m: _bare_hour(s, m))
    return s.pieces
