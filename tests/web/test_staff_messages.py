"""Writing to a customer's WhatsApp from the appointment and client pages."""

from __future__ import annotations

import datetime as dt

from domain import booking
from domain.models import Conversation, Message, Notification
from tests.conftest import local
from tests.conversations.chat import Chat
from tests.factories import customer, service, staff
from tests.web.conftest import text_of

LUCIA = "+525520000001"


def lucias_appointment(org, clock, *, wrote=True, with_whom="Sofía"):
    """#1: Lucía's haircut tomorrow at 10:00; she wrote an hour ago (the window is open)."""
    appointment = booking.book(
        org,
        customer=customer(org, "Lucía Pérez", LUCIA),
        service=service(org, "Corte de caballero"),
        staff=staff(org, with_whom),
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    if wrote:
        Conversation.create(
            channel_number=org.whatsapp_number,
            phone=LUCIA,
            org=org,
            last_inbound_at=clock.now() - dt.timedelta(hours=1),
        )
    return appointment


def staff_messages():
    return list(Notification.select().where(Notification.kind == "staff_message"))


def test_the_owner_writes_from_the_appointment_page(owner, org, clock):
    lucias_appointment(org, clock)
    page = text_of(owner.get("/panel/agenda/cita/1"))
    assert "Mandar un WhatsApp" in page and "Mensaje para Lucía Pérez" in page
    sent = owner.post(
        "/panel/mensajes/cita/1", {"text": "¿Puedes venir 15 min antes?", "nonce": "a1"}
    )
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/panel/agenda/cita/1")
    [row] = staff_messages()
    assert row.recipient == LUCIA and row.appointment.number == 1
    assert row.body == "¿Puedes venir 15 min antes?\n— Ana, Estética Luna"
    assert "Mensaje enviado a Lucía Pérez." in text_of(owner.get("/panel/agenda/cita/1"))
    again = owner.post(
        "/panel/mensajes/cita/1", {"text": "¿Puedes venir 15 min antes?", "nonce": "a1"}
    )
    assert again.status_code == 303 and len(staff_messages()) == 1  # a double submit


def test_the_message_shows_in_the_chat_and_the_reply_reaches_the_writer(
    employee, client, org, clock
):
    lucias_appointment(org, clock)
    employee.post("/panel/mensajes/cliente/1", {"text": "Ya llegó tu tinte", "nonce": "b"})
    chat = Conversation.get(Conversation.phone == LUCIA)
    shown = Message.get(Message.conversation == chat, Message.direction == "out")
    assert shown.body.startswith("Ya llegó tu tinte") and shown.payload["name"] == "Sofía"
    assert Chat(client, org.whatsapp_number, LUCIA).say("¡gracias! paso mañana") == ""
    forward = Notification.get(Notification.kind == "customer_reply")
    assert forward.recipient == staff(org, "Sofía").phone and "paso mañana" in forward.body


def test_an_employee_cannot_write_to_another_ones_customer(employee, org, clock):
    lucias_appointment(org, clock, with_whom="Carlos")
    assert "Mandar un WhatsApp" not in text_of(employee.get("/panel/agenda/cita/1"))
    assert employee.post("/panel/mensajes/cita/1", {"text": "hola"}).status_code == 403
    assert employee.post("/panel/mensajes/cliente/1", {"text": "hola"}).status_code == 403
    assert staff_messages() == []


def test_outside_the_window_without_a_template_the_page_says_why(owner, org, clock):
    lucias_appointment(org, clock, wrote=False)
    page = text_of(owner.get("/panel/clientes/1"))
    assert "no ha escrito al negocio en las últimas 24 horas" in page
    owner.post("/panel/mensajes/cliente/1", {"text": "hola"})
    assert staff_messages() == []
    assert "No puedo mandárselo ahora" in text_of(owner.get("/panel/clientes/1"))


def test_an_empty_message_is_refused_with_a_reason(owner, org, clock):
    lucias_appointment(org, clock)
    owner.post("/panel/mensajes/cita/1", {"text": "   "})
    assert staff_messages() == []
    assert "Escribe el mensaje que quieres mandar." in text_of(owner.get("/panel/agenda/cita/1"))


def test_another_business_cannot_reach_these_customers(stranger, org, clock):
    lucias_appointment(org, clock)
    assert stranger.post("/panel/mensajes/cita/1", {"text": "hola"}).status_code == 404
    assert stranger.post("/panel/mensajes/cliente/1", {"text": "hola"}).status_code == 404
    assert staff_messages() == []
