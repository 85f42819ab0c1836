"""Figures an owner looks at: today, this week and this month, in a few grouped queries.

The dashboard's Resumen page and the JSON API (GET /api/v1/summary) serve the same figures.
Definitions, as the page states them:
  appointments   those starting in the period, cancelled ones left out
  completed      marked completed
  expected       the price of the period's appointments that were not cancelled or missed
  earned         the price of the completed ones
  no-show rate   missed / (completed + missed): of the visits that were settled
  cancellation   cancelled / (appointments + cancelled)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from peewee import SQL, fn

from domain.agenda import day_bounds, today
from domain.db import is_postgres
from domain.models import Appointment, Organization, Service, Staff

PERIODS = {"today": "Hoy", "week": "Esta semana", "month": "Este mes"}
CHANNELS = {"whatsapp": "WhatsApp", "dashboard": "Panel", "walk_in": "Sin cita", "api": "API"}
KEPT = ("booked", "confirmed", "completed")


@dataclass
class Row:
    """Figures of one staff member or one service within a period."""

    id: int
    name: str
    appointments: int = 0
    completed: int = 0
    expected_cents: int = 0
    earned_cents: int = 0


@dataclass
class Figures:
    period: str
    first: dt.date
    last: dt.date  # inclusive
    appointments: int = 0
    completed: int = 0
    no_shows: int = 0
    cancelled: int = 0
    expected_cents: int = 0
    earned_cents: int = 0
    staff: list[Row] = field(default_factory=list)
    services: list[Row] = field(default_factory=list)
    channels: dict[str, int] = field(default_factory=dict)
    hours: dict[int, int] = field(default_factory=dict)  # local start hour -> appointments

    @property
    def label(self) -> str:
        return PERIODS[self.period]

    @property
    def no_show_rate(self) -> float | None:
        settled = self.completed + self.no_shows
        return self.no_shows / settled if settled else None

    @property
    def cancellation_rate(self) -> float | None:
        made = self.appointments + self.cancelled
        return self.cancelled / made if made else None

    def as_json(self) -> dict:
        return {
            "period": self.period,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "appointments": self.appointments,
            "completed": self.completed,
            "no_shows": self.no_shows,
            "cancelled": self.cancelled,
            "expected_cents": self.expected_cents,
            "earned_cents": self.earned_cents,
            "no_show_rate": _rounded(self.no_show_rate),
            "cancellation_rate": _rounded(self.cancellation_rate),
            "staff": [vars(row) for row in self.staff],
            "services": [vars(row) for row in self.services],
            "channels": self.channels,
            "busiest_hours": [
                {"hour": h, "appointments": n} for h, n in sorted(self.hours.items())
            ],
        }


def _rounded(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


def period_days(org: Organization, now: dt.datetime, period: str) -> tuple[dt.date, dt.date]:
    """First and last local day of today, this week (from Monday) or this month."""
    day = today(org, now)
    if period == "today":
        return day, day
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday, monday + dt.timedelta(days=6)
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def summary(org: Organization, now: dt.datetime, periods=tuple(PERIODS)) -> dict[str, Figures]:
    """The figures of each period, by period key."""
    names = _names(org)
    return {period: _figures(org, now, period, names) for period in periods}


def _names(org: Organization) -> dict[str, dict[int, str]]:
    return {
        "staff": dict(Staff.select(Staff.id, Staff.name).where(Staff.org == org).tuples()),
        "services": dict(
            Service.select(Service.id, Service.name).where(Service.org == org).tuples()
        ),
    }


def _figures(org, now, period, names) -> Figures:
    first, last = period_days(org, now, period)
    start, end = day_bounds(org, first, (last - first).days + 1)
    result = Figures(period, first, last)
    in_period = (
        (Appointment.org == org) & (Appointment.start_at >= start) & (Appointment.start_at < end)
    )
    staff: dict[int, Row] = {}
    services: dict[int, Row] = {}
    channels: Counter = Counter()
    grouped = (
        Appointment.select(
            Appointment.status,
            Appointment.source,
            Appointment.staff,
            Appointment.service,
            fn.COUNT(Appointment.id),
            fn.SUM(Appointment.price_cents),
        )
        .where(in_period)
        .group_by(Appointment.status, Appointment.source, Appointment.staff, Appointment.service)
        .tuples()
    )
    for status, source, staff_id, service_id, count, cents in grouped:
        cents = int(cents or 0)
        if status == "cancelled":
            result.cancelled += count
            continue
        result.appointments += count
        channels[source] += count
        person = staff.setdefault(staff_id, Row(staff_id, names["staff"].get(staff_id, "")))
        what = services.setdefault(
            service_id, Row(service_id, names["services"].get(service_id, ""))
        )
        for row in (result, person, what):
            if row is not result:
                row.appointments += count
            if status in KEPT:
                row.expected_cents += cents
            if status == "completed":
                row.completed += count
                row.earned_cents += cents
        if status == "no_show":
            result.no_shows += count
    result.staff = sorted(staff.values(), key=lambda r: (-r.expected_cents, r.name))
    result.services = sorted(services.values(), key=lambda r: (-r.appointments, r.name))
    result.channels = {key: channels.get(key, 0) for key in CHANNELS} | {
        key: count for key, count in channels.items() if key not in CHANNELS
    }
    result.hours = _hours(org, in_period)
    return result


def _hours(org: Organization, in_period) -> dict[int, int]:
    """Appointments by local hour of start: grouped by UTC hour in SQL, then placed locally
    (Mexico's zones are whole hours from UTC, so an hour bucket never straddles two)."""
    if is_postgres():
        bucket = fn.date_trunc("hour", Appointment.start_at)
    else:
        bucket = fn.strftime("%Y-%m-%dT%H:00:00", Appointment.start_at)
    rows = (
        Appointment.select(bucket.alias("hour"), fn.COUNT(Appointment.id))
        .where(in_period, Appointment.status != "cancelled")
        .group_by(SQL("1"))
        .tuples()
    )
    tz = ZoneInfo(org.timezone)
    counts: dict[int, int] = defaultdict(int)
    for hour, count in rows:
        moment = dt.datetime.fromisoformat(hour) if isinstance(hour, str) else hour
        counts[moment.replace(tzinfo=dt.UTC).astimezone(tz).hour] += count
    return dict(sorted(counts.items()))
