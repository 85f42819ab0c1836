"""The simulator page: chat as any phone, through the real webhook path; open on this machine
only, for operators alone on a public host, never showing a login link or code."""

from __future__ import annotations

import re

import pytest

from domain.models import Appointment, Message, Notification
from tests.factories import salon, staff
from tests.web.conftest import Visitor, text_of

OPERATOR = "+525500000001"
LOOPBACK = "http://127.0.0.1:5000"


@pytest.fixture
def settings(settings):
    return settings.replace(platform={"operators": [OPERATOR]})


@pytest.fixture
def local_app(settings, clock, database):
    """`make run`: a loopback address, no Twilio."""
    from web import create_app

    local = settings.replace(
        app={"public_base_url": LOOPBACK, "simulator": "auto"},
        twilio={"account_sid": "", "auth_token": ""},
    )
    app = create_app(local, clock=clock)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def local(local_app, clock):
    return Visitor(local_app.test_client(), clock)


def say(visitor, org, text, phone="55 3000 0001"):
    return visitor.post(
        "/simulator",
        {"to": org.whatsapp_number, "phone": phone, "name": "Mari", "body": text},
    )


def test_a_booking_made_in_the_simulator_is_a_real_booking(local):
    org = salon()
    page = local.get("/simulator")
    assert page.status_code == 200 and "Estética Luna" in page.get_data(as_text=True)
    for text in ("corte de dama mañana a las 5 con Sofía", "si", "Mariana López"):
        sent = say(local, org, text)
        assert sent.status_code == 302
    shown = local.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Tu cita quedó agendada" in shown and "corte de dama mañana" in shown
    assert Appointment.select().count() == 1
    # It went through the webhook as Twilio would send it: +521 form, with a sid.
    first = Message.select().where(Message.direction == "in").order_by(Message.id).first()
    assert first.sid.startswith("SM") and first.payload["From"] == "whatsapp:+5215530000001"


def test_a_photo_from_the_simulator_gets_the_media_answer(local):
    org = salon()
    local.post("/simulator", {"to": org.whatsapp_number, "body": "", "media": "1"})
    assert "solo puedo leer texto" in Message.get(Message.direction == "out").body


def test_a_post_without_the_csrf_token_is_refused(local):
    org = salon()
    form = {"to": org.whatsapp_number, "phone": "55 3000 0001", "body": "hola"}
    assert local.client.post("/simulator", data=form).status_code == 400
    assert Message.select().count() == 0


def test_the_simulator_never_shows_a_login_link(local, clock):
    org = salon()
    ana = staff(org, "Ana")
    say(local, org, "panel", phone=ana.phone)  # the staff command that answers with a link
    local.post("/login", {"phone": ana.phone})  # and a link through the outbox
    assert Notification.get(Notification.kind == "login_link")
    # A transcript written before links were hidden, too.
    chat = Message.get(Message.direction == "out").conversation
    Message.create(
        conversation=chat,
        org=org,
        direction="out",
        from_number=org.whatsapp_number,
        to_number=ana.phone,
        body="Tu enlace: https://yume.example.mx/login/AbCdEfGhIjKlMnOpQrStUv",
        created_at=clock.now(),
    )
    page = local.get("/simulator", query_string={"to": org.whatsapp_number, "phone": ana.phone})
    html = page.get_data(as_text=True)
    assert "Tu enlace para entrar al panel" in html
    assert not re.search(r"/login/[A-Za-z0-9_\-]{16,}", html)
    assert "[enlace de acceso]" in html


def test_on_a_public_host_anonymous_visitors_and_staff_get_404(visitor, settings):
    org = salon()
    assert visitor.get("/simulator").status_code == 404
    assert say(visitor, org, "hola").status_code == 404
    visitor.login(staff(org, "Ana"))  # the owner of a business is not an operator
    assert visitor.get("/simulator").status_code == 404
    assert say(visitor, org, "hola").status_code == 404
    assert Message.select().count() == 0


def test_on_a_public_host_an_operator_may_use_it_when_switched_on(visitor):
    org = salon()
    visitor.login(phone=OPERATOR)
    assert visitor.get("/simulator").status_code == 200
    assert say(visitor, org, "hola").status_code == 302
    reply = Message.get(Message.direction == "out")
    assert "Estética Luna" in reply.body


def test_on_a_public_host_the_simulator_is_off_unless_switched_on(settings, clock, database):
    from web import create_app

    app = create_app(settings.replace(app={"simulator": "auto"}), clock=clock)
    operator = Visitor(app.test_client(), clock).login(phone=OPERATOR)
    assert operator.get("/simulator").status_code == 404
    assert "Simulador" not in text_of(operator.get("/panel/mas"))


def test_the_simulator_is_off_when_disabled(settings, clock, database):
    from web import create_app

    app = create_app(
        settings.replace(app={"simulator": "off", "public_base_url": LOOPBACK}), clock=clock
    )
    assert app.test_client().get("/simulator").status_code == 404
