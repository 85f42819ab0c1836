"""Figures an owner looks at: today, this week and this month, in a few grouped queries.

The dashboard's Resumen page and the JSON API (GET /api/v1/summary) serve the same figures.
Hours are the business's local hours of start.
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
from collections import Counter
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


def summary(
    org: Organization, now: dt.datetime, periods=tuple(PERIODS), detail=None
) -> dict[str, Figures]:
    """The figures of each period, by period key; services, channels and hours only for the
    periods in `detail` (all of them when None), the totals and people for every one.

    Per period, up to four small grouped queries (by person, by service, by channel, by
    hour); the covering index on appointments (migration 0021) lets each read only that.
    """
    names = _names(org)
    detail = set(periods if detail is None else detail)
    return {period: _figures(org, now, period, names, period in detail) for period in periods}


def _names(org: Organization) -> dict[str, dict[int, str]]:
    staff = Staff.select(Staff.id, Staff.name).where(Staff.org == org)
    services = Service.select(Service.id, Service.name).where(Service.org == org)
    return {"staff": dict(staff.tuples()), "services": dict(services.tuples())}


def _figures(org, now, period, names, detailed: bool) -> Figures:
    first, last = period_days(org, now, period)
    start, end = day_bounds(org, first, (last - first).days + 1)
    result = Figures(period, first, last)
    in_period = (
        (Appointment.org == org) & (Appointment.start_at >= start) & (Appointment.start_at < end)
    )
    result.staff = _rows(in_period, Appointment.staff, names["staff"], result)
    if not detailed:
        return result
    result.services = _rows(in_period, Appointment.service, names["services"])
    channels = dict(
        Appointment.select(Appointment.source, fn.COUNT(Appointment.id))
        .where(in_period, Appointment.status != "cancelled")
        .group_by(Appointment.source)
        .tuples()
    )
    result.channels = {key: channels.get(key, 0) for key in CHANNELS} | {
        key: count for key, count in channels.items() if key not in CHANNELS
    }
    result.hours = _hours(org, in_period, start, end)
    return result


def _rows(in_period, column, names: dict[int, str], totals: Figures | None = None) -> list[Row]:
    """Figures per staff member or per service; with totals, the period's totals as well."""
    rows: dict[int, Row] = {}
    grouped = (
        Appointment.select(
            Appointment.status, column, fn.COUNT(Appointment.id), fn.SUM(Appointment.price_cents)
        )
        .where(in_period)
        .group_by(Appointment.status, column)
        .tuples()
    )
    for status, key, count, cents in grouped:
        cents = int(cents or 0)
        if status == "cancelled":
            if totals is not None:
                totals.cancelled += count
            continue
        row = rows.setdefault(key, Row(key, names.get(key, "")))
        for target in (row, totals) if totals is not None else (row,):
            target.appointments += count
            if status in KEPT:
                target.expected_cents += cents
            if status == "completed":
                target.completed += count
                target.earned_cents += cents
        if status == "no_show" and totals is not None:
            totals.no_shows += count
    if totals is not None:
        return sorted(rows.values(), key=lambda r: (-r.expected_cents, r.name))
    return sorted(rows.values(), key=lambda r: (-r.appointments, r.name))


def _hours(org: Organization, in_period, start: dt.datetime, end: dt.datetime) -> dict[int, int]:
    """Appointments by local hour of start. While the period keeps one whole-hour offset from
    UTC (all of Mexico since 2022; Tijuana away from its DST changes) SQL groups by the UTC
    hour and Python shifts it; otherwise each UTC hour of the period is placed on its own."""
    tz = ZoneInfo(org.timezone)
    offset = start.astimezone(tz).utcoffset()
    steady = offset == (end - dt.timedelta(seconds=1)).astimezone(tz).utcoffset()
    booked = (in_period, Appointment.status != "cancelled")
    if steady and offset.total_seconds() % 3600 == 0:
        if is_postgres():
            hour = fn.date_part("hour", Appointment.start_at)
        else:
            hour = fn.strftime("%H", Appointment.start_at)
        shift = int(offset.total_seconds() // 3600)
        query = Appointment.select(hour, fn.COUNT(Appointment.id)).where(*booked)
        rows = query.group_by(SQL("1")).tuples()
        return dict(sorted(((int(h) + shift) % 24, count) for h, count in rows))
    if is_postgres():
        bucket = fn.date_trunc("hour", Appointment.start_at)
    else:
        bucket = fn.strftime("%Y-%m-%dT%H:00:00", Appointment.start_at)
    query = Appointment.select(bucket, fn.COUNT(Appointment.id)).where(*booked)
    counts: Counter = Counter()
    for moment, count in query.group_by(SQL("1")).tuples():
        moment = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
        counts[moment.replace(tzinfo=dt.UTC).astimezone(tz).hour] += count
    return dict(sorted(counts.items()))
