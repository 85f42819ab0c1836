"""Wishes said relative to something: "más tarde", "a la misma hora", "el mismo día" against
the time proposed (or the appointment being moved), which of two dates was meant, and the day
a part of the day alone refers to."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from flows.base import Turn
from flows.understanding import Understanding

END_OF_DAY = dt.time(23, 59)


def reference(turn: Turn, slots: dict) -> dt.datetime | None:
    """The local time a relative wish is measured from: the proposal, or the anchor."""
    iso = slots.get("start") or slots.get("anchor")
    if iso:
        return dt.datetime.fromisoformat(iso).astimezone(turn.tz)
    if slots.get("date") and slots.get("time"):
        day, at = dt.date.fromisoformat(slots["date"]), dt.time.fromisoformat(slots["time"])
        return dt.datetime.combine(day, at, tzinfo=turn.tz)
    return None


def relative(turn: Turn, slots: dict, said: Understanding) -> Understanding:
    """Turn "una hora más tarde", "a la misma hora", "el mismo día" into a date and time."""
    ref = reference(turn, slots)
    if ref is None or not (said.wants_change or said.shift):
        return said
    changes: dict = {}
    if said.same_day and said.date is None:
        changes["date"] = ref.date()
    if said.same_time and said.time is None:
        changes["time"] = ref.time()
    if said.shift and said.time is None:
        moved = ref + dt.timedelta(minutes=said.shift)
        changes.update(time=moved.time(), date=said.date or moved.date())
    elif said.direction and said.time is None and said.part_of_day is None:
        later = (ref + dt.timedelta(minutes=1)).time()
        part = (later, END_OF_DAY) if said.direction > 0 else (dt.time(0), ref.time())
        changes.update(part_of_day=part, date=said.date or ref.date())
    elif said.direction and said.date is None:
        changes["date"] = ref.date()
    return replace(said, **changes)


def pick_date_option(slots: dict, said: Understanding) -> Understanding:
    """The answer to "¿el jueves 10 o el viernes 11?": a number, a weekday or a date."""
    options = [dt.date.fromisoformat(d) for d in slots["date_options"]]
    picked = None
    if said.choice and said.choice <= len(options):
        picked = options[said.choice - 1]
    elif said.date in options:
        picked = said.date
    elif said.date:
        same = [d for d in options if d.weekday() == said.date.weekday() or d.day == said.date.day]
        picked = same[0] if len(same) == 1 else None
    if picked is None:
        return said
    return replace(said, date=picked, choice=None)


def day_for_part(turn: Turn, part: tuple[dt.time, dt.time]) -> dt.date:
    """ "En la tarde" alone: today if the afternoon is still ahead, else tomorrow."""
    now_local = turn.now.astimezone(turn.tz)
    return turn.today if now_local.time() < part[1] else turn.today + dt.timedelta(days=1)
