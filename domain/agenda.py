"""What the dashboard's agenda shows: appointments and blocks of local days, by staff member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.models import Appointment, Organization, Staff, TimeBlock


@dataclass
class Column:
    """One staff member's day (staff None: closures of the whole business)."""

    staff: Staff | None
    appointments: list[Appointment] = field(default_factory=list)
    blocks: list[TimeBlock] = field(default_factory=list)

    @property
    def entries(self) -> list:
        return sorted([*self.appointments, *self.blocks], key=lambda e: (e.start_at, e.id))


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
) -> list[Appointment]:
    query = (
        Appointment.with_people()
        .where(Appointment.org == org, Appointment.start_at < end, Appointment.end_at > start)
        .order_by(Appointment.start_at, Appointment.id)
    )
    if staff_id is not None:
        query = query.where(Appointment.staff == staff_id)
    if not include_cancelled:
        query = query.where(Appointment.status != "cancelled")
    return list(query)


def columns(
    org: Organization, day: dt.date, days: int = 1, staff_id: int | None = None
) -> list[Column]:
    """Each active staff member's appointments and blocks over the days, business-wide first."""
    start, end = day_bounds(org, day, days)
    members = Staff.select().where(Staff.org == org, Staff.active == True)  # noqa: E712
    if staff_id is not None:
        members = members.where(Staff.id == staff_id)
    by_staff = {m.id: Column(m) for m in members.order_by(Staff.position, Staff.id)}
    business = Column(None)
    for appointment in appointments_between(org, start, end, staff_id=staff_id):
        column = by_staff.get(appointment.staff_id)
        if column is None:  # an inactive member's leftover appointment still shows
            column = by_staff[appointment.staff_id] = Column(appointment.staff)
        column.appointments.append(appointment)
    blocks = TimeBlock.select().where(
        TimeBlock.org == org, TimeBlock.start_at < end, TimeBlock.end_at > start
    )
    for block in blocks.order_by(TimeBlock.start_at):
        if block.staff_id is None:
            business.blocks.append(block)
        elif block.staff_id in by_staff:
            by_staff[block.staff_id].blocks.append(block)
    shown = [business] if business.blocks else []
    return shown + list(by_staff.values())


def by_local_day(org: Organization, entries: list, first: dt.date, days: int) -> list:
    """Split entries into (date, entries) pairs for each local day of a week view."""
    tz = ZoneInfo(org.timezone)
    result = [(first + dt.timedelta(days=i), []) for i in range(days)]
    for entry in entries:
        offset = (entry.start_at.astimezone(tz).date() - first).days
        if 0 <= offset < days:
            result[offset][1].append(entry)
    return result
