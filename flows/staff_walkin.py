"""Walk-ins: someone who came in without an appointment, booked now (or at the hour said)
with the staff member who tells Yume, when they do that service."""

from __future__ import annotations

import datetime as dt

from domain import booking, fmt
from domain.customers import customer_for_phone, set_name
from domain.errors import DomainError
from domain.models import Customer, Service, StaffService
from flows.base import Turn
from flows.understanding import Command


def pending_of(command: Command) -> dict:
    """What a walk-in keeps while the service is asked for."""
    return {
        "name": command.text,
        "phone": command.phone,
        "start": command.start.strftime("%H:%M") if command.start else None,
        "date": command.date.isoformat() if command.date else None,
    }


def service_of(turn: Turn, service_ids: tuple[int, ...]) -> int | None:
    """The one service meant; among several that match, the one this person does."""
    if len(service_ids) == 1:
        return service_ids[0]
    mine = [i for i in service_ids if _does(turn, i)]
    return mine[0] if len(mine) == 1 else None


def _does(turn: Turn, service_id: int) -> bool:
    return (
        StaffService.select()
        .where(StaffService.staff == turn.staff, StaffService.service == service_id)
        .exists()
    )


def book(turn: Turn, pending: dict, service_id: int) -> None:
    service = Service.get_or_none((Service.org == turn.org) & (Service.id == service_id))
    now_local = turn.now.astimezone(turn.tz).replace(second=0, microsecond=0)
    day = dt.date.fromisoformat(pending["date"]) if pending.get("date") else now_local.date()
    at = dt.time.fromisoformat(pending["start"]) if pending.get("start") else now_local.time()
    start = dt.datetime.combine(day, at, tzinfo=turn.tz).astimezone(dt.UTC)
    who = _customer(turn, pending)
    try:
        appointment = booking.book(
            turn.org,
            customer=who,
            service=service,
            staff=turn.staff if _does(turn, service.id) else None,
            start=start,
            clock=turn.clock,
            source="walk_in",
            actor=turn.actor,
        )
    except DomainError as error:
        turn.say(error.message)
        return
    day_text = "hoy" if day == turn.today else fmt.day(day)
    turn.say(
        fmt.sentence(
            f"Agendado #{appointment.number}: {service.name} con {appointment.staff.name}, "
            f"{day_text} {fmt.clock_time(appointment.start_at, turn.org.timezone)}"
            f"{', ' + who.name if who.name else ''}"
        )
    )


def _customer(turn: Turn, pending: dict) -> Customer:
    if pending.get("phone"):
        person = customer_for_phone(turn.org, pending["phone"], now=turn.now)
    else:
        person = Customer.create(org=turn.org, phone=None, created_at=turn.now)
    if pending.get("name"):
        set_name(person, pending["name"])
    return person
