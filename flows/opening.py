"""Opening hours on a day or a week (holidays and closures included) and who works when,
as answers to customers; and the small text helpers the answers share."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from domain import fmt
from domain.availability import default_location, is_open_on
from domain.hours import WEEKDAYS, load_hours, working_hours
from domain.models import Staff
from flows.base import Turn
from flows.understanding import Understanding
from flows.validation import closed_text

OPEN_ON = "El {day} abrimos de {hours}"
OPEN_ON_WEEKDAY = "Los {weekday} atendemos de {hours}"
CLOSED_ON_WEEKDAY = "Los {weekday} estamos cerrados."
NEXT_OPEN = "Abrimos de nuevo el {day}, de {hours}"
WEEK = "Nuestro horario: {hours}"
NOT_YET_OPEN = "Ahorita todavía no abrimos: hoy atendemos de {hours}"
WORKS = "{name} atiende {days}."
DOES_NOT_WORK = "{name} no atiende los {weekday}; atiende {days}."
WHO_WORKS = "Los {weekday} atienden {names}."
NOBODY_WORKS = "Los {weekday} no atiende nadie del equipo."
PLURAL_WEEKDAY = re.compile(r"\blos (lunes|martes|miercoles|jueves|viernes|sabados|domingos)\b")
NOW_WORDS = re.compile(r"\b(?:ahorita|ahora|en este momento|ya)\b")


def say(turn: Turn, *texts: str) -> None:
    """Say sentences that may end in "p.m.", with one period."""
    turn.say(*(fmt.sentence(text) for text in texts if text))


def ranges_text(ranges) -> str:
    return " y de ".join(f"{fmt.clock_time(a)} a {fmt.clock_time(b)}" for a, b in ranges)


def hours(turn: Turn, said: Understanding) -> None:
    location = default_location(turn.org)
    week = load_hours(location.hours)
    every = PLURAL_WEEKDAY.search(folded(said.text))
    if every:
        weekday = weekday_index(every.group(1))
        ranges = week.get(weekday, [])
        name = plural(weekday)
        say(
            turn,
            OPEN_ON_WEEKDAY.format(weekday=name, hours=ranges_text(ranges))
            if ranges
            else CLOSED_ON_WEEKDAY.format(weekday=name),
        )
        return
    day = said.date or (turn.today if NOW_WORDS.search(folded(said.text)) else None)
    if day is None:
        say(turn, WEEK.format(hours=week_text(week)))
        return
    if not is_open_on(turn.org, day, location):
        say(turn, closed_text(turn.org, day, location), next_open(turn, day, week))
        return
    ranges = week.get(day.weekday(), [])
    local_now = turn.now.astimezone(turn.tz)
    if day == turn.today and ranges and local_now.time() < ranges[0][0]:
        say(turn, NOT_YET_OPEN.format(hours=ranges_text(ranges)))
        return
    say(turn, OPEN_ON.format(day=fmt.day(day), hours=ranges_text(ranges)))


def next_open(turn: Turn, day: dt.date, week) -> str:
    for offset in range(1, 31):
        candidate = day + dt.timedelta(days=offset)
        if is_open_on(turn.org, candidate):
            ranges = week.get(candidate.weekday(), [])
            return fmt.sentence(
                NEXT_OPEN.format(day=fmt.day(candidate), hours=ranges_text(ranges))
            )
    return ""


def week_text(week) -> str:
    groups: list[tuple[list[int], list]] = []
    for weekday in range(7):
        ranges = week.get(weekday, [])
        if groups and groups[-1][1] == ranges and groups[-1][0][-1] == weekday - 1:
            groups[-1][0].append(weekday)
        else:
            groups.append(([weekday], ranges))
    parts = []
    for days, ranges in groups:
        label = days_label(days)
        parts.append(f"{label} de {ranges_text(ranges)}" if ranges else f"{label} cerrado")
    return "; ".join(parts)


def staff_days(turn: Turn, said: Understanding) -> None:
    location_hours = load_hours(default_location(turn.org).hours)
    team = list(
        Staff.select()
        .where(Staff.org == turn.org, Staff.active == True)  # noqa: E712
        .order_by(Staff.position, Staff.id)
    )
    asked_day = said.date.weekday() if said.date else None
    named = [m for m in team if m.id in said.staff_ids]
    if not named and asked_day is not None:
        working = [m.name for m in team if works(m, location_hours).get(asked_day)]
        weekday = plural(asked_day)
        turn.say(
            WHO_WORKS.format(weekday=weekday, names=joined(working))
            if working
            else NOBODY_WORKS.format(weekday=weekday)
        )
        return
    for member in named or team:
        days = sorted(works(member, location_hours))
        text = days_label(days) if len(days) > 1 else f"los {plural(days[0])}" if days else ""
        text = f"de {text}" if " a " in text else text
        if asked_day is not None and asked_day not in days:
            turn.say(DOES_NOT_WORK.format(name=member.name, weekday=plural(asked_day), days=text))
        else:
            turn.say(WORKS.format(name=member.name, days=text))


def works(member: Staff, location_hours) -> dict:
    return working_hours(location_hours, load_hours(member.hours) if member.hours else None)


def folded(text: str) -> str:
    """Lowercase, no accents, words separated by single spaces."""
    folded = unicodedata.normalize("NFKD", (text or "").lower())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def joined(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} y {items[-1]}"


def plural(weekday: int) -> str:
    name = WEEKDAYS[weekday]
    return name if name.endswith("s") else f"{name}s"


def weekday_index(word: str) -> int:
    plain = [folded(w) for w in WEEKDAYS]
    word = word[:-1] if word.endswith("s") and word[:-1] in plain else word
    return plain.index(word)


def days_label(days: list[int]) -> str:
    if not days:
        return ""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        WEEKDAYS[r[0]] if len(r) == 1 else f"{WEEKDAYS[r[0]]} a {WEEKDAYS[r[-1]]}" for r in runs
    ]
    return joined(parts)
