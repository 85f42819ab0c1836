"""Daily summaries: at the business's local morning time, once a day, only to its own people."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain import booking
from domain.blocks import add_block
from domain.businesses import create_business
from domain.hours import parse_hhmm
from domain.models import Location, Notification
from tests.conftest import TEMPLATES, local
from tests.factories import customer, salon, service, spec, staff
from tests.jobs.helpers import walk, wrote_at

TIJUANA = ZoneInfo("America/Tijuana")
ANA = "+525511110001"
SOFIA = "+525511110002"
CARLOS = "+525511110003"


def agenda(org, clock):
    """Thursday 3 December: two appointments and Sofía's lunch break."""
    for at, name, person, who, phone in (
        ("10:00", "Corte de dama", "Sofía", "Lucía Pérez", "+525520000001"),
        ("12:30", "Tinte", "Ana", "Rosa Díaz", "+525520000002"),
    ):
        booking.book(
            org,
            customer=customer(org, who, phone),
            service=service(org, name),
            staff=staff(org, person),
            start=local("2026-12-03", at),
            clock=clock,
        )
    add_block(
        org,
        start=local("2026-12-03", "15:00"),
        end=local("2026-12-03", "16:00"),
        staff=staff(org, "Sofía"),
        reason="comida",
    )


def summaries(arrivals, phone=None):
    found = []
    for when, message in arrivals:
        row = Notification.get(Notification.provider_sid == message["sid"])
        if row.kind == "daily_summary" and (phone is None or message["to"].endswith(phone)):
            found.append((when, message))
    return found


def morning(runtime, fake_twilio, clock, day="2026-12-03", tz=None, until="09:00"):
    clock.set(local(day, "06:00", tz) if tz else local(day, "06:00"))
    end = local(day, until, tz) if tz else local(day, until)
    return walk(runtime, fake_twilio, end, dt.timedelta(minutes=5))


def test_the_owner_gets_the_days_agenda_at_half_past_seven(runtime, fake_twilio, clock):
    org = salon()
    agenda(org, clock)
    wrote_at(org, ANA, local("2026-12-02", "20:00"))
    [(when, message)] = summaries(morning(runtime, fake_twilio, clock), ANA)
    assert when == local("2026-12-03", "07:30")
    assert message["from"] == f"whatsapp:{org.whatsapp_number}"
    assert message["body"] == (
        "Buenos días, Ana. Agenda de hoy, jueves 3 de diciembre:\n"
        "#1 10:00 Corte de dama — Lucía Pérez (Sofía)\n"
        "#2 12:30 Tinte — Rosa Díaz (Ana)\n"
        "🔒 15:00–16:00 Sofía (comida)\n"
        "Total: 2 citas."
    )
    assert summaries(morning(runtime, fake_twilio, clock, until="10:00")) == []  # once a day


def test_outside_the_window_the_summary_is_the_approved_template(runtime, fake_twilio, clock):
    org = salon()
    agenda(org, clock)
    [(_, message)] = summaries(morning(runtime, fake_twilio, clock), ANA)
    assert message["content_sid"] == TEMPLATES["daily_summary"]
    assert message["content_variables"] == {
        "1": "Ana",
        "2": "jueves 3 de diciembre",
        "3": "2 citas",
    }


def test_staff_get_their_own_day_when_the_business_wants_it(runtime, fake_twilio, clock):
    org = salon(settings={"summary_to_staff": True, "daily_summary_time": "08:15"})
    agenda(org, clock)
    for phone in (SOFIA, CARLOS):
        wrote_at(org, phone, local("2026-12-02", "20:00"))
    arrivals = morning(runtime, fake_twilio, clock)
    assert {m["to"] for _, m in summaries(arrivals)} == {
        f"whatsapp:{p}" for p in (ANA, SOFIA, CARLOS)
    }
    assert {when for when, _ in summaries(arrivals)} == {local("2026-12-03", "08:15")}
    [(_, sofia)] = summaries(arrivals, SOFIA)
    assert sofia["body"] == (
        "Buenos días, Sofía. Agenda de hoy, jueves 3 de diciembre:\n"
        "#1 10:00 Corte de dama — Lucía Pérez\n"
        "🔒 15:00–16:00 bloqueado (comida)\n"
        "Total: 1 cita."
    )
    [(_, carlos)] = summaries(arrivals, CARLOS)
    assert carlos["body"] == (
        "Buenos días, Carlos. Hoy, jueves 3 de diciembre, no hay citas agendadas todavía."
    )


