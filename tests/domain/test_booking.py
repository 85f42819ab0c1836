"""Booking rules: conflicts by staff and spot, edges, notice, cut-off, statuses, tenants."""

from __future__ import annotations

import datetime as dt

import pytest

from domain import booking
from domain.blocks import add_block
from domain.errors import (
    Blocked,
    InvalidState,
    NotFound,
    OutsideHours,
    PastCutoff,
    SpotBusy,
    StaffBusy,
    TooFar,
    TooSoon,
)
from domain.models import Appointment, Customer
from tests.conftest import local
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")


def book(org, clock, at, service_name="Corte de dama", person="Sofía", day="2026-12-03", **kw):
    return booking.book(
        org,
        customer=kw.pop("who", None) or customer(org),
        service=service(org, service_name),
        staff=staff(org, person) if person else None,
        start=local(day, at),
        clock=clock,
        **kw,
    )


def test_booking_records_times_spot_and_a_short_number(clock):
    org = salon()
    appointment = book(org, clock, "17:00", "Tinte", "Ana")
    assert appointment.number == 1
    assert appointment.end_at - appointment.start_at == dt.timedelta(minutes=120)
    assert appointment.busy_until - appointment.end_at == dt.timedelta(minutes=15)
    assert appointment.spot.name.startswith("Silla")
    assert appointment.price_cents == 90000 and appointment.status == "booked"
    assert book(org, clock, "10:00").number == 2


def test_second_booking_of_the_same_staff_and_time_is_refused(clock):
    org = salon()
    book(org, clock, "17:00")
    with pytest.raises(StaffBusy, match="Sofía ya tiene una cita a esa hora"):
        book(org, clock, "17:30", who=customer(org, "Otra", "+525530000002"))
    assert Appointment.select().count() == 1


def test_touching_appointments_are_allowed(clock):
    org = salon()
    book(org, clock, "10:00")
    book(org, clock, "11:00")
    book(org, clock, "12:00")
    assert Appointment.select().where(Appointment.staff == staff(org, "Sofía")).count() == 3


def test_the_only_manicure_table_cannot_hold_two_manicures(clock):
    org = salon()
    book(org, clock, "10:00", "Manicure", "Carlos")
    with pytest.raises(SpotBusy, match="No hay lugar disponible para Manicure"):
        book(org, clock, "10:15", "Manicure", "Ana")


def test_any_staff_takes_whoever_is_free(clock):
    org = salon()
    book(org, clock, "17:00", person="Sofía")
    chosen = book(org, clock, "17:00", person=None)
    assert chosen.staff.name == "Ana"
    with pytest.raises(StaffBusy, match="Ese horario ya no está disponible"):
        book(org, clock, "17:00", person=None)


def test_outside_hours_and_closed_days_are_refused(clock):
    org = salon()
    with pytest.raises(OutsideHours):
        book(org, clock, "19:30")  # a 60-minute cut would end after 20:00
    with pytest.raises(OutsideHours):
        book(org, clock, "12:00", day="2026-12-06")  # Sunday


def test_a_closure_refuses_bookings_and_says_why(clock):
    org = salon()
    add_block(
        org,
        start=local("2026-12-03", "00:00"),
        end=local("2026-12-04", "00:00"),
        reason="inventario",
    )
    with pytest.raises(Blocked, match="cerrado a esa hora \\(inventario\\)"):
        book(org, clock, "12:00")


def test_customers_need_notice_and_stay_within_the_horizon(clock):
    org = salon()
    with pytest.raises(TooSoon, match="1 hora de anticipación"):
        book(org, clock, "09:30", day="2026-12-02")
    with pytest.raises(TooSoon, match="ya pasó"):
        book(org, clock, "08:00", day="2026-12-02")
    with pytest.raises(TooFar, match="60 días"):
        book(org, clock, "12:00", day="2027-02-15")


def test_the_business_books_a_walk_in_without_notice(clock):
    org = salon()
    clock.set(local("2026-12-02", "13:05"))
    walk_in = book(org, clock, "13:00", day="2026-12-02", source="walk_in", actor="staff:1")
    assert walk_in.source == "walk_in"


