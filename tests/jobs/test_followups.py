"""Thank-yous and rebooking nudges: off by default, once, at a decent hour, never after "baja"."""

from __future__ import annotations

import datetime as dt

import pytest

from domain import booking, customers
from domain.models import Notification, Organization
from tests.conftest import local
from tests.factories import customer, salon, service, staff
from tests.jobs.helpers import walk, wrote_at

MARIANA = "+525530000001"
HOUR = dt.timedelta(hours=1)


def visit(org, clock, day="2026-12-03", at="10:00", name="Corte de dama", person="Sofía"):
    return booking.book(
        org,
        customer=customer(org),
        service=service(org, name),
        staff=staff(org, person),
        start=local(day, at),
        clock=clock,
    )


def to_mariana(arrivals, kind):
    found = []
    for when, message in arrivals:
        row = Notification.get(Notification.provider_sid == message["sid"])
        if row.kind == kind and message["to"] == f"whatsapp:{MARIANA}":
            found.append((when, message))
    return found


def test_nothing_is_sent_unless_the_business_switches_it_on(runtime, fake_twilio, clock):
    org = salon()
    appointment = visit(org, clock)
    clock.set(local("2026-12-03", "11:30"))
    booking.complete(org, appointment.number, clock=clock, actor="api")
    arrivals = walk(runtime, fake_twilio, local("2026-12-04", "20:00"), HOUR)
    assert to_mariana(arrivals, "thank_you") == []
    clock.set(local("2027-02-01", "09:00"))
    arrivals = walk(runtime, fake_twilio, local("2027-02-01", "20:00"), HOUR)
    assert to_mariana(arrivals, "rebook_nudge") == []


def test_a_thank_you_goes_two_hours_after_the_visit(runtime, fake_twilio, clock):
    org = salon(settings={"thank_you_enabled": True})
    visit(org, clock)
    visit(org, clock, at="11:00", name="Manicure", person="Carlos")  # same customer, same day
    wrote_at(org, MARIANA, local("2026-12-03", "09:00"))
    clock.set(local("2026-12-03", "09:00"))
    arrivals = walk(
        runtime, fake_twilio, local("2026-12-04", "09:00"), HOUR, [local("2026-12-03", "13:00")]
    )
    arrivals = to_mariana(arrivals, "thank_you")
    [(when, message)] = arrivals
    assert when == local("2026-12-03", "13:00")
    assert message["body"] == (
        "¡Gracias por tu visita a Estética Luna, Mariana! Esperamos verte pronto. Cuando "
        "quieras tu próxima cita, escríbenos por aquí.\n"
        "Si ya no quieres recibir estos mensajes, responde *baja*."
    )


def test_an_evening_visit_is_thanked_the_next_morning(runtime, fake_twilio, clock):
    org = salon(settings={"thank_you_enabled": True})
    visit(org, clock, at="19:00")
    wrote_at(org, MARIANA, local("2026-12-03", "18:00"))
    clock.set(local("2026-12-03", "18:00"))
    arrivals = walk(
        runtime, fake_twilio, local("2026-12-04", "10:00"), HOUR, [local("2026-12-04", "08:00")]
    )
    [(when, _)] = to_mariana(arrivals, "thank_you")
    assert when == local("2026-12-04", "08:00")


@pytest.mark.parametrize("outcome", ["mark_no_show", "cancel"])
def test_no_thanks_for_a_visit_that_did_not_happen(runtime, fake_twilio, clock, outcome):
    org = salon(settings={"thank_you_enabled": True})
    appointment = visit(org, clock)
    clock.set(local("2026-12-03", "11:15"))
    walk(runtime, fake_twilio, local("2026-12-03", "11:30"))  # the thank-you is planned
    if outcome == "cancel":
        clock.set(local("2026-12-03", "09:00"))  # (a cancellation before the visit)
    getattr(booking, outcome)(org, appointment.number, clock=clock, actor="api")
    clock.set(local("2026-12-03", "11:45"))
    assert (
        to_mariana(walk(runtime, fake_twilio, local("2026-12-04", "10:00"), HOUR), "thank_you")
        == []
    )


def test_no_thanks_to_a_customer_who_opted_out(runtime, fake_twilio, clock):
    org = salon(settings={"thank_you_enabled": True})
    visit(org, clock)
    customers.opt_out(customer(org), clock.now())
    clock.set(local("2026-12-03", "12:00"))
    assert to_mariana(walk(runtime, fake_twilio, local("2026-12-03", "14:00")), "thank_you") == []
    skipped = Notification.get(Notification.kind == "thank_you")
    assert skipped.status == "skipped" and "baja" in skipped.last_error


def test_a_nudge_goes_n_weeks_after_the_last_visit(runtime, fake_twilio, clock):
    org = salon(settings={"rebook_nudge_weeks": 6})
    visit(org, clock)
    clock.set(local("2027-01-14", "08:00"))
    wrote_at(org, MARIANA, clock.now())
    [(when, message)] = to_mariana(
        walk(
            runtime,
            fake_twilio,
            local("2027-01-15", "12:00"),
            HOUR,
            [local("2027-01-14", "10:00")],
        ),
        "rebook_nudge",
    )
    assert when == local("2027-01-14", "10:00")
    assert message["body"] == (
        "Hola Mariana, ya pasaron 6 semanas desde tu último Corte de dama en Estética Luna. "
        "¿Te agendamos tu próxima cita? Escribe *agendar* y te mostramos los horarios libres.\n"
        "Si ya no quieres recibir estos mensajes, responde *baja*."
    )


def test_no_nudge_for_a_customer_who_already_booked_again(runtime, fake_twilio, clock):
    org = salon(settings={"rebook_nudge_weeks": 6})
    visit(org, clock)
    clock.set(local("2027-01-14", "09:00"))
    walk(runtime, fake_twilio, local("2027-01-14", "09:30"))  # planned for 10:00
    visit(org, clock, day="2027-01-20", at="10:00")
    assert (
        to_mariana(walk(runtime, fake_twilio, local("2027-01-15", "12:00")), "rebook_nudge") == []
    )
    assert Notification.get(Notification.kind == "rebook_nudge").last_error == (
        "el cliente ya agendó otra cita"
    )


def test_switching_an_option_off_stops_what_was_planned(runtime, fake_twilio, clock):
    org = salon(settings={"thank_you_enabled": True})
    visit(org, clock)
    clock.set(local("2026-12-03", "11:15"))
    walk(runtime, fake_twilio, local("2026-12-03", "11:30"))
    Organization.update(thank_you_enabled=False).where(Organization.id == org.id).execute()
    assert to_mariana(walk(runtime, fake_twilio, local("2026-12-03", "14:00")), "thank_you") == []
