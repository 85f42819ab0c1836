"""es-MX formatting of what people read: dates, times, prices, durations."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.numbers import format_decimal

LOCALE = "es_MX"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local(moment: dt.datetime, tz: str) -> dt.datetime:
    """The wall-clock time of an aware moment in the timezone named tz."""
    return moment.astimezone(zone(tz))


def when(moment: dt.datetime, tz: str) -> str:
    """ "viernes 5 de diciembre, 5:00 p.m." in the business's timezone."""
    return format_datetime(local(moment, tz), "EEEE d 'de' MMMM, h:mm a", locale=LOCALE)


def day(moment: dt.datetime | dt.date, tz: str | None = None) -> str:
    """ "viernes 5 de diciembre"."""
    if isinstance(moment, dt.datetime):
        moment = local(moment, tz) if tz else moment
    else:
        moment = dt.datetime.combine(moment, dt.time(12))
    return format_datetime(moment, "EEEE d 'de' MMMM", locale=LOCALE)


SHORT_WEEKDAYS = ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")


def short_day(day: dt.date) -> str:
    """ "jue 3", for column heads."""
    return f"{SHORT_WEEKDAYS[day.weekday()]} {day.day}"


def clock_time(moment: dt.datetime | dt.time, tz: str | None = None) -> str:
    """ "5:00 p.m."."""
    if isinstance(moment, dt.time):
        moment = dt.datetime.combine(dt.date(2000, 1, 3), moment)
    elif tz:
        moment = local(moment, tz)
    return format_datetime(moment, "h:mm a", locale=LOCALE)


def the_clock(moment: dt.datetime, tz: str) -> str:
    """ "las 5:00 p.m.", "la 1:30 p.m.": a time after "a", "desde", "hasta"."""
    wall = local(moment, tz)
    return f"{'la' if wall.hour % 12 == 1 else 'las'} {clock_time(wall)}"


def at_clock(moment: dt.datetime, tz: str) -> str:
    """ "a las 5:00 p.m.", "a la 1:30 p.m."."""
    return f"a {the_clock(moment, tz)}"


def clock_minutes(minutes: int) -> str:
    """ "5:30 p.m." for minutes since midnight; as clock_time, without Babel's cost (grids
    label hundreds of times)."""
    hour, minute = divmod(minutes % (24 * 60), 60)
    return f"{hour % 12 or 12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"


def hhmm(moment: dt.datetime, tz: str) -> str:
    """ "17:00", the compact form staff lists use."""
    return local(moment, tz).strftime("%H:%M")


def price(cents: int) -> str:
    """ "$350", or "$1,250.50" when there are centavos."""
    pesos, rest = divmod(cents, 100)
    text = format_decimal(pesos, locale=LOCALE)
    return f"${text}.{rest:02d}" if rest else f"${text}"


def duration(minutes: int) -> str:
    return f"{minutes} min"


def sentence(text: str) -> str:
    """End a sentence with a period, without doubling the one of "p.m."."""
    return text if text.endswith(".") else f"{text}."
