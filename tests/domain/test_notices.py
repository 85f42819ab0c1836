"""Owner and customer notices written by booking changes, in the change's transaction."""

from __future__ import annotations

import dataclasses
from zoneinfo import ZoneInfo

import pytest

from domain import booking, notices, outbox
from domain.businesses import NewStaff, create_business
from domain.db import db
from domain.models import Appointment, Conversation, Customer, Notification
from tests.conftest import local
from tests.factories import customer, salon, service, spec, staff

pytestmark = pytest.mark.usefixtures("database")

TIJUANA = ZoneInfo("America/Tijuana")
ANA = "+525511110001"
MARIANA = "+525530000001"


def book(org, clock, at="17:00", day="2026-12-03", tz=None, actor="customer", who=None):
    return booking.book(
        org,
        customer=who or customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local(day, at, tz) if tz else local(day, at),
        clock=clock,
        actor=actor,
    )


def rows(kind=None):
    query = Notification.select().order_by(Notification.id)
    return list(query.where(Notification.kind == kind) if kind else query)


def test_the_owner_hears_of_a_booking_the_customer_made(clock):
    org = salon()
    book(org, clock)
    [notice] = rows()
    assert (notice.kind, notice.recipient) == ("owner_new_booking", ANA)
    assert notice.org_id == org.id and notice.status == "pending"
    assert notice.body == (
        "Nueva cita #1 (por el cliente):\n"
        "Corte de dama con Sofía — jueves 3 de diciembre, 5:00 p.m.\n"
        "Cliente: Mariana López (+52 55 3000 0001)"
    )
    assert notice.variables["2"] == "Corte de dama con Sofía"
    assert all("\n" not in value for value in notice.variables.values())


def test_an_owner_is_not_told_about_her_own_booking_but_a_co_owner_is(clock):
    base = spec()
    people = [dataclasses.replace(base.staff[1], role="owner"), *base.staff[::2]]
    org = create_business(dataclasses.replace(base, staff=people))
    ana = staff(org, "Ana")
    book(org, clock, actor=f"staff:{ana.id}")
    assert [(n.recipient, n.body.splitlines()[0]) for n in rows()] == [
        ("+525511110002", "Nueva cita #1 (por Ana):")
    ]


def test_switched_off_notices_are_not_written(clock):
    org = salon(
        settings={
            "notify_new_booking": False,
            "notify_cancellation": False,
            "notify_reschedule": False,
        }
    )
    appointment = book(org, clock)
    booking.reschedule(org, appointment.number, local("2026-12-04", "11:00"), clock=clock)
    booking.cancel(org, appointment.number, clock=clock)
    assert rows() == []


def test_the_business_cancelling_tells_the_customer_and_the_owner(clock):
    org = salon()
    appointment = book(org, clock)
    sofia = staff(org, "Sofía")
    booking.cancel(
        org, appointment.number, clock=clock, actor=f"staff:{sofia.id}", reason="Sofía se enfermó"
    )
    [to_customer] = rows("customer_cancelled")
    assert to_customer.recipient == MARIANA and to_customer.appointment_id == appointment.id
    assert to_customer.body == (
        "Hola Mariana, Estética Luna canceló tu cita de Corte de dama del jueves 3 de "
        "diciembre, 5:00 p.m.\nMotivo: Sofía se enfermó\n"
        "Si quieres agendar otra, escríbenos por aquí."
    )
    [to_owner] = rows("owner_cancellation")
    assert to_owner.recipient == ANA
    assert to_owner.body.startswith("Cita #1 cancelada por Sofía:")


def test_a_customer_cancelling_tells_only_the_owner(clock):
    org = salon()
    appointment = book(org, clock)
    booking.cancel(org, appointment.number, clock=clock, reason="no llego")
    assert [n.kind for n in rows()] == ["owner_new_booking", "owner_cancellation"]
    assert rows("owner_cancellation")[0].body.endswith("Motivo: no llego")


def test_a_move_by_the_business_tells_the_customer_both_times_in_local_time(clock):
    org = salon("America/Tijuana")
    appointment = book(org, clock, tz=TIJUANA)
    ana = staff(org, "Ana")
    booking.reschedule(
        org,
        appointment.number,
        local("2026-12-04", "11:00", TIJUANA),
        clock=clock,
        actor=f"dashboard:{ana.id}",
    )
    [moved] = rows("customer_moved")
    assert moved.body == (
        "Hola Mariana, Estética Luna cambió tu cita de Corte de dama con Sofía:\n"
        "Antes: jueves 3 de diciembre, 5:00 p.m.\nAhora: viernes 4 de diciembre, 11:00 a.m.\n"
        "Si no te queda, respóndenos por aquí y la ajustamos."
    )
    assert rows("owner_reschedule") == []  # Ana moved it herself


