"""Daily summaries: every morning, at the business's local time, the day's agenda by WhatsApp.

Owners get the whole business's day; staff members, when the business switches it on, get
their own. Nothing is sent on a day the business (or that person) does not work, unless there
are appointments anyway. One summary per person and local date, so a daylight-saving change
neither moves nor repeats it.
"""

from __future__ import annotations

import datetime as dt

from domain import fmt, notice_texts, outbox
from domain.availability import default_location
from domain.blocks import blocks_between
from domain.hours import day_ranges, load_hours, parse_hhmm, to_utc, working_hours
from domain.models import Appointment, Notification, Organization, Staff, TimeBlock
from scheduler.businesses import for_each_business

CATCH_UP = dt.timedelta(hours=3)  # a morning summary is not sent in the afternoon


def plan_summaries(now: dt.datetime) -> int:
    """Write the summaries due now for every active business; return how many."""
    return for_each_business(plan_for, now)


def plan_for(org: Organization, now: dt.datetime) -> int:
    tz = fmt.zone(org.timezone)
    today = fmt.local(now, org.timezone).date()
    send_at = to_utc(today, parse_hhmm(org.daily_summary_time), tz)
    if not send_at <= now < send_at + CATCH_UP:
        return 0
    keys = {p.id: f"daily_summary:{today.isoformat()}:staff:{p.id}" for p in recipients(org)}
    done = {
        row.dedup_key
        for row in Notification.select(Notification.dedup_key).where(
            Notification.dedup_key.in_(list(keys.values()))
        )
    }
    people = [p for p in recipients(org) if keys[p.id] not in done]
    if not people:
        return 0
    day = Day(org, today)
    written = 0
    for person in people:
        notice = day.summary_for(person)
        if notice is None:
            continue
        row = outbox.enqueue(
            org=org,
            recipient=person.phone,
            staff=person,
            kind="daily_summary",
            body=notice.body,
            variables=notice.variables,
            dedup_key=keys[person.id],
            now=now,
        )
        written += 1 if row else 0
    return written


def recipients(org: Organization) -> list[Staff]:
    """Owners, and every other staff member when the business sends them theirs."""
    query = Staff.select().where(
        Staff.org == org,
        Staff.active == True,  # noqa: E712 - peewee builds SQL from ==
        Staff.phone.is_null(False),
    )
    if not org.summary_to_staff:
        query = query.where(Staff.role == "owner")
    return list(query.order_by(Staff.position, Staff.id))


class Day:
    """One local date of one business: its appointments, blocks and opening hours."""

    def __init__(self, org: Organization, day: dt.date):
        self.org, self.day, self.tz = org, day, org.timezone
        zone = fmt.zone(org.timezone)
        self.start = to_utc(day, dt.time(0), zone)
        self.end = to_utc(day + dt.timedelta(days=1), dt.time(0), zone)
        self.appointments = list(
            Appointment.select()
            .where(
                Appointment.org == org,
                Appointment.status.in_(Appointment.ACTIVE),
                Appointment.start_at >= self.start,
                Appointment.start_at < self.end,
            )
            .order_by(Appointment.start_at, Appointment.staff)
        )
        self.blocks = blocks_between(org, self.start, self.end)
        self.hours = load_hours(default_location(org).hours)

    def summary_for(self, person: Staff) -> notice_texts.Text | None:
        """The person's summary, or None on a day off without appointments."""
        whole = person.is_owner
        mine = [a for a in self.appointments if whole or a.staff_id == person.id]
        blocks = [b for b in self.blocks if whole or b.staff_id in (None, person.id)]
        if not mine and not self._works(person):
            return None
        timeline = [(a.start_at, self._appointment_line(a, whole)) for a in mine]
        timeline += [(max(b.start_at, self.start), self._block_line(b, person)) for b in blocks]
        lines = [line for _, line in sorted(timeline, key=lambda item: item[0])]
        return notice_texts.daily_summary(person.name, self.day, lines, len(mine))

    def _works(self, person: Staff) -> bool:
        """Whether the business (or, for staff, the person) is open for some of the day."""
        hours = self.hours
        if not person.is_owner and person.hours:
            hours = working_hours(hours, load_hours(person.hours))
        ranges = day_ranges(hours, self.day, fmt.zone(self.tz))
        closed = [b for b in self.blocks if b.staff_id is None]
        return any(not any(_covers(b, a, z) for b in closed) for a, z in ranges)

    def _appointment_line(self, appointment: Appointment, whole: bool) -> str:
        return notice_texts.summary_line(appointment, self.tz, with_staff=whole)

    def _block_line(self, block: TimeBlock, person: Staff) -> str:
        start, end = max(block.start_at, self.start), min(block.end_at, self.end)
        whole_day = start == self.start and end == self.end
        span = (
            "todo el día" if whole_day else f"{fmt.hhmm(start, self.tz)}–{fmt.hhmm(end, self.tz)}"
        )
        if block.staff_id is None:
            who = "negocio cerrado"
        elif block.staff_id == person.id:
            who = "bloqueado"
        else:
            who = block.staff.name
        return notice_texts.block_line(span, who, block.reason)


def _covers(block: TimeBlock, start: dt.datetime, end: dt.datetime) -> bool:
    return block.start_at <= start and block.end_at >= end
