"""Reminder planning: which appointments get a reminder, and at what moment.

"24 hours before" is the same wall-clock time the day before in the business's timezone,
computed in local time and then turned into UTC, so a daylight-saving change in
America/Tijuana neither shifts a reminder nor sends it twice. Each reminder's de-duplication
key holds the appointment's start, so a moved appointment gets a new reminder and the old one
is withdrawn (here, by the notice handlers, and again at send time). A booking made after its
reminder moment gets no late reminder.
"""

from __future__ import annotations

import datetime as dt

from domain import fmt, notice_texts, outbox
from domain.models import Appointment, Notification, Organization
from domain.notices import REMINDER_KINDS
from scheduler.businesses import for_each_business

LOOK_AHEAD = dt.timedelta(days=2)  # rows are written this long before they are due
EARLIEST = dt.time(8)  # a reminder that is late anyway waits for a decent hour
LATEST = dt.time(21)


def reminder_due(start: dt.datetime, hours: int, tz: str) -> dt.datetime:
    """The moment `hours` before start on the business's wall clock."""
    wall = fmt.local(start, tz).replace(tzinfo=None) - dt.timedelta(hours=hours)
    return wall.replace(tzinfo=fmt.zone(tz)).astimezone(dt.UTC)


def reminder_key(kind: str, hours: int, appointment: Appointment) -> str:
    """ "reminder:24h:appointment:123:20261203T2300"."""
    return f"{kind}:{hours}h:appointment:{appointment.id}:{outbox.stamp(appointment.start_at)}"


def planned(appointment: Appointment, org: Organization) -> dict[str, tuple[str, dt.datetime]]:
    """The reminders this appointment should have: {dedup key: (kind, due)}."""
    result = {}
    for kind, hours in (
        ("reminder", org.reminder_hours),
        ("reminder_2h", org.second_reminder_hours),
    ):
        if not hours:
            continue
        due = reminder_due(appointment.start_at, hours, org.timezone)
        if appointment.scheduled_at >= due:
            continue  # booked inside the window: no late reminder
        result[reminder_key(kind, hours, appointment)] = (kind, due)
    return result


def plan_reminders(now: dt.datetime) -> int:
    """Write the reminders of upcoming appointments of every active business; return how many."""
    return for_each_business(plan_for, now)


def plan_for(org: Organization, now: dt.datetime) -> int:
    hours = max(org.reminder_hours or 0, org.second_reminder_hours or 0)
    if not hours:
        return 0
    upcoming = list(
        Appointment.select()
        .where(
            Appointment.org == org,
            Appointment.status.in_(Appointment.ACTIVE),
            Appointment.start_at > now,
            Appointment.start_at <= now + dt.timedelta(hours=hours) + LOOK_AHEAD,
        )
        .order_by(Appointment.start_at)
    )
    existing = _existing(upcoming)
    written = 0
    for appointment in upcoming:
        wanted = planned(appointment, org)
        for row in existing.get(appointment.id, []):
            if row.dedup_key not in wanted and row.status == "pending":
                _withdraw(row, now)
        for key, (kind, due) in wanted.items():
            if key not in {row.dedup_key for row in existing.get(appointment.id, [])}:
                written += _write(appointment, kind, key, due, now)
    return written


def why_stale(row: Notification, now: dt.datetime) -> str | None:
    """Why a reminder must not go out any more, or None while it still fits its appointment."""
    appointment = row.appointment
    if appointment is None:
        return "la cita ya no existe"
    if appointment.status == "cancelled":
        return "la cita se canceló"
    if not appointment.is_active:
        return "la cita ya no está activa"
    if appointment.start_at <= now:
        return "la cita ya pasó"
    if not row.dedup_key.endswith(f":{outbox.stamp(appointment.start_at)}"):
        return "la cita cambió de hora"
    return None


def polite(moment: dt.datetime, tz: str) -> dt.datetime:
    """moment, or the next decent hour (08:00–21:00 local) when it falls at night."""
    wall = fmt.local(moment, tz)
    if EARLIEST <= wall.time() < LATEST:
        return moment
    day = wall.date() + dt.timedelta(days=1 if wall.time() >= LATEST else 0)
    return dt.datetime.combine(day, EARLIEST, tzinfo=fmt.zone(tz)).astimezone(dt.UTC)


def _existing(appointments: list[Appointment]) -> dict[int, list[Notification]]:
    rows: dict[int, list[Notification]] = {}
    if not appointments:
        return rows
    query = Notification.select().where(
        Notification.appointment.in_([a.id for a in appointments]),
        Notification.kind.in_(REMINDER_KINDS),
    )
    for row in query:
        rows.setdefault(row.appointment_id, []).append(row)
    return rows


def _write(appointment: Appointment, kind: str, key: str, due: dt.datetime, now) -> int:
    customer = appointment.customer
    if not customer.phone:
        return 0
    if due < now:  # late (the jobs were down): now, or at the next decent hour
        due = polite(now, appointment.org.timezone)
        if due >= appointment.start_at:
            return 0
    notice = notice_texts.reminder(appointment, due)
    row = outbox.enqueue(
        org=appointment.org,
        recipient=customer.phone,
        customer=customer,
        appointment=appointment,
        kind=kind,
        body=notice.body,
        variables=notice.variables,
        dedup_key=key,
        due_at=due,
        now=now,
    )
    return 1 if row else 0


def _withdraw(row: Notification, now: dt.datetime) -> None:
    Notification.update(
        status="cancelled", last_error="la cita o el aviso cambiaron", updated_at=now
    ).where(Notification.id == row.id, Notification.status == "pending").execute()
