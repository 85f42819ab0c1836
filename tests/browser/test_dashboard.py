"""The dashboard in a real browser on a phone: what an owner does on a normal day."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from domain import booking
from domain.models import Appointment, Conversation, Location, Message, Notification
from tests.browser.conftest import log_in
from tests.conftest import local
from tests.factories import customer, salon, service, staff
from tests.jobs.helpers import dispatch, wrote_at


def test_log_in_through_a_whatsapp_link(phone, clock, database, runtime, fake_twilio):
    org = salon()
    wrote_at(org, "+525511110001", clock.now())  # Ana wrote today: the link goes as text
    phone.goto("/login")
    phone.shot("login")
    phone.get_by_label("Tu WhatsApp").fill("55 1111 0001")
    phone.get_by_role("button", name="Mandarme el enlace").click()
    expect(phone.get_by_role("heading", name="Revisa tu WhatsApp")).to_be_visible()
    phone.shot("link-sent")
    dispatch(runtime)  # the link is made as the message goes, and only WhatsApp carries it
    message = fake_twilio.sent_to("+525511110001")[-1]["body"]
    link = re.search(r"http://127\.0\.0\.1:\d+/login/\S+", message).group()
    phone.goto(link)
    phone.shot("confirm")
    phone.get_by_role("button", name="Entrar").click()
    expect(phone.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(phone.locator(".top .org")).to_have_text(org.name)
    phone.shot("agenda")


def test_create_an_appointment_from_the_agenda(phone, clock, database):
    org = salon()
    log_in(phone, staff(org, "Ana"), clock)
    phone.get_by_role("link", name="+ Cita").click()
    phone.get_by_label("Servicio").select_option(label="Corte de dama — 60 min, $350")
    phone.get_by_label("¿Con quién?").select_option(label="Sofía")
    phone.get_by_label("Día").fill("2026-12-03")
    phone.get_by_role("button", name="Ver horarios libres").click()
    phone.shot("free-times")
    phone.get_by_role("button", name="5:00 p.m.").click()
    expect(phone.get_by_label("Hora")).to_have_value("17:00")
    phone.get_by_label("WhatsApp").fill("55 3000 0099")
    phone.get_by_label("Nombre").fill("Lucía Pérez")
    phone.shot("filled")
    phone.get_by_role("button", name="Agendar cita").click()
    expect(phone.get_by_text("Cita #1 agendada.")).to_be_visible()
    expect(phone.get_by_text("jueves 3 de diciembre, 5:00 p.m.")).to_be_visible()
    phone.shot("booked")
    appointment = Appointment.get()
    assert (
        appointment.start_at == local("2026-12-03", "17:00") and appointment.source == "dashboard"
    )
    phone.get_by_role("link", name="‹ Agenda").click()
    expect(phone.get_by_text("Lucía Pérez")).to_be_visible()
    phone.shot("agenda-day")


def test_cancel_an_appointment(phone, clock, database):
    org = salon()
    appointment = booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "12:00"),
        clock=clock,
    )
    log_in(phone, staff(org, "Ana"), clock)
    phone.get_by_text("Mariana López").click()
    phone.get_by_text("Cancelar la cita").click()
    phone.get_by_label("Motivo").fill("La estilista se enfermó")
    phone.shot("cancel-form")
    phone.get_by_role("button", name="Cancelar cita").click()
    expect(phone.get_by_text("Cita #1 cancelada.")).to_be_visible()
    expect(phone.locator(".pill.cancelled")).to_have_text("Cancelada")
    phone.shot("cancelled")
    assert Appointment.get_by_id(appointment.id).status == "cancelled"


def test_find_a_customer(phone, clock, database):
    org = salon()
    customer(org, "Rosa Díaz", "+525520000002")
    lucia = customer(org, "Lucía Pérez", "+525520000001")
    booking.book(
        org,
        customer=lucia,
        service=service(org, "Manicure"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-04", "10:00"),
        clock=clock,
    )
    log_in(phone, staff(org, "Ana"), clock)
    phone.get_by_role("link", name="Clientes").click()
    phone.get_by_label("Buscar cliente").fill("lucía")
    phone.get_by_role("button", name="Buscar").click()
    expect(phone.get_by_text("1 resultado para «lucía»")).to_be_visible()
    phone.shot("search")
    phone.get_by_text("Lucía Pérez").click()
    expect(phone.get_by_text("viernes 4 de diciembre, 10:00 a.m.")).to_be_visible()
    phone.shot("customer")


def test_change_business_hours(phone, clock, database):
    org = salon()
    log_in(phone, staff(org, "Ana"), clock)
    phone.get_by_role("link", name="Más").click()
    phone.get_by_role("link", name="Horario", exact=True).click()
    phone.get_by_label("lunes cierra 1").fill("14:00")
    phone.get_by_text("+ Otro horario este día").first.click()
    phone.get_by_label("lunes abre 2").fill("16:00")
    phone.get_by_label("lunes cierra 2").fill("20:00")
    phone.get_by_label("sábado cierra 1").fill("14:00")
    phone.get_by_label("domingo abre 1").fill("11:00")  # typing a time opens the day
    phone.get_by_label("domingo cierra 1").fill("14:00")
    expect(phone.get_by_role("checkbox").last).not_to_be_checked()
    phone.shot("hours-form")
    phone.get_by_role("button", name="Guardar horario").click()
    expect(phone.get_by_text("Horario guardado.")).to_be_visible()
    phone.shot("hours-saved")
    hours = Location.get(Location.org == org).hours
    assert hours["0"] == [["10:00", "14:00"], ["16:00", "20:00"]]
    assert hours["5"] == [["10:00", "14:00"]] and hours["6"] == [["11:00", "14:00"]]


def test_take_over_a_conversation(phone, clock, database):
    org = salon()
    customer(org, "Lucía Pérez", "+525520000001")
    now = clock.now()
    chat = Conversation.create(
        channel_number=org.whatsapp_number,
        phone="+525520000001",
        org=org,
        handoff_until=now + dt.timedelta(hours=12),
        last_inbound_at=now,
        created_at=now,
        updated_at=now,
    )
    Message.create(
        org=org,
        conversation=chat,
        direction="in",
        from_number=chat.phone,
        to_number=chat.channel_number,
        body="¿Me pueden pasar con alguien? Quiero un tinte especial",
        reply="Claro, le aviso al equipo.",
        created_at=now,
    )
    Conversation.update(handoff_until=None).execute()
    log_in(phone, staff(org, "Ana"), clock)
    phone.get_by_role("link", name="Chats").click()
    phone.get_by_text("Lucía Pérez").click()
    phone.get_by_role("button", name="Tomar la conversación").click()
    expect(phone.get_by_text("Tomaste la conversación")).to_be_visible()
    phone.get_by_label("Responder como persona").fill("Hola Lucía, soy Ana. ¿Qué tono buscas?")
    phone.shot("reply")
    phone.get_by_role("button", name="Enviar por WhatsApp").click()
    expect(phone.get_by_text("Mensaje enviado.")).to_be_visible()
    expect(phone.get_by_text("Hola Lucía, soy Ana. ¿Qué tono buscas?")).to_be_visible()
    phone.shot("sent")
    sent = Notification.get(Notification.kind == "agent_reply")
    assert sent.recipient == "+525520000001" and sent.body.startswith("Hola Lucía")
    phone.get_by_role("button", name="Devolver al bot").click()
    expect(phone.get_by_text("Conversación devuelta al bot.")).to_be_visible()
    assert Conversation.get_by_id(chat.id).handoff_until is None
