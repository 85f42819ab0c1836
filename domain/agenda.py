"""What the dashboard's agenda shows: a day or a week of appointments and blocks, laid out.

Each view reads its staff, locations, appointments and blocks in a handful of queries and hands
them to domain.daygrid for the layout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from domain import daygrid
from domain.hours import load_hours, working_hours
from domain.models import Appointment, Customer, Location, Organization, Service, Staff, TimeBlock


def day_bounds(org: Organization, day: dt.date, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """UTC moments of local midnight at day and `days` later."""
    tz = ZoneInfo(org.timezone)
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(0), tzinfo=tz)
    return start, end.astimezone(dt.UTC)


def today(org: Organization, now: dt.datetime) -> dt.date:
    return now.astimezone(ZoneInfo(org.timezone)).date()


def appointments_between(
    org: Organization,
    start: dt.datetime,
    end: dt.datetime,
    *,
    staff_id: int | None = None,
    include_cancelled: bool = False,
    location: Location | None = None,
) -> list[Appointment]:
    query = (
        Appointment.with_people()
        .where(Appointment.org == org, Appointment.start_at < end, Appointment.end_at > start)
        .order_by(Appointment.start_at, Appointment.id)
    )
    if staff_id is not None:
        query = query.where(Appointment.staff == staff_id)
    if location is not None:
        query = query.where(Appointment.location == location)
    if not include_cancelled:
        query = query.where(Appointment.status != "cancelled")
    return list(query)


@dataclass(frozen=True, slots=True)
class Booked:
    """An appointment as the agenda draws it: read as plain columns, not four models a row."""

    id: int
    number: int
    start_at: dt.datetime
    end_at: dt.datetime
    status: str
    staff_id: int
    customer_id: int
    customer_name: str
    service_name: str


def booked_between(
    org: Organization,
    start: dt.datetime,
    end: dt.datetime,
    *,
    staff_id: int | None = None,
    location: Location | None = None,
) -> list[Booked]:
    """Appointments (cancelled ones left out) overlapping [start, end), in time order."""
    query = (
        Appointment.select(
            Appointment.id,
            Appointment.number,
            Appointment.start_at,
            Appointment.end_at,
            Appointment.status,
            Appointment.staff,
            Appointment.customer,
            Customer.name,
            Service.name,
        )
        .join(Customer, on=(Appointment.customer == Customer.id))
        .switch(Appointment)
        .join(Service, on=(Appointment.service == Service.id))
        .where(
            Appointment.org == org,
            Appointment.start_at < end,
            Appointment.end_at > start,
            Appointment.status != "cancelled",
        )
        .order_by(Appointment.start_at, Appointment.id)
    )
    if staff_id is not None:
        query = query.where(Appointment.staff == staff_id)
    if location is not None:
        query = query.where(Appointment.location == location)
    return [Booked(*row) for row in query.tuples()]


def locations(org: Organization) -> list[Location]:
    """The business's active branches, the first (default) one first."""
    return list(
        Location.select()
        .where(Location.org == org, Location.active == True)  # noqa: E712
        .order_by(Location.id)
    )


def staff_at(org: Organization, location: Location | None = None) -> list[Staff]:
    """Active staff, in their order; with a location, those who work there (or everywhere)."""
    query = Staff.select().where(Staff.org == org, Staff.active == True)  # noqa: E712
    if location is not None:
        query = query.where(Staff.location.is_null() | (Staff.location == location))
    return list(query.order_by(Staff.position, Staff.id))


@dataclass
class View:
    """What one agenda page draws: the grid, and the days the business is closed."""

    grid: daygrid.Grid
    closed_days: set[dt.date]


