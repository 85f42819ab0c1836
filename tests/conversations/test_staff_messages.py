"""Staff write to a customer through the business's WhatsApp, and get the answer back.

From the stylist's side: "mensaje #1: trae tu foto", "dile a la de las 12:30 que llego 10 min
tarde", "mándale a Rosa Díaz: …". Yume says to whom and what, sends it from the business's
number signed with the first name after a yes, and passes the customer's answer on. The
settings are production's: Twilio is configured, so WhatsApp's 24-hour window applies.

Estética Luna on Wednesday 2 December 2026, 09:00; `day_of_sofia` books #1 Lucía Pérez 10:00
and #2 Rosa Díaz 12:30 with Sofía.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from domain import booking
from domain.models import AuditLog, Conversation, Customer, Message, Notification
from tests.conftest import TEMPLATES, local
from tests.conversations.chat import Chat
from tests.conversations.test_staff import ANA, CARLOS, LUCIA, ROSA, SOFIA, day_of_sofia
from tests.factories import customer, salon, service, staff
from tests.jobs.helpers import dispatch

pytestmark = pytest.mark.usefixtures("database")

CAMILA_ORTIZ, CAMILA_REYES = "+525520000011", "+525520000012"
STAFF_MESSAGE_SID = "HX" + "5" * 32


@dataclass
class Case:
    name: str
    who: str
    lines: list[tuple[str, tuple[str, ...]]]
    setup: Callable | None = None  # (org, clock, client)
    check: Callable | None = None  # (org, clock)


def wrote(*phones: str, text: str = "hola") -> Callable:
    """Sofía's day, and these customers wrote to the business (WhatsApp's window is open)."""

    def setup(org, clock, client):
        day_of_sofia(org, clock)
        for phone in phones:
            Chat(client, org.whatsapp_number, phone).say(text)

    return setup


def camilas(org, clock, client):
    for name, phone, at in (
        ("Camila Ortiz", CAMILA_ORTIZ, "11:00"),
        ("Camila Reyes", CAMILA_REYES, "17:00"),
    ):
        booking.book(
            org,
            customer=customer(org, name, phone),
            service=service(org, "Manicure"),
            staff=staff(org, "Carlos"),
            start=local("2026-12-03", at),
            clock=clock,
        )
        Chat(client, org.whatsapp_number, phone).say("gracias")


def sent(to: str, *facts: str, appointment: int | None = None, by: str = "Sofía"):
    """One staff message went to `to`, saying `facts`, recorded with who sent it."""

    def check(org, clock):
        [row] = Notification.select().where(Notification.kind == "staff_message")
        assert row.recipient == to and row.org_id == org.id
        for fact in facts:
            assert fact in row.body
        assert row.body.endswith(f"— {by}, Estética Luna")
        assert (row.appointment.number if row.appointment else None) == appointment
        outgoing = Message.select().where(Message.direction == "out")
        [shown] = [m for m in outgoing if (m.payload or {}).get("notification") == row.id]
        chat = Conversation.get_by_id(shown.conversation_id)
        assert chat.phone == to and shown.direction == "out" and shown.payload["name"] == by
        who = staff(org, by)
        assert AuditLog.get(AuditLog.action == "staff_message").actor == f"staff:{who.id}"

    return check


def nothing_sent(org, clock):
    assert not Notification.select().where(Notification.kind == "staff_message").exists()


CASES = [
    Case(
        "by appointment number",
        SOFIA,
        [
            (
                "mensaje #1: trae tu foto de referencia",
                (
                    "Le escribo a Lucía Pérez (+52 55 2000 0001), por la cita #1",
                    "«Trae tu foto de referencia\n— Sofía, Estética Luna»",
                    "¿Lo mando? Responde *sí* o *no*.",
                ),
            ),
            ("sí", ("se lo mandé a Lucía Pérez", "próximas 4 horas")),
        ],
        setup=wrote(LUCIA),
        check=sent(LUCIA, "Trae tu foto de referencia", appointment=1),
    ),
    Case(
        "by the appointment's time",
        SOFIA,
        [
            ("dile a la de las 12:30 que llego 10 min tarde", ("Le escribo a Rosa Díaz", "#2")),
            ("va", ("se lo mandé a Rosa Díaz",)),
        ],
        setup=wrote(ROSA),
        check=sent(ROSA, "Llego 10 min tarde", appointment=2),
    ),
    Case(
        "by name, one match",
        SOFIA,
        [
            (
                "mándale a Rosa Díaz: ya tenemos el tinte que querías",
                ("Le escribo a Rosa Díaz", "«Ya tenemos el tinte que querías"),
            ),
            ("si", ("se lo mandé",)),
        ],
        setup=wrote(ROSA),
        check=sent(ROSA, "Ya tenemos el tinte que querías"),
    ),
    Case(
        "by name, several matches",
        ANA,
        [
            (
                "escríbele a camila que ya llegó su esmalte",
                ("A quién de estas personas", "1. Camila Ortiz", "2. Camila Reyes"),
            ),
            ("la 2", ("Le escribo a Camila Reyes", "«Ya llegó su esmalte")),
            ("sí", ("se lo mandé a Camila Reyes",)),
        ],
        setup=camilas,
        check=sent(CAMILA_REYES, "Ya llegó su esmalte", by="Ana"),
    ),
    Case(
        "the text asked for",
        SOFIA,
        [
            ("mándale un mensaje a Lucía", ("¿Qué le digo a Lucía Pérez?",)),
            ("que si puede llegar 15 min antes", ("«Si puede llegar 15 min antes",)),
            ("sí", ("se lo mandé",)),
        ],
        setup=wrote(LUCIA),
        check=sent(LUCIA, "Si puede llegar 15 min antes"),
    ),
    Case(
        "a question without a colon",
        SOFIA,
        [
            (
                "pregúntale a Lucía si puede venir más temprano",
                ("Le escribo a Lucía Pérez", "«Si puede venir más temprano"),
            ),
            ("sale", ("se lo mandé",)),
        ],
        setup=wrote(LUCIA),
        check=sent(LUCIA, "Si puede venir más temprano"),
    ),
    Case(
        "a no sends nothing",
        SOFIA,
        [("mensaje #1: ya voy", ("¿Lo mando?",)), ("no", ("no hice ningún cambio",))],
        setup=wrote(LUCIA),
        check=nothing_sent,
    ),
    Case(
        "outside the 24-hour window without a template",
        SOFIA,
        [
            (
                "mensaje #1: trae tu foto",
                ("No puedo mandárselo ahora", "últimas 24 horas", "+52 55 2000 0001"),
            )
        ],
        setup=lambda org, clock, client: day_of_sofia(org, clock),
        check=nothing_sent,
    ),
    Case(
        "an employee cannot write to another's customer by number",
        CARLOS,
        [("mensaje #1: hola", ("La cita #1 es de Sofía", "solo puedes escribir"))],
        setup=wrote(LUCIA),
        check=nothing_sent,
    ),
    Case(
        "an employee cannot write to another's customer by name",
        CARLOS,
        [("mándale a Rosa Díaz: hola", ("Rosa Díaz no tiene citas contigo",))],
        setup=wrote(ROSA),
        check=nothing_sent,
    ),
    Case(
        "the owner writes to anyone's customer",
        ANA,
        [("avísale a la 2 que ya está listo su tinte", ("Le escribo a Rosa Díaz",)), ("sí", ())],
        setup=wrote(ROSA),
        check=sent(ROSA, "Ya está listo su tinte", appointment=2, by="Ana"),
    ),
    Case(
        "a customer who opted out gets only appointment messages",
        ANA,
        [
            ("mándale a Rosa Díaz: hay promoción de tinte", ("pidió no recibir mensajes",)),
            ("mensaje #2: tu cita sigue en pie", ("Le escribo a Rosa Díaz",)),
            ("sí", ("se lo mandé",)),
        ],
        setup=wrote(ROSA, text="baja"),
        check=sent(ROSA, "Tu cita sigue en pie", appointment=2, by="Ana"),
    ),
    Case(
        "nobody by that name",
        SOFIA,
        [("mándale a Zoila: hola", ("No encontré clientes con «Zoila»",))],
        setup=wrote(LUCIA),
        check=nothing_sent,
    ),
    Case(
        "no one to answer yet",
        SOFIA,
        [("dile que sí", ("¿A quién le escribo?",))],
        setup=wrote(LUCIA),
        check=nothing_sent,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_staff_message(case: Case, client, clock):
    org = salon()
    if case.setup:
        case.setup(org, clock, client)
    chat = Chat(client, org.whatsapp_number, case.who, "")
    for text, facts in case.lines:
        reply = chat.say(text)
        for fact in facts:
            assert fact in reply, f"{fact!r} missing after {text!r}\n{chat.transcript()}"
    if case.check:
        case.check(org, clock)


def test_another_business_appointment_is_out_of_reach(client, clock):
    ours, theirs = salon(), salon()
    day_of_sofia(theirs, clock)
    Chat(client, theirs.whatsapp_number, LUCIA).say("hola")
    reply = Chat(client, ours.whatsapp_number, ANA).say("mensaje #1: hola")
    assert "No encontré la cita #1" in reply
    assert "No encontré clientes" in Chat(client, ours.whatsapp_number, ANA).say(
        "mándale a Lucía Pérez: hola"
    )
    nothing_sent(ours, clock)


def send_to_lucia(client, org, clock, text="mensaje #1: trae tu foto") -> Chat:
    wrote(LUCIA)(org, clock, client)
    sofia = Chat(client, org.whatsapp_number, SOFIA)
    sofia.say(text)
    assert "se lo mandé" in sofia.say("sí")
    return sofia


def test_the_customers_answer_goes_to_the_staff_member_not_the_bot(client, clock):
    org = salon()
    sofia = send_to_lucia(client, org, clock)
    clock.advance(minutes=20)
    assert Chat(client, org.whatsapp_number, LUCIA).say("va, ahí la llevo 👍") == ""
    [forward] = Notification.select().where(Notification.kind == "customer_reply")
    assert forward.recipient == SOFIA and forward.staff_id == staff(org, "Sofía").id
    assert "Lucía Pérez te contestó" in forward.body and "va, ahí la llevo 👍" in forward.body
    lucia_chat = Conversation.get(Conversation.phone == LUCIA)
    said = Message.get(Message.conversation == lucia_chat, Message.body == "va, ahí la llevo 👍")
    assert said.direction == "in"  # shown in the dashboard's chat with her
    # Sofía answers the same way, without naming her again.
    assert "Le escribo a Lucía Pérez" in sofia.say("dile que gracias, te espero")
    sofia.say("sí")
    bodies = [n.body for n in Notification.select().where(Notification.kind == "staff_message")]
    assert len(bodies) == 2 and bodies[1].startswith("Gracias, te espero")


def test_after_the_set_time_the_bot_answers_again(client, clock):
    org = salon()
    send_to_lucia(client, org, clock)
    clock.advance(minutes=4 * 60 + 1)
    reply = Chat(client, org.whatsapp_number, LUCIA).say("hola")
    assert "Agendar una cita" in reply
    assert not Notification.select().where(Notification.kind == "customer_reply").exists()


def test_the_staff_member_gives_the_chat_back(client, clock):
    org = salon()
    sofia = send_to_lucia(client, org, clock)
    assert "Lucía Pérez vuelve a hablar con el asistente" in sofia.say("suelta a lucia")
    assert "Agendar una cita" in Chat(client, org.whatsapp_number, LUCIA).say("hola")
    assert "No tienes conversaciones abiertas" in sofia.say("suelta a Lucía")


def test_menu_from_the_customer_ends_the_relay(client, clock):
    org = salon()
    send_to_lucia(client, org, clock)
    assert "Agendar una cita" in Chat(client, org.whatsapp_number, LUCIA).say("menú")
    Chat(client, org.whatsapp_number, LUCIA).say("gracias")
    assert not Notification.select().where(Notification.kind == "customer_reply").exists()


@pytest.fixture
def with_template(settings, clock, database, fake_twilio):
    """The app and the jobs' runtime with an approved template for staff messages."""
    from scheduler import runtime as jobs_runtime
    from web import create_app

    configured = settings.replace(
        twilio={
            "api_base_url": fake_twilio.url,
            "timeout_seconds": 5.0,
            "templates": {**TEMPLATES, "staff_message": STAFF_MESSAGE_SID},
        }
    )
    app = create_app(configured, clock=clock)
    app.config["TESTING"] = True
    fake_twilio.clock = clock
    runtime = jobs_runtime.build(configured, clock=clock)
    jobs_runtime.configure(runtime)
    yield app.test_client(), runtime
    jobs_runtime.configure(None)


