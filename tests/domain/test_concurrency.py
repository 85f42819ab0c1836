"""Parallel bookings of one slot, on real connections: exactly one wins."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from domain import booking
from domain.db import db
from domain.errors import BookingConflict
from domain.models import Appointment
from tests.conftest import local
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")

ATTEMPTS = 20


def race(attempt, count=ATTEMPTS):
    """Run attempt(i) in `count` threads released together; return (successes, conflicts)."""
    gate = threading.Barrier(count)

    def run(i):
        try:
            gate.wait()
            return attempt(i)
        except BookingConflict as error:
            return error
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(run, range(count)))
    won = [r for r in results if isinstance(r, Appointment)]
    lost = [r for r in results if isinstance(r, BookingConflict)]
    assert len(won) + len(lost) == count, results
    return won, lost


def test_twenty_customers_racing_for_one_stylist_slot_create_one_appointment(clock):
    org = salon()
    people = [customer(org, f"Cliente {i}", f"+5255300001{i:02d}") for i in range(ATTEMPTS)]
    sofia, cut = staff(org, "Sofía"), service(org, "Corte de dama")
    db.close()

    won, lost = race(
        lambda i: booking.book(
            org,
            customer=people[i],
            service=cut,
            staff=sofia,
            start=local("2026-12-03", "17:00"),
            clock=clock,
        )
    )
    assert len(won) == 1 and len(lost) == ATTEMPTS - 1
    assert Appointment.select().where(Appointment.org == org).count() == 1


def test_racing_for_any_stylist_fills_each_free_stylist_once(clock):
    org = salon()
    people = [customer(org, f"Cliente {i}", f"+5255300002{i:02d}") for i in range(ATTEMPTS)]
    cut = service(org, "Corte de dama")  # Ana and Sofía do it; three chairs
    db.close()

    won, _ = race(
        lambda i: booking.book(
            org, customer=people[i], service=cut, start=local("2026-12-03", "17:00"), clock=clock
        )
    )
    rows = list(Appointment.select().where(Appointment.org == org))
    assert len(won) == len(rows) == 2
    assert {a.staff.name for a in rows} == {"Ana", "Sofía"}
    assert len({a.spot_id for a in rows}) == 2


def test_racing_for_the_only_table_books_one_manicure(clock):
    org = salon()
    people = [customer(org, f"Cliente {i}", f"+5255300003{i:02d}") for i in range(ATTEMPTS)]
    manicure = service(org, "Manicure")
    carlos, ana = staff(org, "Carlos"), staff(org, "Ana")
    db.close()

    won, lost = race(
        lambda i: booking.book(
            org,
            customer=people[i],
            service=manicure,
            staff=carlos if i % 2 else ana,
            start=local("2026-12-03", "12:00"),
            clock=clock,
        )
    )
    assert len(won) == 1
    assert Appointment.select().where(Appointment.org == org).count() == 1
