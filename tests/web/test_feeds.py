"""Calendar feeds: parse with icalendar, right times in the business's timezone, secret URLs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from domain import booking
from domain.blocks import add_block
from domain.models import Organization, Staff
from tests.conftest import local
from tests.factories import customer, salon, service, staff


def book(org, clock, at, person="Sofía", day="2026-12-03", what="Corte de dama"):
    tz = ZoneInfo(org.timezone)
    return booking.book(
        org,
        customer=customer(org),
        service=service(org, what),
        staff=staff(org, person),
        start=local(day, at, tz),
        clock=clock,
        actor="dashboard:1",
        source="dashboard",
    )


def events(response):
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    return calendar, list(calendar.walk("VEVENT"))


@pytest.mark.parametrize("zone", ["America/Mexico_City", "America/Tijuana"])
def test_business_feed_holds_local_times(client, clock, database, zone):
    org = salon(zone)
    book(org, clock, "17:00")
    calendar, [event] = events(client.get(f"/calendario/negocio/{org.feed_token}.ics"))
    start = event.decoded("dtstart")
    assert start.tzinfo.key == zone if hasattr(start.tzinfo, "key") else str(start.tzinfo) == zone
    assert (start.hour, start.minute) == (17, 0) and start.date() == dt.date(2026, 12, 3)
    assert event.decoded("dtend") - start == dt.timedelta(hours=1)
    assert str(event["summary"]) == "Corte de dama — Mariana López"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == [zone]


def test_tijuana_times_follow_daylight_saving(client, clock, database):
    tijuana = ZoneInfo("America/Tijuana")
    org = salon("America/Tijuana")
    clock.set(local("2026-07-01", "09:00", tijuana))
    book(org, clock, "17:00", day="2026-07-02")
    book(org, clock, "17:00", day="2026-12-03")
    _calendar, found = events(client.get(f"/calendario/negocio/{org.feed_token}.ics"))
    starts = sorted(e.decoded("dtstart") for e in found)
    assert [(s.hour, s.minute) for s in starts] == [(17, 0), (17, 0)]
    in_utc = [s.astimezone(dt.UTC) for s in starts]
    assert [u.hour for u in in_utc] == [0, 1]  # PDT is UTC-7 in July, PST UTC-8 in December


def test_staff_feed_holds_only_their_appointments_and_blocks(client, clock, database):
    org = salon()
    book(org, clock, "12:00", person="Sofía")
    book(org, clock, "12:00", person="Carlos", what="Corte de caballero")
    add_block(
        org,
        start=local("2026-12-03", "15:00"),
        end=local("2026-12-03", "16:00"),
        staff=staff(org, "Sofía"),
        reason="comida",
    )
    add_block(org, start=local("2026-12-12", "00:00"), end=local("2026-12-13", "00:00"))
    sofia = staff(org, "Sofía")
    _calendar, found = events(client.get(f"/calendario/persona/{sofia.feed_token}.ics"))
    summaries = sorted(str(e["summary"]) for e in found)
    assert summaries == [
        "Bloqueado (comida)",
        "Bloqueado: negocio cerrado",
        "Corte de dama — Mariana López",
    ]


def test_cancelled_appointments_leave_the_feed(client, clock, database):
    org = salon()
    appointment = book(org, clock, "12:00")
    booking.cancel(org, appointment.number, clock=clock, actor="dashboard:1")
    assert events(client.get(f"/calendario/negocio/{org.feed_token}.ics"))[1] == []


def test_unknown_or_rotated_feed_addresses_are_404(owner, org, client):
    assert client.get("/calendario/negocio/adivinado.ics").status_code == 404
    old = org.feed_token
    owner.post("/panel/ajustes/calendario/renovar")
    assert client.get(f"/calendario/negocio/{old}.ics").status_code == 404
    fresh = Organization.get_by_id(org.id).feed_token
    assert client.get(f"/calendario/negocio/{fresh}.ics").status_code == 200


def test_an_inactive_members_feed_stops(client, database):
    org = salon()
    sofia = staff(org, "Sofía")
    Staff.update(active=False).where(Staff.id == sofia.id).execute()
    assert client.get(f"/calendario/persona/{sofia.feed_token}.ics").status_code == 404


def test_employee_renews_only_their_own_feed(employee, org):
    carlos, sofia = staff(org, "Carlos"), staff(org, "Sofía")
    assert (
        employee.post("/panel/ajustes/calendario/renovar", {"staff": carlos.id}).status_code == 403
    )
    assert employee.post("/panel/ajustes/calendario/renovar").status_code == 403
    assert Staff.get_by_id(carlos.id).feed_token == carlos.feed_token
    employee.post("/panel/ajustes/calendario/renovar", {"staff": sofia.id})
    assert Staff.get_by_id(sofia.id).feed_token != sofia.feed_token