def test_customer_cannot_cancel_inside_the_cut_off_but_the_business_can(clock):
    org = salon()
    appointment = book(org, clock, "12:00", day="2026-12-02")
    with pytest.raises(PastCutoff, match="4 horas de anticipación"):
        booking.cancel(org, appointment.number, clock=clock)
    cancelled = booking.cancel(org, appointment.number, clock=clock, actor="staff:1", reason="x")
    assert cancelled.status == "cancelled" and cancelled.cancelled_by == "business"


def test_cancelling_frees_the_time(clock):
    org = salon()
    first = book(org, clock, "17:00")
    booking.cancel(org, first.number, clock=clock)
    assert book(org, clock, "17:00").number == 2


def test_reschedule_moves_and_frees_the_old_time(clock):
    org = salon()
    appointment = book(org, clock, "17:00")
    booking.confirm(org, appointment.number, clock=clock)
    moved = booking.reschedule(org, appointment.number, local("2026-12-04", "11:00"), clock=clock)
    assert moved.start_at == local("2026-12-04", "11:00") and moved.status == "booked"
    assert book(org, clock, "17:00").staff.name == "Sofía"


def test_reschedule_into_a_taken_time_keeps_the_original(clock):
    org = salon()
    mine = book(org, clock, "17:00", who=customer(org, "A", "+525530000003"))
    book(org, clock, "12:00", person="Ana", who=customer(org, "B", "+525530000004"))
    with pytest.raises(StaffBusy):
        booking.reschedule(
            org,
            mine.number,
            local("2026-12-03", "12:00"),
            staff=staff(org, "Ana"),
            clock=clock,
        )
    assert Appointment.get_by_id(mine.id).start_at == local("2026-12-03", "17:00")


def test_a_customer_reschedule_may_switch_to_another_free_stylist(clock):
    org = salon()
    mine = book(org, clock, "17:00", who=customer(org, "A", "+525530000003"))
    book(org, clock, "12:00", who=customer(org, "B", "+525530000004"))  # Sofía busy at 12
    moved = booking.reschedule(org, mine.number, local("2026-12-03", "12:00"), clock=clock)
    assert moved.staff.name == "Ana"


def test_no_show_counts_against_the_customer_and_completion_undoes_it(clock):
    org = salon()
    appointment = book(org, clock, "12:00")
    with pytest.raises(InvalidState, match="todavía no empieza"):
        booking.mark_no_show(org, appointment.number, clock=clock, actor="staff:1")
    clock.set(local("2026-12-03", "13:30"))
    booking.mark_no_show(org, appointment.number, clock=clock, actor="staff:1")
    assert Customer.get_by_id(appointment.customer_id).no_show_count == 1
    booking.complete(org, appointment.number, clock=clock, actor="staff:1")
    assert Customer.get_by_id(appointment.customer_id).no_show_count == 0


def test_a_cancelled_appointment_cannot_be_completed(clock):
    org = salon()
    appointment = book(org, clock, "12:00")
    booking.cancel(org, appointment.number, clock=clock)
    with pytest.raises(InvalidState, match="está cancelada"):
        booking.complete(org, appointment.number, clock=clock, actor="staff:1")


def test_another_business_cannot_reach_this_ones_appointments(clock):
    ours, theirs = salon(), salon()
    appointment = book(ours, clock, "12:00")
    for change in (booking.cancel, booking.confirm):
        with pytest.raises(NotFound):
            change(theirs, appointment.number, clock=clock)
    # Same short number in the other business is theirs, not ours.
    other = book(theirs, clock, "12:00")
    assert other.number == appointment.number
    booking.cancel(theirs, other.number, clock=clock)
    assert Appointment.get_by_id(appointment.id).status == "booked"
    with pytest.raises(NotFound):
        booking.book(
            theirs,
            customer=customer(ours),
            service=service(theirs, "Corte de dama"),
            start=local("2026-12-03", "15:00"),
            clock=clock,
        )
    with pytest.raises(NotFound):
        booking.book(
            theirs,
            customer=customer(theirs),
            service=service(ours, "Corte de dama"),
            start=local("2026-12-03", "15:00"),
            clock=clock,
        )
