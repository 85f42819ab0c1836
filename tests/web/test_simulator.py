"""The simulator page: chat as any phone, through the real signed webhook path."""

from __future__ import annotations

import pytest

from domain.models import Appointment, Message
from tests.factories import salon

pytestmark = pytest.mark.usefixtures("database")


def test_a_booking_made_in_the_simulator_is_a_real_booking(client):
    org = salon()
    page = client.get("/simulator")
    assert page.status_code == 200 and "Estética Luna" in page.get_data(as_text=True)
    for text in ("corte de dama mañana a las 5 con Sofía", "si", "Mariana López"):
        sent = client.post(
            "/simulator",
            data={
                "to": org.whatsapp_number,
                "phone": "55 3000 0001",
                "name": "Mari",
                "body": text,
            },
        )
        assert sent.status_code == 302
    shown = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Tu cita quedó agendada" in shown and "corte de dama mañana" in shown
    assert Appointment.select().count() == 1
    # It went through the webhook as Twilio would send it: signed, +521 form, with a sid.
    first = Message.select().where(Message.direction == "in").order_by(Message.id).first()
    assert first.sid.startswith("SM") and first.payload["From"] == "whatsapp:+5215530000001"


def test_a_photo_from_the_simulator_gets_the_media_answer(client):
    org = salon()
    client.post("/simulator", data={"to": org.whatsapp_number, "body": "", "media": "1"})
    assert "solo puedo leer texto" in Message.get(Message.direction == "out").body


def test_the_simulator_is_off_when_disabled(settings, clock):
    from web import create_app

    app = create_app(settings.replace(app={"simulator": "off"}), clock=clock)
    assert app.test_client().get("/simulator").status_code == 404
