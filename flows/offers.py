"""Showing the customer what there is: the day to ask for, the free times, the proposal."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain import fmt
from domain.availability import Slot
from domain.models import Service, Staff
from flows import visit
from flows.base import Turn
from flows.steps import (
    MAX_TIMES,
    as_options,
    chosen_staff,
    chosen_start,
    day_times,
    location_of,
    numbered,
    service_of,
)
from flows.validation import ANY_STAFF, staff_for


def ask_day(turn: Turn, slots: dict) -> None:
    if slots.get("date_options"):
        options = [dt.date.fromisoformat(d) for d in slots["date_options"]]
        slots["options"] = slots["date_options"]
        turn.say(f"¿Qué día: {' o '.join(f'el {fmt.day(d)}' for d in options)}?")
        return
    slots["options"] = []
    text = '¿Para qué día? Puedes escribir, por ejemplo, "mañana" o "el sábado".'
    if visit.is_visit(slots):
        text = f"Anoté {visit.names(slots)}, uno después del otro. {text}"
    if slots.get("staff") in (None, ANY_STAFF) and slots.get("service"):
        branch = location_of(turn, slots)
        people = [
            m.name
            for m in staff_for(turn.org, service_of(slots))
            if m.location_id in (None, branch.id)
        ]
        if len(people) > 1:
            text += f" Si quieres a alguien en especial, dime su nombre ({' o '.join(people)})."
    turn.say(text)


def show_times(turn: Turn, slots: dict) -> None:
    """List the times to choose from: alternatives to a missed wish, or the day's times."""
    what = visit.names(slots)
    if isinstance(slots.get("staff"), int):
        what += f" con {Staff.get_by_id(slots['staff']).name}"
    if slots.get("alternatives"):
        slots["options"] = slots.pop("alternatives")
        days = {
            dt.datetime.fromisoformat(iso).astimezone(turn.tz).date()
            for iso, _ in slots["options"]
        }
        other_day = days != {dt.date.fromisoformat(slots["date"])}
        when = "" if other_day else f" el {fmt.day(next(iter(days)))}"
        turn.say(
            f"Lo más cercano que tengo para {what}{when}:\n"
            f"{_option_lines(turn, slots['options'], with_day=other_day)}\n"
            "Escribe el número, otra hora, o *otro día*."
        )
        return
    day = dt.date.fromisoformat(slots["date"])
    soonest = slots.pop("soonest", False)
    free = day_times(turn, slots, day)
    times = _earliest(free) if soonest else pick_times(free, slots.get("part"), turn.tz)
    slots["options"] = as_options(times)
    if not times:
        turn.say(
            f"El {fmt.day(day)} ya no tengo horarios para {what} en ese rango. "
            "¿Otra hora u otro día?"
        )
        slots.pop("part", None)
        return
    if slots.pop("redirected", False):
        head = f"El próximo horario para {what} es el {fmt.day(day)}:"
    elif soonest:
        head = f"Lo más pronto que tengo para {what} es el {fmt.day(day)}:"
    else:
        head = f"Estos horarios están libres para {what} el {fmt.day(day)}:"
    turn.say(
        f"{head}\n{_option_lines(turn, slots['options'])}\n"
        "Escribe el número, otra hora, o *otro día*."
    )


def _earliest(free: list[Slot]) -> list[Slot]:
    """The first free times of the day, a little apart."""
    chosen: list[Slot] = []
    for slot in free:
        if not chosen or slot.start >= chosen[-1].start + dt.timedelta(minutes=30):
            chosen.append(slot)
        if len(chosen) == MAX_TIMES // 2:
            break
    return chosen


def pick_times(slots: list[Slot], part: list[str] | None, tz: ZoneInfo) -> list[Slot]:
    """A handful of times that spread over the (part of the) day without overlapping."""
    if part:
        start, end = (dt.time.fromisoformat(p) for p in part)
        slots = [s for s in slots if start <= s.start.astimezone(tz).time() < end]
    chain: list[Slot] = []
    for slot in slots:
        if not chain or slot.start >= chain[-1].end:
            chain.append(slot)
    if len(chain) <= MAX_TIMES:
        return chain
    step = (len(chain) - 1) / (MAX_TIMES - 1)
    return [chain[round(i * step)] for i in range(MAX_TIMES)]


def _option_lines(turn: Turn, options: list, with_day: bool = False) -> str:
    show = fmt.when if with_day else fmt.clock_time
    texts = [show(dt.datetime.fromisoformat(iso), turn.org.timezone) for iso, _ in options]
    if with_day:
        return numbered(texts)
    pairs = [f"{i}. {t}" for i, t in enumerate(texts, start=1)]
    return "\n".join("   ".join(pairs[i : i + 3]) for i in range(0, len(pairs), 3))


def describe(turn: Turn, slots: dict) -> str:
    """What is about to be booked or moved, for the person to confirm."""
    whom = f", para {slots['attendee']}" if slots.get("attendee") else ""
    if slots.get("plan"):
        return visit.describe(turn, plan_parts(slots)) + whom.replace(", para", "\nPara")
    service = service_of(slots)
    return (
        f"{service.name} con {chosen_staff(slots).name}{whom}\n"
        f"{fmt.when(chosen_start(slots), turn.org.timezone)} "
        f"({service.duration_min} min, {fmt.price(service.price_cents)})"
    )


def plan_parts(slots: dict) -> list[visit.Part]:
    """The services of a visit as chosen: what, when, with whom."""
    services = {s.id: s for s in Service.select().where(Service.id.in_(visit.service_ids(slots)))}
    return [
        visit.Part(services[sid], dt.datetime.fromisoformat(iso), staff)
        for sid, iso, staff in slots["plan"]
    ]