def test_outside_the_window_it_goes_as_the_approved_template(with_template, fake_twilio, clock):
    client, runtime = with_template
    org = salon()
    day_of_sofia(org, clock)
    fake_twilio.require_template(LUCIA)  # she never wrote: WhatsApp refuses free text
    sofia = Chat(client, org.whatsapp_number, SOFIA)
    assert "va como mensaje de plantilla" in sofia.say("mensaje #1: trae tu foto de referencia")
    sofia.say("sí")
    dispatch(runtime)
    [message] = fake_twilio.sent_to(LUCIA)
    assert message["content_sid"] == STAFF_MESSAGE_SID
    assert message["content_variables"] == {
        "1": "Sofía",
        "2": "Estética Luna",
        "3": "Trae tu foto de referencia",
    }
    assert Notification.get(Notification.kind == "staff_message").status == "sent"


def test_inside_the_window_the_text_goes_signed(with_template, fake_twilio, clock):
    client, runtime = with_template
    org = salon()
    day_of_sofia(org, clock)
    Chat(client, org.whatsapp_number, LUCIA).say("hola")
    sofia = Chat(client, org.whatsapp_number, SOFIA)
    assert "plantilla" not in sofia.say("mensaje #1: ya voy para allá")
    sofia.say("sí")
    dispatch(runtime)
    [message] = fake_twilio.sent_to(LUCIA)
    assert message["content_sid"] is None
    assert message["body"] == "Ya voy para allá\n— Sofía, Estética Luna"
    assert Customer.get(Customer.phone == LUCIA).opted_out_at is None
    row = Notification.get(Notification.kind == "staff_message")
    assert clock.now() - dt.timedelta(minutes=1) < row.created_at <= clock.now()
