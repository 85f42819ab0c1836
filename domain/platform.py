"""Platform-wide figures for Yume's operators: businesses, messages, bookings, LLM calls."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from peewee import SQL, fn

from domain.db import is_postgres
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


PLATFORM_TZ = "America/Mexico_City"  # the operators' clock, for per-day figures


def _per_day(model, since: dt.datetime, tz: ZoneInfo, *conditions) -> dict[str, int]:
    """Rows created per local day: counted per UTC hour in SQL, then placed in local days."""
    if is_postgres():
        bucket = fn.date_trunc("hour", model.created_at)
    else:
        bucket = fn.strftime("%Y-%m-%dT%H:00:00", model.created_at)
    rows = (
        model.select(bucket.alias("hour"), fn.COUNT(model.id))
        .where(model.created_at >= since, *conditions)
        .group_by(SQL("1"))
        .tuples()
    )
    days: dict[str, int] = {}
    for hour, count in rows:
        moment = dt.datetime.fromisoformat(hour) if isinstance(hour, str) else hour
        key = moment.replace(tzinfo=dt.UTC).astimezone(tz).date().isoformat()
        days[key] = days.get(key, 0) + count
    return days


def daily(now: dt.datetime, days: int = 14, timezone: str = PLATFORM_TZ) -> list[dict]:
    """Messages in and out, bookings made and LLM calls per local day, most recent first."""
    tz = ZoneInfo(timezone)
    first = now.astimezone(tz).date() - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(first, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    inbound = _per_day(Message, since, tz, Message.direction == "in")
    outbound = _per_day(Message, since, tz, Message.direction == "out")
    llm = _per_day(Message, since, tz, Message.used_llm == True)  # noqa: E712
    booked = _per_day(Appointment, since, tz)
    result = []
    for offset in range(days):
        day = first + dt.timedelta(days=offset)
        key = day.isoformat()
        result.append(
            {
                "day": day,
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