class _Reader:
    """Appointments, blocks and hours of a span, read once and handed out per column."""

    def __init__(self, org, first: dt.date, days: int, location, staff_id=None):
        self.org, self.tz = org, ZoneInfo(org.timezone)
        start, end = day_bounds(org, first, days)
        branches = locations(org)
        self.default = location or (branches[0] if branches else None)
        self.by_location = {b.id: load_hours(b.hours) for b in branches}
        self.appointments = booked_between(org, start, end, staff_id=staff_id, location=location)
        blocks = TimeBlock.select().where(
            TimeBlock.org == org, TimeBlock.start_at < end, TimeBlock.end_at > start
        )
        if location is not None:
            blocks = blocks.where(TimeBlock.location.is_null() | (TimeBlock.location == location))
        self.blocks = list(blocks.order_by(TimeBlock.start_at))

    def hours(self, member: Staff | None):
        location_id = (member.location_id if member else None) or getattr(self.default, "id", 0)
        base = self.by_location.get(location_id, {})
        if member is None or not member.hours:
            return base
        return working_hours(base, load_hours(member.hours))

    def entries(self, member: Staff | None, day: dt.date) -> list:
        """A member's appointments and blocks that day, closures included; None: everyone's."""
        start, end = day_bounds(self.org, day)
        chosen = [
            a
            for a in self.appointments
            if (member is None or a.staff_id == member.id)
            and a.start_at < end
            and a.end_at > start
        ]
        chosen += [
            b
            for b in self.blocks
            if (member is None or b.staff_id is None or b.staff_id == member.id)
            and b.start_at < end
            and b.end_at > start
        ]
        return chosen

    def column(self, member: Staff | None, day: dt.date) -> daygrid.GridColumn:
        return daygrid.column(day, member, self.hours(member), self.entries(member, day), self.tz)

    def closed_days(self, days) -> set[dt.date]:
        """Days without business hours, or closed all day for everyone (a holiday)."""
        closed = set()
        for day in days:
            opened = daygrid.open_minutes(self.hours(None), day)
            closures = [b for b in self.entries(None, day) if _is_closure(b)]
            whole = daygrid.column(day, None, self.hours(None), closures, self.tz).all_day
            if not opened or whole:
                closed.add(day)
        return closed


def _is_closure(entry) -> bool:
    return getattr(entry, "customer_id", None) is None and entry.staff_id is None


def day_view(
    org: Organization,
    day: dt.date,
    *,
    staff_id: int | None = None,
    location: Location | None = None,
) -> View:
    """One column per staff member (or only one), business closures drawn in each."""
    members = [m for m in staff_at(org, location) if staff_id is None or m.id == staff_id]
    reader = _Reader(org, day, 1, location, staff_id)
    shown = {m.id for m in members}
    # An inactive member's leftover appointment still shows, in a column of its own.
    missing = {a.staff_id for a in reader.appointments} - shown
    if missing:
        members += list(Staff.select().where(Staff.id.in_(sorted(missing))))
    columns = [reader.column(member, day) for member in members]
    return View(daygrid.lay_out(columns), reader.closed_days([day]))


def week_view(
    org: Organization, first: dt.date, member: Staff, *, location: Location | None = None
) -> View:
    """One person's week from Monday: one column per day."""
    days = [first + dt.timedelta(days=i) for i in range(7)]
    reader = _Reader(org, first, 7, location, member.id)
    columns = [reader.column(member, day) for day in days]
    return View(daygrid.lay_out(columns), reader.closed_days(days))


@dataclass
class WeekDay:
    date: dt.date
    closed: bool
    entries: list


def week_lists(org: Organization, first: dt.date, *, location: Location | None = None):
    """Everyone's week from Monday: each day's appointments and blocks in time order."""
    reader = _Reader(org, first, 7, location)
    result = []
    for offset in range(7):
        day = first + dt.timedelta(days=offset)
        entries = sorted(reader.entries(None, day), key=lambda e: (e.start_at, e.id))
        result.append(WeekDay(day, day in reader.closed_days([day]), entries))
    return result


def closing_after(org: Organization, member: Staff | None, day: dt.date, at: dt.time):
    """When the working stretch that contains `at` ends that day (a block "until closing")."""
    branches = {b.id: b for b in locations(org)}
    location = branches.get(member.location_id) if member and member.location_id else None
    location = location or next(iter(branches.values()), None)
    hours = load_hours(location.hours if location else {})
    if member is not None and member.hours:
        hours = working_hours(hours, load_hours(member.hours))
    minute = at.hour * 60 + at.minute
    for start, end in daygrid.open_minutes(hours, day):
        if start <= minute < end:
            return dt.time(23, 59) if end >= daygrid.DAY else dt.time(end // 60, end % 60)
    return None
