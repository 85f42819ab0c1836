"""Platform-wide figures for Yume's operators: businesses, messages, bookings, LLM calls."""

from __future__ import annotations

import datetime as dt

from peewee import fn

from domain.models import Appointment, Message, Organization, Staff


def businesses() -> list[dict]:
    """Every business with its status and a few figures, newest first."""
    staff = dict(
        Staff.select(Staff.org, fn.COUNT(Staff.id))
        .where(Staff.active == True)  # noqa: E712
        .group_by(Staff.org)
        .tuples()
    )
    bookings = dict(
        Appointment.select(Appointment.org, fn.COUNT(Appointment.id))
        .group_by(Appointment.org)
        .tuples()
    )
    return [
        {"org": org, "staff": staff.get(org.id, 0), "appointments": bookings.get(org.id, 0)}
        for org in Organization.select().order_by(
            Organization.created_at.desc(), Organization.id.desc()
        )
    ]


def _per_day(model, since: dt.datetime, *conditions) -> dict[str, int]:
    day = fn.DATE(model.created_at)
    rows = (
        model.select(day.alias("day"), fn.COUNT(model.id))
        .where(model.created_at >= since, *conditions)
        .group_by(day)
        .tuples()
    )
    return {str(d)[:10]: count for d, count in rows}


def daily(now: dt.datetime, days: int = 14) -> list[dict]:
    """Messages in and out, bookings made and LLM calls per UTC day, most recent first."""
    first = (now - dt.timedelta(days=days - 1)).date()
    since = dt.datetime.combine(first, dt.time(0), tzinfo=dt.UTC)
    inbound = _per_day(Message, since, Message.direction == "in")
    outbound = _per_day(Message, since, Message.direction == "out")
    llm = _per_day(Message, since, Message.used_llm == True)  # noqa: E712
    booked = _per_day(Appointment, since)
    result = []
    for offset in range(days):
        key = (first + dt.timedelta(days=offset)).isoformat()
        result.append(
            {
                "day": key,
                "inbound": inbound.get(key, 0),
                "outbound": outbound.get(key, 0),
                "bookings": booked.get(key, 0),
                "llm": llm.get(key, 0),
            }
        )
    return list(reversed(result))


def totals() -> dict[str, int]:
    return {
        "businesses": Organization.select().count(),
        "active": Organization.select().where(Organization.status == "active").count(),
        "messages": Message.select().count(),
        "bookings": Appointment.select().count(),
        "llm": Message.select().where(Message.used_llm == True).count(),  # noqa: E712
    }
