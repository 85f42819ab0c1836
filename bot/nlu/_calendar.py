"""Calendar arithmetic for the Spanish date parser: next occurrences, weeks, Mexican holidays.

Weeks start on Monday, as on Mexican calendars. "Future-leaning" means: a date named
without a year is the next one on or after today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

MONTHS = {
    "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "mar": 3, "abril": 4,
    "abr": 4, "mayo": 5, "may": 5, "junio": 6, "jun": 6, "julio": 7, "jul": 7,
    "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9, "sept": 9, "sep": 9,
    "set": 9, "octubre": 10, "oct": 10, "noviembre": 11, "nov": 11, "diciembre": 12,
    "dic": 12,
}  # fmt: skip
WEEKDAYS = {
    "lunes": 0, "lun": 0, "martes": 1, "miercoles": 2, "mier": 2, "mie": 2, "jueves": 3,
    "jue": 3, "viernes": 4, "vie": 4, "sabado": 5, "sab": 5, "domingo": 6, "dom": 6,
}  # fmt: skip


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or None when it does not exist (30 February)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(day: dt.date, months: int) -> dt.date:
    """Move by whole months, clamping the day to the target month's length."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    return add_months(day, 12 * years)


def next_month_day(today: dt.date, month: int, day: int, *, after: bool = False) -> dt.date | None:
    """Next `day`/`month` on or after `today` (strictly after with `after`); None if never."""
    for year in range(today.year, today.year + 9):  # 29 February comes back within 8 years
        found = safe_date(year, month, day)
        if found and (found > today or (found == today and not after)):
            return found
    return None


def next_day_of_month(today: dt.date, day: int) -> dt.date | None:
    """Next date on or after `today` whose day of the month is `day`."""
    for months in range(13):
        first = add_months(today.replace(day=1), months)
        found = safe_date(first.year, first.month, day)
        if found and found >= today:
            return found
    return None


def next_weekday_and_day(today: dt.date, weekday: int, day: int) -> dt.date | None:
    """Next date on or after `today` that is both `weekday` and day `day` ("lunes 21")."""
    for months in range(40):
        first = add_months(today.replace(day=1), months)
        found = safe_date(first.year, first.month, day)
        if found and found >= today and found.weekday() == weekday:
            return found
    return None


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekday_on_or_after(today: dt.date, weekday: int) -> dt.date:
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7)


def weekday_before(today: dt.date, weekday: int) -> dt.date:
    return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def weekday_in_week(today: dt.date, weekday: int, weeks: int) -> dt.date:
    """The `weekday` of the calendar week `weeks` away from today's (0 = this week)."""
    return week_start(today) + dt.timedelta(days=7 * weeks + weekday)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    """The n-th `weekday` of a month (n = -1 for the last one)."""
    days = [d for d in calendar.Calendar().itermonthdates(year, month)
            if d.month == month and d.weekday() == weekday]  # fmt: skip
    return days[n] if -len(days) <= n < len(days) else None


def full_year(year: int, today: dt.date) -> int:
    """Expand a two-digit year: "26" -> 2026, "95" -> 1995."""
    if year >= 100:
        return year
    return 2000 + year if year <= today.year % 100 + 20 else 1900 + year


def _fathers_day(year: int) -> dt.date | None:
    return nth_weekday(year, 6, 6, 2)


def easter(year: int) -> dt.date:
    """Easter Sunday (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lx = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lx) // 433
    month = (h + lx - 7 * m + 90) // 25
    return dt.date(year, month, (h + lx - 7 * m + 33 * month + 19) % 32)


def _thanksgiving(year: int) -> dt.date | None:
    return nth_weekday(year, 11, 3, 3)


def _black_friday(year: int) -> dt.date | None:
    thursday = _thanksgiving(year)
    return thursday + dt.timedelta(days=1) if thursday else None


# Mexican dates a customer may name; fixed (month, day) or a rule for the given year.
HolidayRule = tuple[int, int] | Callable[[int], dt.date | None]
HOLIDAYS: list[tuple[str, HolidayRule]] = [
    (r"(?:dia de )?(?:ano nuevo|anio nuevo)", (1, 1)),
    (r"dia de (?:los )?(?:santos )?reyes(?: magos)?", (1, 6)),
    (r"dia de la candelaria", (2, 2)),
    (r"(?:dia de )?san valentin|dia del amor y la amistad|dia de los enamorados", (2, 14)),
    (r"dia de la (?:constitucion|carta magna)", (2, 5)),
    (r"dia de la bandera", (2, 24)),
    (r"dia (?:internacional )?de la mujer", (3, 8)),
    (r"(?:dia de )?san patricio", (3, 17)),
    (r"natalicio de benito juarez|dia de benito juarez", (3, 21)),
    (r"(?:la )?semana santa|(?:el )?domingo de (?:pascua|resurreccion)|(?:la )?pascua", easter),
    (r"dia de la tierra", (4, 22)),
    (r"dia del nino|dia de los ninos", (4, 30)),
    (r"dia del maestro|dia de los maestros", (5, 15)),
    (r"dia (?:internacional )?de(?:l| los| las)? trabaj(?:o|ador(?:es)?|adoras?)", (5, 1)),
    (r"dia de (?:las|la) madres?", (5, 10)),
    (r"dia del padre", _fathers_day),
    (r"dia de (?:la )?independencia", (9, 16)),
    (r"dia de la raza|dia de la hispanidad", (10, 12)),
    (r"halloween|noche de brujas", (10, 31)),
    (r"dia de (?:los )?muertos|dia de todos (?:los )?santos", (11, 2)),
    (r"dia de la revolucion(?: mexicana)?", (11, 20)),
    (r"(?:dia de )?accion de gracias", _thanksgiving),
    (r"viernes negro|black friday", _black_friday),
    (r"dia de la virgen(?: de guadalupe)?|dia de (?:la )?guadalupe", (12, 12)),
    (r"noche ?buena", (12, 24)),
    (r"navidad", (12, 25)),
    (r"noche ?vieja|fin de ano", (12, 31)),
]
HOLIDAY_PATTERN = re.compile(
    r"\b(?:el |la )?(?:"
    + "|".join(f"(?P<h{i}>{pattern})" for i, (pattern, _) in enumerate(HOLIDAYS))
    + r")\b(?: (?:de |del )?(?:ano )?(?P<year>(?:19|20)\d\d)\b)?"
)


def holiday_date(match: re.Match[str], today: dt.date) -> dt.date | None:
    """Resolve a HOLIDAY_PATTERN match: the given year, or the next one on or after today."""
    index = next(i for i in range(len(HOLIDAYS)) if match[f"h{i}"])
    rule = HOLIDAYS[index][1]
    years = [int(match["year"])] if match["year"] else range(today.year, today.year + 2)
    for year in years:
        found = rule(year) if callable(rule) else safe_date(year, *rule)
        if found and (match["year"] or found >= today):
            return found
    return None
