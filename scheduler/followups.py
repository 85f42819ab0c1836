"""Optional follow-ups, off by default: a thank-you after a visit, a nudge to book again.

The thank-you goes two hours after the visit ends (time for staff to mark a no-show), once per
customer and day. The nudge goes N weeks after a customer's last visit when they have booked
nothing since. Both wait for a decent hour, are checked again when they are sent, and are never
sent to a customer who wrote "baja" (the dispatcher checks that).
"""

from __future__ import annotations

import datetime as dt

from domain import fmt, notice_texts, outbox
from domain.models import Appointment, Notification, Organization
from scheduler.businesses import for_each_business
from scheduler.reminders import polite

VISITED = ("booked", "confirmed", "completed")  # past and not cancelled or a no-show
THANK_YOU_AFTER = dt.timedelta(hours=2)
THANK_YOU_UNTIL = dt.timedelta(days=1)  # older visits are not thanked when the option goes on
NUDGE_GRACE = dt.timedelta(days=7)  # nor are customers long gone nudged all at once
NUDGE_AHEAD = dt.timedelta(days=1)  # written ahead; checked again when due


def plan_follow_ups(now: dt.datetime) -> int:
    """Write due thank-yous and nudges for every business that switched them on."""
    return for_each_business(plan_for, now)


def plan_for(org: Organization, now: dt.datetime) -> int:
    written = plan_thank_yous(org, now) if org.thank_you_enabled else 0
    return written + (plan_nudges(org, now) if org.rebook_nudge_weeks else 0)


def plan_thank_yous(org: Organization, now: dt.datetime) -> int:
    visits = (
        Appointment.select()
        .where(
            Appointment.org == org,
            Appointment.status.in_(VISITED),
            Appointment.end_at <= now,
            Appointment.end_at > now - THANK_YOU_UNTIL,
        )
        .order_by(Appointment.end_at)
    )
    planned = []
    for visit in visits:
        day = fmt.local(visit.start_at, org.timezone).date().isoformat()
        key = f"thank_you:customer:{visit.customer_id}:{day}"
        due = polite(visit.end_at + THANK_YOU_AFTER, org.timezone)
        planned.append((key, visit, due, notice_texts.thank_you))
    return _write(planned, "thank_you", now)


def plan_nudges(org: Organization, now: dt.datetime) -> int:
    gap = dt.timedelta(weeks=org.rebook_nudge_weeks)
    visits = Appointment.select().where(
        Appointment.org == org,
        Appointment.status.in_(VISITED),
        Appointment.start_at <= now - gap + NUDGE_AHEAD,
        Appointment.start_at > now - gap - NUDGE_GRACE,
    )
    planned = []
    for visit in visits:
        if _came_back(visit):
            continue
        key = f"rebook_nudge:customer:{visit.customer_id}:{outbox.stamp(visit.start_at)}"
        due = polite(visit.start_at + gap, org.timezone)
        planned.append((key, visit, due, lambda a: notice_texts.rebook_nudge(a, gap.days // 7)))
    return _write(planned, "rebook_nudge", now)


def why_thank_you_stale(row: Notification, now: dt.datetime) -> str | None:
    visit = row.appointment
    if visit is None:
        return "la cita ya no existe"
    if visit.status not in VISITED:
        return "la cita no se realizó"
    if not row.org.thank_you_enabled:
        return "el agradecimiento está desactivado"
    return None


def why_nudge_stale(row: Notification, now: dt.datetime) -> str | None:
    visit = row.appointment
    if visit is None:
        return "la cita ya no existe"
    if not row.org.rebook_nudge_weeks:
        return "la invitación a volver está desactivada"
    if _came_back(visit):
        return "el cliente ya agendó otra cita"
    return None


def _came_back(visit: Appointment) -> bool:
    """Whether the customer has booked (or had) a visit after this one."""
    return (
        Appointment.select()
        .where(
            Appointment.customer == visit.customer_id,
            Appointment.status.in_(VISITED),
            Appointment.start_at > visit.start_at,
        )
        .exists()
    )


def _write(planned: list, kind: str, now: dt.datetime) -> int:
    keys = [key for key, *_ in planned]
    done = (
        {
            row.dedup_key
            for row in Notification.select(Notification.dedup_key).where(
                Notification.dedup_key.in_(keys)
            )
        }
        if keys
        else set()
    )
    written = 0
    for key, visit, due, render in planned:
        if key in done or not visit.customer.phone:
            continue
        done.add(key)
        notice = render(visit)
        row = outbox.enqueue(
            org=visit.org,
            recipient=visit.customer.phone,
            customer=visit.customer,
            appointment=visit,
            kind=kind,
            body=notice.body,
            variables=notice.variables,
            dedup_key=key,
            due_at=due,
            now=now,
        )
        written += 1 if row else 0
    return written
