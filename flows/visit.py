"""Several services in one visit, back to back: when they fit, who does each, booking them.

A visit of "Corte de dama y Manicure" at 11:00 is the cut at 11:00 and the manicure when the
cut (and its cleanup time) ends, with the same person where they do both and are free, or
whoever is free for each part otherwise. Working data: slots["services"] lists the service
ids in the order the customer gave them (slots["service"] is the first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain import booking, fmt
from domain.availability import Slot
from domain.db import db
from domain.models import Appointment, Service, Staff
from flows import validation
from flows.base import Turn


@dataclass(frozen=True)
class Part:
    service: Service
    start: dt.datetime  # UTC
    staff_id: int

    @property
    def next_free(self) -> dt.datetime:
        minutes = self.service.duration_min + self.service.buffer_min
        return self.start + dt.timedelta(minutes=minutes)


def service_ids(slots: dict) -> list[int]:
    return list(slots.get("services") or ([slots["service"]] if slots.get("service") else []))


def is_visit(slots: dict) -> bool:
    """More than one service to book together."""
    return len(slots.get("services") or []) > 1


def _services(slots: dict) -> list[Service]:
    found = {s.id: s for s in Service.select().where(Service.id.in_(service_ids(slots)))}
    return [found[i] for i in service_ids(slots) if i in found]


def _tables(turn: Turn, slots: dict, day: dt.date, location) -> list[dict]:
    """For each service, its free starts on `day` -> who is free then."""
    tables = []
    for service in _services(slots):
        times = validation.day_times(
            turn.org,
            service,
            day,
            None,
            slots.get("exclude"),
            clock=turn.clock,
            memo=turn.memo,
            location=location,
        )
        tables.append({slot.start: slot.staff_ids for slot in times})
    return tables


def plan(turn: Turn, slots: dict, start: dt.datetime, location) -> list[Part] | None:
    """Who does each service from `start` on, one after the other; None if it does not fit."""
    services = _services(slots)
    day = start.astimezone(turn.tz).date()
    tables = _tables(turn, slots, day, location)
    chosen = slots.get("staff") if isinstance(slots.get("staff"), int) else None
    first = tables[0].get(start) if tables else None
    if not first or (chosen is not None and chosen not in first):
        return None
    candidates = [chosen] if chosen is not None else list(first)
    for person in candidates:  # the same person for everything, if someone can
        parts = _chain(services, tables, start, person, keep=True)
        if parts:
            return parts
    return _chain(services, tables, start, candidates[0], keep=False)


def _chain(services, tables, start, person, *, keep: bool) -> list[Part] | None:
    parts: list[Part] = []
    at, previous = start, person
    for service, table in zip(services, tables, strict=True):
        free = table.get(at)
        if not free:
            return None
        if previous in free:
            who = previous
        elif keep:
            return None
        else:
            who = free[0]
        parts.append(Part(service, at, who))
        at, previous = parts[-1].next_free, who
    return parts


def day_slots(turn: Turn, slots: dict, day: dt.date, location) -> list[Slot]:
    """The starts on `day` at which the whole visit fits, as slots spanning all of it."""
    tables = _tables(turn, slots, day, location)
    if not tables:
        return []
    found = []
    for start in sorted(tables[0]):
        parts = plan(turn, slots, start, location)
        if parts:
            end = parts[-1].start + dt.timedelta(minutes=parts[-1].service.duration_min)
            found.append(Slot(start, end, (parts[0].staff_id,)))
    return found


def names(slots: dict) -> str:
    """ "Manicure y Corte de caballero"."""
    found = [s.name for s in _services(slots)]
    return found[0] if len(found) == 1 else f"{', '.join(found[:-1])} y {found[-1]}"


def describe(turn: Turn, parts: list[Part]) -> str:
    """One line per service, then the day and the total."""
    who = Staff.select().where(Staff.id.in_([p.staff_id for p in parts]))
    people = {m.id: m.name for m in who}
    tz = turn.org.timezone
    lines = [
        f"{p.service.name} con {people[p.staff_id]} — {fmt.clock_time(p.start, tz)}" for p in parts
    ]
    total = sum(p.service.price_cents for p in parts)
    day = fmt.day(parts[0].start, turn.org.timezone)
    return "\n".join(lines) + f"\n{day} ({fmt.price(total)} en total)"


def book(turn: Turn, parts: list[Part], *, attendee: str, location) -> list[Appointment]:
    """Book every part or none (a BookingConflict leaves nothing written)."""
    with db.atomic():
        return [
            booking.book(
                turn.org,
                customer=turn.customer,
                service=part.service,
                staff=Staff.get_by_id(part.staff_id),
                start=part.start,
                clock=turn.clock,
                source="whatsapp",
                actor="customer",
                location=location,
                attendee=attendee,
            )
            for part in parts
        ]
