"""Reminders: once, at the right local time, in the right form; re-planned when visits move."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain import booking, customers
from domain.businesses import create_business
from domain.hours import parse_hhmm
from domain.models import Appointment, Notification, Organization
from tests.conftest import TEMPLATES, local
from tests.factories import customer, salon, service, spec, staff
from tests.jobs.helpers import walk, wrote_at

TIJUANA = ZoneInfo("America/Tijuana")
MARIANA = "+525530000001"
HOUR = dt.timedelta(hours=1)
OPTIONS = "Responde 1 para confirmar, 2 para cambiarla o 3 para cancelarla."


def book(org, clock, day, at, tz=None, person="Sofía", actor="customer"):
    return booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, person),
        start=local(day, at, tz) if tz else local(day, at),
        clock=clock,
        actor=actor,
    )


def reminders_sent(arrivals):
    return [(when, m) for when, m in arrivals if m["to"] == f"whatsapp:{MARIANA}"]


def every_day_salon(timezone: str, **settings):
    """A salon open 10:00–20:00 every day, Sundays included (DST changes fall on Sundays)."""
    hours = {d: [(parse_hhmm("10:00"), parse_hhmm("20:00"))] for d in range(7)}
    return create_business(
        dataclasses.replace(spec(), timezone=timezone, hours=hours, settings=settings)
    )


def test_a_reminder_goes_a_day_before_at_the_same_local_time_with_the_options(
    runtime, fake_twilio, clock
):
    org = salon()
    appointment = book(org, clock, "2026-12-03", "17:00")
    wrote_at(org, MARIANA, clock.now())  # Mariana wrote this morning: plain text works
    arrivals = reminders_sent(
        walk(
            runtime,
            fake_twilio,
            local("2026-12-03", "18:00"),
            HOUR,
            [local("2026-12-02", "17:00")],
        )
    )
    [(when, message)] = arrivals
    assert when == local("2026-12-02", "17:00")
    assert message["body"] == (
        "Hola Mariana, te recordamos tu cita de mañana en Estética Luna:\n"
        f"Corte de dama con Sofía — jueves 3 de diciembre, 5:00 p.m.\n{OPTIONS}"
    )
    assert message["from"] == f"whatsapp:{org.whatsapp_number}"
    row = Notification.get(Notification.provider_sid == message["sid"])
    assert (row.kind, row.appointment_id, row.status) == ("reminder", appointment.id, "sent")


def test_outside_the_window_the_reminder_is_the_approved_template(runtime, fake_twilio, clock):
    org = salon()
    book(org, clock, "2026-12-03", "17:00")
    [(_, message)] = reminders_sent(walk(runtime, fake_twilio, local("2026-12-02", "17:00"), HOUR))
    assert message["content_sid"] == TEMPLATES["reminder"]
    assert message["content_variables"] == {
        "1": "Mariana",
        "2": "Estética Luna",
        "3": "Corte de dama con Sofía",
        "4": "jueves 3 de diciembre, 5:00 p.m.",
    }


@pytest.mark.parametrize(
    ("visit_day", "reminder_day", "offset"),
    [
        ("2026-03-08", "2026-03-07", -8),  # clocks go forward overnight: 23 real hours
        ("2026-11-01", "2026-10-31", -7),  # clocks go back overnight: 25 real hours
    ],
    ids=["spring-forward", "fall-back"],
)
def test_daylight_saving_in_tijuana_neither_shifts_nor_repeats_a_reminder(
    runtime, fake_twilio, clock, visit_day, reminder_day, offset
):
    org = every_day_salon("America/Tijuana")
    clock.set(local(reminder_day, "06:00", TIJUANA))
    book(org, clock, visit_day, "10:00", tz=TIJUANA)
    near = [local(reminder_day, "10:00", TIJUANA)]  # and the hours either side of it
    arrivals = walk(runtime, fake_twilio, local(visit_day, "11:00", TIJUANA), HOUR, near)
    [(when, message)] = reminders_sent(arrivals)
    assert when == local(reminder_day, "10:00", TIJUANA)
    assert when.astimezone(dt.UTC).hour == 10 - offset
    assert message["content_variables"]["4"].endswith("10:00 a.m.")


def test_a_second_reminder_goes_two_hours_before(runtime, fake_twilio, clock):
    org = salon(settings={"second_reminder_hours": 2})
    book(org, clock, "2026-12-03", "17:00")
    wrote_at(org, MARIANA, clock.now() + dt.timedelta(hours=23))  # she answered the first
    due = [local("2026-12-02", "17:00"), local("2026-12-03", "15:00")]
    arrivals = reminders_sent(walk(runtime, fake_twilio, local("2026-12-03", "17:00"), HOUR, due))
    assert [when for when, _ in arrivals] == [
        local("2026-12-02", "17:00"),
        local("2026-12-03", "15:00"),
    ]
    kinds = [Notification.get(Notification.provider_sid == m["sid"]).kind for _, m in arrivals]
    assert kinds == ["reminder", "reminder_2h"]
    assert arrivals[1][1]["body"].startswith(
        "Hola Mariana, te recordamos tu cita de hoy en Estética Luna:"
    )


def test_reminder_hours_are_the_businesss_choice(runtime, fake_twilio, clock):
    org = salon(settings={"reminder_hours": 48})
    book(org, clock, "2026-12-05", "12:00")
    wrote_at(org, MARIANA, clock.now() + dt.timedelta(hours=24))
    [(when, message)] = reminders_sent(
        walk(
            runtime,
            fake_twilio,
            local("2026-12-05", "12:00"),
            HOUR,
            [local("2026-12-03", "12:00")],
        )
    )
    assert when == local("2026-12-03", "12:00")
    assert message["body"].startswith("Hola Mariana, te recordamos tu cita en Estética Luna:\n")
    assert "sábado 5 de diciembre, 12:00 p.m." in message["body"]


def test_a_booking_made_inside_the_reminder_window_gets_no_late_reminder(
    runtime, fake_twilio, clock
):
    org = salon(settings={"second_reminder_hours": 2})
    clock.set(local("2026-12-02", "12:00"))
    book(org, clock, "2026-12-03", "11:00")  # its 24-hour mark was an hour ago
    near = [local("2026-12-02", "11:00"), local("2026-12-03", "09:00")]
    arrivals = reminders_sent(walk(runtime, fake_twilio, local("2026-12-03", "11:00"), HOUR, near))
    assert [when for when, _ in arrivals] == [local("2026-12-03", "09:00")]
    assert Notification.select().where(Notification.kind == "reminder").count() == 0


@pytest.mark.parametrize("change", ["cancel", "complete"])
def test_cancelled_or_completed_visits_get_no_reminder(runtime, fake_twilio, clock, change):
    org = salon()
    appointment = book(org, clock, "2026-12-03", "17:00")
    walk(runtime, fake_twilio, local("2026-12-02", "12:00"), HOUR)  # the reminder is planned…
    assert Notification.select().where(Notification.kind == "reminder").count() == 1
    if change == "cancel":
        booking.cancel(org, appointment.number, clock=clock, actor="api")
    else:  # completing a visit before it starts is refused; the reminder's guard is the point
        Appointment.update(status="completed").where(Appointment.id == appointment.id).execute()
    assert reminders_sent(walk(runtime, fake_twilio, local("2026-12-03", "18:00"), HOUR)) == []


def test_past_appointments_get_no_reminder(runtime, fake_twilio, clock):
    org = salon()
    clock.set(local("2026-12-01", "09:00"))
    book(org, clock, "2026-12-01", "17:00")
    clock.set(local("2026-12-02", "09:00"))
    assert reminders_sent(walk(runtime, fake_twilio, local("2026-12-02", "20:00"), HOUR)) == []


def test_a_moved_appointment_is_reminded_of_its_new_time_only(runtime, fake_twilio, clock):
    org = salon()
    appointment = book(org, clock, "2026-12-03", "17:00")
    walk(runtime, fake_twilio, local("2026-12-02", "10:00"))  # planned for Wed 17:00
    clock.set(local("2026-12-02", "10:30"))
    booking.reschedule(org, appointment.number, local("2026-12-04", "11:00"), clock=clock)
    wrote_at(org, MARIANA, clock.now())
    arrivals = reminders_sent(
        walk(
            runtime,
            fake_twilio,
            local("2026-12-04", "12:00"),
            HOUR,
            [local("2026-12-03", "11:00")],
        )
    )
    [(when, message)] = arrivals
    assert when == local("2026-12-03", "11:00")
    assert "viernes 4 de diciembre, 11:00 a.m." in message["body"]
    statuses = {
        n.dedup_key.rsplit(":", 1)[1]: n.status
        for n in Notification.select().where(Notification.kind == "reminder")
    }
    assert statuses == {"20261203T2300": "cancelled", "20261204T1700": "sent"}


def test_a_visit_moved_behind_the_handlers_back_is_caught_when_sending(
    runtime, fake_twilio, clock
):
    org = salon()
    appointment = book(org, clock, "2026-12-03", "17:00")
    walk(runtime, fake_twilio, local("2026-12-02", "10:00"))
    Appointment.update(start_at=local("2026-12-03", "18:00")).where(
        Appointment.id == appointment.id
    ).execute()  # e.g. fixed by hand in the database: no event
    clock.set(local("2026-12-02", "17:00"))
    from scheduler.jobs import dispatch_outbox

    dispatch_outbox()
    old = Notification.get(Notification.dedup_key.endswith("20261203T2300"))
    assert (old.status, old.last_error) == ("skipped", "la cita cambió de hora")
    assert reminders_sent([(None, m) for m in fake_twilio.messages]) == []


def test_a_customer_who_opted_out_gets_no_reminder_but_still_hears_of_cancellations(
    runtime, fake_twilio, clock
):
    org = salon()
    appointment = book(org, clock, "2026-12-03", "17:00")
    customers.opt_out(customer(org), clock.now())
    wrote_at(org, MARIANA, clock.now())
    assert reminders_sent(walk(runtime, fake_twilio, local("2026-12-02", "18:00"), HOUR)) == []
    row = Notification.get(Notification.kind == "reminder")
    assert (row.status, row.last_error) == (
        "skipped",
        "el cliente pidió no recibir estos mensajes (baja)",
    )
    booking.cancel(org, appointment.number, clock=clock, actor="api", reason="cerramos")
    [(_, message)] = reminders_sent(walk(runtime, fake_twilio, clock.now()))
    assert message["body"].startswith("Hola Mariana, Estética Luna canceló tu cita")


def test_opting_back_in_before_the_reminder_brings_it_back(runtime, fake_twilio, clock):
    org = salon()
    book(org, clock, "2026-12-03", "17:00")
    mariana = customer(org)
    customers.opt_out(mariana, clock.now())
    walk(runtime, fake_twilio, local("2026-12-02", "12:00"))
    customers.opt_in(mariana)
    wrote_at(org, MARIANA, clock.now())
    assert len(reminders_sent(walk(runtime, fake_twilio, local("2026-12-02", "18:00"), HOUR))) == 1


def test_a_suspended_business_sends_no_reminders(runtime, fake_twilio, clock):
    org = salon()
    book(org, clock, "2026-12-03", "17:00")
    Organization.update(status="suspended").where(Organization.id == org.id).execute()
    assert walk(runtime, fake_twilio, local("2026-12-03", "18:00"), HOUR) == []


def test_a_reminder_written_late_at_night_waits_for_the_morning(runtime, fake_twilio, clock):
    org = salon()
    book(org, clock, "2026-12-03", "17:00")
    clock.set(local("2026-12-02", "23:00"))  # the jobs were down since before 17:00
    wrote_at(org, MARIANA, clock.now())
    arrivals = walk(
        runtime, fake_twilio, local("2026-12-03", "12:00"), HOUR, [local("2026-12-03", "08:00")]
    )
    [(when, message)] = reminders_sent(arrivals)
    assert when == local("2026-12-03", "08:00")
    assert message["body"].startswith("Hola Mariana, te recordamos tu cita de hoy en Estética")
