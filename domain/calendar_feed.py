"""iCalendar (ICS) feeds of a business's or a staff member's appointments and blocks.

Events carry the business's timezone (with its VTIMEZONE), so Google and Apple Calendar show
the same wall-clock times as the dashboard, daylight-saving changes included.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from domain import fmt
from domain.models import Appointment, Organization, Staff, TimeBlock

PAST = dt.timedelta(days=30)
AHEAD = dt.timedelta(days=180)


def build(org: Organization, now: dt.datetime, staff: Staff | None = None) -> bytes:
    """The ICS text of org's (or one member's) calendar from a month ago to six months on."""
    tz = fmt.zone(org.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//Yume//Agenda//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = f"{org.name} — {staff.name}" if staff else org.name
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", org.timezone)
    calendar.add("refresh-interval", dt.timedelta(minutes=30), parameters={"VALUE": "DURATION"})
    for appointment in _appointments(org, now, staff):
        calendar.add_component(_appointment_event(appointment, tz, now))
    for block in _blocks(org, now, staff):
        calendar.add_component(_block_event(block, tz, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _appointments(org, now, staff):
    query = (
        Appointment.with_people()
        .where(
            Appointment.org == org,
            Appointment.status.in_(("booked", "confirmed", "completed")),
            Appointment.start_at > now - PAST,
            Appointment.start_at < now + AHEAD,
        )
        .order_by(Appointment.start_at)
    )
    if staff is not None:
        query = query.where(Appointment.staff == staff)
    return query


def _blocks(org, now, staff):
    query = TimeBlock.select().where(
        TimeBlock.org == org, TimeBlock.end_at > now - PAST, TimeBlock.start_at < now + AHEAD
    )
    if staff is not None:
        query = query.where((TimeBlock.staff == staff) | TimeBlock.staff.is_null())
    return query.order_by(TimeBlock.start_at)


def _appointment_event(appointment: Appointment, tz, now) -> Event:
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@yume")
    event.add("dtstamp", now)
    event.add("dtstart", appointment.start_at.astimezone(tz))
    event.add("dtend", appointment.end_at.astimezone(tz))
    who = appointment.customer.name or "Cliente"
    event.add("summary", f"{appointment.service.name} — {who}")
    lines = [
        f"Cita #{appointment.number} con {appointment.staff.name}",
        f"Cliente: {who} {appointment.customer.phone or ''}".strip(),
        f"Precio: {fmt.price(appointment.price_cents)}",
    ]
    if appointment.notes:
        lines.append(f"Notas: {appointment.notes}")
    event.add("description", "\n".join(lines))
    event.add("status", "CONFIRMED")
    event.add("last-modified", appointment.updated_at)
    return event


def _block_event(block: TimeBlock, tz, now) -> Event:
    event = Event()
    event.add("uid", f"block-{block.id}@yume")
    event.add("dtstamp", now)
    event.add("dtstart", block.start_at.astimezone(tz))
    event.add("dtend", block.end_at.astimezone(tz))
    label = "Día festivo" if block.kind == "holiday" else "Bloqueado"
    if block.staff_id is None:
        label = f"{label}: negocio cerrado"
    event.add("summary", f"{label}{f' ({block.reason})' if block.reason else ''}")
    event.add("transp", "OPAQUE")
    return event
