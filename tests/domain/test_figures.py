"""Figures of today, this week and this month: counts, money, rates, people, channels, hours."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from domain import booking, figures
from domain.clock import FixedClock
from tests.conftest import local
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")


def visit(org, clock, day, at, who="Sofía", what="Corte de dama", source="whatsapp", end=None):
    appointment = booking.book(
        org,
        customer=customer(org),
        service=service(org, what),
        staff=staff(org, who),
        start=local(day, at, ZoneInfo(org.timezone)),
        clock=clock,
        source=source,
        actor="system",
    )
    later = FixedClock(local("2026-12-31", "23:00"))
    if end == "completed":
        booking.complete(org, appointment.number, clock=later, actor="system")
    elif end == "no_show":
        booking.mark_no_show(org, appointment.number, clock=later, actor="system")
    elif end == "cancelled":
        booking.cancel(org, appointment.number, clock=clock, actor="system")
    return appointment


def test_today_week_and_month(clock):
    org, other = salon(), salon()
    early = FixedClock(local("2026-11-30", "08:00"))
    visit(org, early, "2026-12-01", "10:00", end="completed")  # this week, this month
    visit(org, early, "2026-12-01", "12:00", what="Tinte", who="Ana", end="no_show")
    visit(org, clock, "2026-12-02", "10:00", source="dashboard", end="completed")  # today
    visit(org, clock, "2026-12-02", "17:00", who="Carlos", what="Manicure", source="walk_in")
    visit(org, clock, "2026-12-02", "18:00", end="cancelled")
    visit(org, clock, "2026-12-15", "11:00", who="Ana", what="Manicure")  # this month only
    visit(other, clock, "2026-12-02", "12:00", end="completed")  # another business
    found = figures.summary(org, clock.now())
    today, week, month = found["today"], found["week"], found["month"]
    assert (today.first.isoformat(), week.first.isoformat(), month.last.isoformat()) == (
        "2026-12-02",
        "2026-11-30",
        "2026-12-31",
    )
    assert (today.appointments, today.completed, today.cancelled) == (2, 1, 1)
    assert (today.expected_cents, today.earned_cents) == (35000 + 25000, 35000)
    assert (week.appointments, week.no_shows, week.earned_cents) == (4, 1, 70000)
    assert week.expected_cents == 35000 * 2 + 25000  # the missed Tinte is not expected money
    assert week.no_show_rate == pytest.approx(1 / 3)
    assert week.cancellation_rate == pytest.approx(1 / 5)
    assert month.appointments == 5 and month.expected_cents == 35000 * 2 + 25000 * 2
    assert week.channels == {"whatsapp": 2, "dashboard": 1, "walk_in": 1, "api": 0}
    assert week.hours == {10: 2, 12: 1, 17: 1}
    by_staff = {
        row.name: (row.appointments, row.completed, row.earned_cents) for row in week.staff
    }
    assert by_staff == {"Sofía": (2, 2, 70000), "Ana": (1, 0, 0), "Carlos": (1, 0, 0)}
    assert [(r.name, r.appointments) for r in month.services][0] == ("Corte de dama", 2)


def test_rates_without_settled_visits_are_unknown_not_zero(clock):
    org = salon()
    visit(org, clock, "2026-12-03", "10:00")
    week = figures.summary(org, clock.now(), ("week",))["week"]
    assert week.no_show_rate is None and week.cancellation_rate == 0


def test_hours_are_the_business_local_hours_in_tijuana(clock):
    org = salon("America/Tijuana")
    visit(org, clock, "2026-12-02", "10:00")
    visit(org, clock, "2026-12-02", "19:00")
    today = figures.summary(org, clock.now(), ("today",))["today"]
    assert today.hours == {10: 1, 19: 1} and today.appointments == 2
