"""Writing to a customer's WhatsApp from the appointment page, in a real browser."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from domain import booking
from domain.models import Conversation, Notification
from tests.browser.conftest import log_in
from tests.conftest import local
from tests.factories import customer, salon, service, staff


def test_send_a_whatsapp_from_an_appointment(phone, clock, database):
    org = salon()
    booking.book(
        org,
        customer=customer(org, "Lucía Pérez", "+525520000001"),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "12:00"),
        clock=clock,
    )
    Conversation.create(
        channel_number=org.whatsapp_number,
        phone="+525520000001",
        org=org,
        last_inbound_at=clock.now() - dt.timedelta(hours=2),
    )
    log_in(phone, staff(org, "Sofía"), clock)
    phone.get_by_text("Lucía Pérez").click()
    phone.get_by_text("Mandar un WhatsApp").click()
    phone.get_by_label("Mensaje para Lucía Pérez").fill(
        "Se me liberó un espacio a las 11, ¿lo quieres?"
    )
    phone.shot("message-form")
    phone.get_by_role("button", name="Mandar mensaje").click()
    expect(phone.get_by_text("Mensaje enviado a Lucía Pérez.")).to_be_visible()
    phone.shot("message-sent")
    row = Notification.get(Notification.kind == "staff_message")
    assert row.recipient == "+525520000001" and row.appointment.number == 1
    assert row.body == "Se me liberó un espacio a las 11, ¿lo quieres?\n— Sofía, Estética Luna"