def test_every_move_is_a_notice_of_its_own(clock):
    org = salon()
    appointment = book(org, clock)
    for at in ("11:00", "12:00"):
        booking.reschedule(
            org, appointment.number, local("2026-12-04", at), clock=clock, actor="api"
        )
    assert [n.body.splitlines()[-2] for n in rows("customer_moved")] == [
        "Ahora: viernes 4 de diciembre, 11:00 a.m.",
        "Ahora: viernes 4 de diciembre, 12:00 p.m.",
    ]
    assert len(rows("owner_reschedule")) == 2
    assert rows("owner_reschedule")[0].body.startswith("Cita #1 movida desde la API:")


def test_a_customer_moving_their_own_visit_gets_no_notice_about_it(clock):
    org = salon()
    appointment = book(org, clock)
    booking.reschedule(org, appointment.number, local("2026-12-04", "11:00"), clock=clock)
    assert [n.kind for n in rows()] == ["owner_new_booking", "owner_reschedule"]


def test_a_rolled_back_booking_leaves_no_notice(clock):
    org = salon()
    with db.atomic() as transaction:
        book(org, clock)
        transaction.rollback()
    assert Appointment.select().count() == 0 and rows() == []


def test_notices_never_reach_another_business(clock):
    first = salon()
    base = spec()
    others = [
        dataclasses.replace(p, phone=f"+5255222200{i:02d}") for i, p in enumerate(base.staff)
    ]
    second = create_business(dataclasses.replace(base, staff=others))
    appointment = book(first, clock)
    book(second, clock, who=customer(second))  # same customer phone, other business
    booking.cancel(first, appointment.number, clock=clock, actor="api")
    for notice in rows():
        people = {s.phone for s in notice.org.staff} | {c.phone for c in notice.org.customers}
        assert notice.recipient in people
    assert {n.recipient for n in rows() if n.org_id == second.id} == {"+525522220000"}
    assert [n.org_id for n in rows("customer_cancelled")] == [first.id]


def test_a_walk_in_without_a_number_gets_no_notice(clock):
    org = salon()
    jorge = Customer.create(org=org, phone=None, name="Jorge")
    appointment = book(org, clock, who=jorge, actor="api")
    booking.cancel(org, appointment.number, clock=clock, actor="api")
    assert [n.kind for n in rows()] == ["owner_new_booking", "owner_cancellation"]
    assert "Cliente: Jorge\n" in rows("owner_new_booking")[0].body + "\n"


def test_a_business_cancelling_a_past_visit_does_not_write_to_the_customer(clock):
    org = salon()
    appointment = book(org, clock)
    clock.set(local("2026-12-03", "19:00"))
    booking.cancel(org, appointment.number, clock=clock, actor="api")
    assert rows("customer_cancelled") == []


def test_cancelling_or_moving_withdraws_reminders_not_yet_sent(clock):
    org = salon()
    appointment = book(org, clock)
    for kind in ("reminder", "reminder_2h"):
        outbox.enqueue(
            recipient=MARIANA,
            kind=kind,
            body="x",
            org=org,
            appointment=appointment,
            dedup_key=f"{kind}:{appointment.id}",
            now=clock.now(),
        )
    booking.reschedule(org, appointment.number, local("2026-12-04", "11:00"), clock=clock)
    assert {(n.status, n.last_error) for n in rows("reminder") + rows("reminder_2h")} == {
        ("cancelled", "la cita cambió de hora")
    }


def test_a_hand_off_request_reaches_the_owners_once(clock):
    org = salon()
    mariana = customer(org)
    chat = Conversation.create(channel_number=org.whatsapp_number, phone=MARIANA, org=org)
    first = notices.handoff_requested(org, mariana, chat, clock.now())
    again = notices.handoff_requested(org, mariana, chat, clock.now())
    assert len(first) == 1 and again == []
    assert first[0].recipient == ANA and first[0].kind == "owner_handoff"
    assert first[0].body.startswith(
        "Mariana López (+52 55 3000 0001) pidió hablar con alguien del equipo."
    )
    by_phone = notices.handoff_requested(org, "+525530000077", chat, local("2026-12-02", "10:00"))
    assert by_phone[0].body.startswith("+52 55 3000 0077 pidió hablar")


def test_hand_off_notices_can_be_switched_off(clock):
    org = salon(settings={"notify_handoff": False})
    chat = Conversation.create(channel_number=org.whatsapp_number, phone=MARIANA, org=org)
    assert notices.handoff_requested(org, customer(org), chat, clock.now()) == []
    assert rows() == []


def test_an_inactive_owner_or_one_without_a_number_is_skipped(clock):
    base = spec()
    people = [
        dataclasses.replace(base.staff[0], phone=None),
        *base.staff[1:],
        NewStaff("Lupe", "+525511110009", role="owner"),
    ]
    org = create_business(dataclasses.replace(base, staff=people))
    book(org, clock)
    assert [n.recipient for n in rows()] == ["+525511110009"]


def test_the_owner_is_not_told_about_what_the_system_did(clock):
    org = salon()
    appointment = book(org, clock, actor="system")  # e.g. the demo's seed data
    booking.cancel(org, appointment.number, clock=clock, actor="system")
    assert [n.kind for n in rows()] == ["customer_cancelled"]