def test_staff_get_nothing_unless_the_business_switches_it_on(runtime, fake_twilio, clock):
    org = salon()
    agenda(org, clock)
    assert [m["to"] for _, m in summaries(morning(runtime, fake_twilio, clock))] == [
        f"whatsapp:{ANA}"
    ]


def test_nothing_is_sent_on_a_closed_day_without_news(runtime, fake_twilio, clock):
    org = salon()
    assert summaries(morning(runtime, fake_twilio, clock, day="2026-12-06")) == []  # Sunday
    add_block(
        org,
        start=local("2026-12-07", "00:00"),
        end=local("2026-12-08", "00:00"),
        reason="día de descanso",
        kind="holiday",
    )
    assert summaries(morning(runtime, fake_twilio, clock, day="2026-12-07")) == []


def test_a_closed_day_with_appointments_is_news(runtime, fake_twilio, clock):
    org = salon()
    agenda(org, clock)
    add_block(
        org,
        start=local("2026-12-03", "00:00"),
        end=local("2026-12-04", "00:00"),
        reason="fumigación",
        kind="holiday",
    )
    wrote_at(org, ANA, local("2026-12-02", "20:00"))
    [(_, message)] = summaries(morning(runtime, fake_twilio, clock), ANA)
    assert "🔒 todo el día negocio cerrado (fumigación)" in message["body"]
    assert "#1 10:00 Corte de dama — Lucía Pérez (Sofía)" in message["body"]


@pytest.mark.parametrize(
    "days",
    [("2026-03-07", "2026-03-08", "2026-03-09"), ("2026-10-31", "2026-11-01", "2026-11-02")],
    ids=["spring-forward", "fall-back"],
)
def test_daylight_saving_in_tijuana_keeps_the_summary_at_local_time(
    runtime, fake_twilio, clock, days
):
    hours = {d: [(parse_hhmm("10:00"), parse_hhmm("20:00"))] for d in range(7)}
    org = create_business(dataclasses.replace(spec(), timezone="America/Tijuana", hours=hours))
    arrivals = []
    for day in days:
        arrivals += summaries(morning(runtime, fake_twilio, clock, day=day, tz=TIJUANA))
    assert [when for when, _ in arrivals] == [local(day, "07:30", TIJUANA) for day in days]
    assert {m["from"] for _, m in arrivals} == {f"whatsapp:{org.whatsapp_number}"}


def test_a_summary_missed_in_the_morning_is_not_sent_in_the_afternoon(runtime, fake_twilio, clock):
    agenda(salon(), clock)
    clock.set(local("2026-12-03", "10:25"))  # the jobs were down since before 07:30
    [(when, _)] = summaries(walk(runtime, fake_twilio, local("2026-12-03", "10:25")))
    assert when == local("2026-12-03", "10:25")
    clock.set(local("2026-12-04", "11:00"))
    assert summaries(walk(runtime, fake_twilio, local("2026-12-04", "18:00"))) == []


def test_each_business_summarises_only_its_own_day(runtime, fake_twilio, clock):
    first, second = salon(), salon()  # Ana owns both, with the same phone
    agenda(first, clock)
    booking.book(
        second,
        customer=customer(second, "Paola Ruiz", "+525520000009"),
        service=service(second, "Manicure"),
        staff=staff(second, "Carlos"),
        start=local("2026-12-03", "11:00"),
        clock=clock,
    )
    for org in (first, second):
        wrote_at(org, ANA, local("2026-12-02", "20:00"))
    by_number = {m["from"]: m["body"] for _, m in summaries(morning(runtime, fake_twilio, clock))}
    mine, theirs = (
        by_number[f"whatsapp:{first.whatsapp_number}"],
        by_number[f"whatsapp:{second.whatsapp_number}"],
    )
    assert "Lucía Pérez" in mine and "Paola Ruiz" not in mine
    assert "Paola Ruiz" in theirs and "Lucía Pérez" not in theirs and "comida" not in theirs


def test_a_business_whose_data_breaks_the_job_does_not_hold_back_the_others(
    runtime, fake_twilio, clock
):
    broken, fine = salon(), salon()
    Location.update(active=False).where(Location.org == broken).execute()  # no location left
    [(_, message)] = summaries(morning(runtime, fake_twilio, clock), ANA)
    assert message["from"] == f"whatsapp:{fine.whatsapp_number}"
