"""Time blocks: a staff member away, or the whole business closed (holidays)."""

from __future__ import annotations

import datetime as dt

from domain.booking import NO_KEY_UPDATE
from domain.db import db, is_postgres
from domain.errors import InvalidInput, NotFound
from domain.models import Appointment, Organization, Staff, TimeBlock
from domain.numbers import take_number


def colliding_appointments(
    org: Organization, staff: Staff | None, start: dt.datetime, end: dt.datetime
) -> list[Appointment]:
    """Active appointments that a block over [start, end) would fall on."""
    query = Appointment.select().where(
        Appointment.org == org,
        Appointment.status.in_(Appointment.ACTIVE),
        Appointment.start_at < end,
        Appointment.busy_until > start,
    )
    if staff is not None:
        query = query.where(Appointment.staff == staff)
    return list(query.order_by(Appointment.start_at))


def add_block(
    org: Organization,
    *,
    start: dt.datetime,
    end: dt.datetime,
    staff: Staff | None = None,
    reason: str = "",
    kind: str = "block",
) -> TimeBlock:
    """Block [start, end) for one staff member, or for the whole business when staff is None.

    Appointments already in that time stay as they are; callers show colliding_appointments
    first and ask before going ahead.
    """
    if end <= start:
        raise InvalidInput("El final del bloqueo debe ser después del inicio.")
    if end - start > dt.timedelta(days=62):
        raise InvalidInput("Un bloqueo puede durar como máximo dos meses.")
    if staff is not None and staff.org_id != org.id:
        raise NotFound("No encontré a esa persona en este negocio.")
    with db.atomic():
        if staff is not None and is_postgres():
            list(Staff.select(Staff.id).where(Staff.id == staff.id).for_update(NO_KEY_UPDATE))
        return TimeBlock.create(
            org=org,
            staff=staff,
            number=take_number(org),
            start_at=start,
            end_at=end,
            reason=" ".join(reason.split())[:200],
            kind=kind,
        )


def remove_block(org: Organization, number: int, *, staff: Staff | None = None) -> TimeBlock:
    """Delete block #number; with staff given, only one of that person's own blocks."""
    query = TimeBlock.select().where(TimeBlock.org == org, TimeBlock.number == number)
    if staff is not None:
        query = query.where(TimeBlock.staff == staff)
    block = query.first()
    if block is None:
        raise NotFound(f"No encontré el bloqueo #{number}.")
    block.delete_instance()
    return block


def blocks_between(org: Organization, start: dt.datetime, end: dt.datetime, staff=None):
    query = TimeBlock.select().where(
        TimeBlock.org == org, TimeBlock.start_at < end, TimeBlock.end_at > start
    )
    if staff is not None:
        query = query.where((TimeBlock.staff == staff) | TimeBlock.staff.is_null())
    return list(query.order_by(TimeBlock.start_at))
