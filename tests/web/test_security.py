"""The ways one person could become another, tried as an attacker would.

Each test is one path: an employee reading the owner's login link, an operator's link leaking
through a business's chat, a business making another's customer (or an operator) its staff, a
cookie forged with the public default key, a cookie replayed after logout, a role change or a
deactivation, and one address locking everyone out from behind a proxy.
"""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from domain.models import Conversation, Message, Notification, Staff
from domain.settings import SettingsError
from tests.conversations.chat import Chat
from tests.factories import salon, staff
from tests.jobs.helpers import dispatch
from tests.web.conftest import Visitor, text_of

PLATFORM = "+525500000000"
OPERATOR = "+525599990000"
CUSTOMER = "+525530000077"
TOKEN = re.compile(r"/login/([A-Za-z0-9_\-]{20,})")


@pytest.fixture
def settings(settings):
    return settings.replace(platform={"operators": [OPERATOR]})


@pytest.fixture
def org(database):
    return salon()


def everything_staff_can_read(visitor) -> str:
    """Every chat an employee's dashboard lists, opened, and the sent-messages page."""
    pages = [visitor.get("/panel/chats/"), visitor.get("/panel/mensajes/")]
    listing = pages[0].get_data(as_text=True)
    for chat_id in sorted(set(re.findall(r"/panel/chats/(\d+)", listing))):
        pages.append(visitor.get(f"/panel/chats/{chat_id}"))
    return "\n".join(page.get_data(as_text=True) for page in pages)


def all_stored_text() -> str:
    texts = [m.body + (m.reply or "") for m in Message.select()]
    texts += [n.body + str(n.variables) for n in Notification.select()]
    return "\n".join(texts)


# --- 1. login links in transcripts -----------------------------------------------------


def test_an_employee_cannot_read_the_owners_login_link(client, clock, org, runtime, fake_twilio):
    ana = staff(org, "Ana")
    # Ana writes *panel* to her business: the link comes back in the reply.
    reply = Chat(client, org.whatsapp_number, ana.phone, "Ana").say("panel")
    from_reply = TOKEN.search(reply).group(1)
    # Sofía asks for Ana's link on /login (anyone may); it goes to Ana's phone.
    sofia = Visitor(client, clock)
    sofia.post("/login", {"phone": ana.phone})
    dispatch(runtime)
    from_outbox = TOKEN.search(fake_twilio.sent_to(ana.phone)[-1]["body"]).group(1)
    sofia.login(staff(org, "Sofía"))
    readable = everything_staff_can_read(sofia)
    assert from_reply not in readable and from_outbox not in readable
    assert from_reply not in all_stored_text() and from_outbox not in all_stored_text()
    # Ana's own chat with the business is not another employee's to open.
    ana_chat = Conversation.get(Conversation.phone == ana.phone)
    assert sofia.get(f"/panel/chats/{ana_chat.id}").status_code == 404
    # The links still work for Ana.
    assert (
        Visitor(client.application.test_client(), clock)
        .post(f"/login/{from_outbox}")
        .headers["Location"]
        .endswith("/panel/agenda/")
    )


def test_an_operators_link_does_not_leak_through_a_business_chat(
    client, clock, database, runtime, fake_twilio
):
    shared = salon(whatsapp_number=None)  # its customers write to the platform's number
    # The operator once wrote to the platform's number with this business's code.
    Chat(client, PLATFORM, OPERATOR, "Op").say(f"hola {shared.code}")
    Chat(client, PLATFORM, OPERATOR, "Op").say("quiero ver horarios")
    Visitor(client, clock).post("/login", {"phone": OPERATOR})
    dispatch(runtime)  # the window is open: the operator just wrote
    token = TOKEN.search(fake_twilio.sent_to(OPERATOR)[-1]["body"]).group(1)
    employee = Visitor(client.application.test_client(), clock).login(staff(shared, "Sofía"))
    assert token not in everything_staff_can_read(employee)
    assert token not in all_stored_text()
    chats = Conversation.select().where(Conversation.org == shared)
    shown = Message.select().where(Message.conversation.in_(chats))
    assert not any("administración de Yume" in m.body for m in shown)


# --- 2. staff without consent --------------------------------------------------------------


def test_a_business_cannot_make_another_businesss_customer_its_staff(client, clock, database):
    luna = salon(whatsapp_number=None)  # shared number: chats run on the platform's number
    rival = salon()
    customer = Chat(client, PLATFORM, CUSTOMER, "Mariana")
    assert "Estética Luna" in customer.say(f"Hola {luna.code}")
    customer.say("quiero un corte de dama mañana a las 5")
    chat = Conversation.get(Conversation.phone == CUSTOMER)
    owner = Visitor(client, clock).login(staff(rival, "Ana"))
    added = owner.post(
        "/panel/equipo/nuevo",
        {"name": "Mariana", "phone": CUSTOMER, "role": "employee", "active": "1"},
    )
    assert added.status_code == 303
    customer.say("sí")  # still confirming her booking with Luna, not joining the rival
    assert Conversation.get_by_id(chat.id).org_id == luna.id
    assert not Staff.select().where(Staff.phone == CUSTOMER).exists()
    assert owner.get(f"/panel/chats/{chat.id}").status_code == 404
    assert "corte de dama" not in text_of(owner.get("/panel/chats/"))
    # Her phone is asked, and only her "sí" to the invitation makes her staff.
    invitation = Notification.get(Notification.kind == "staff_invitation")
    assert invitation.recipient == CUSTOMER and invitation.org_id == rival.id


def test_an_operators_phone_joins_a_team_only_by_accepting(client, clock, database):
    org = salon()
    owner = Visitor(client, clock).login(staff(org, "Ana"))
    owner.post(
        "/panel/equipo/nuevo",
        {"name": "Operador", "phone": OPERATOR, "role": "owner", "active": "1"},
    )
    Visitor(client.application.test_client(), clock).post("/login", {"phone": OPERATOR})
    asked = Notification.select().where(
        Notification.recipient == OPERATOR, Notification.kind == "login_link"
    )
    assert [n.org_id for n in asked] == [None]  # the operator only, not the business's owner
    reply = Chat(client, org.whatsapp_number, OPERATOR, "Op").say("sí")
    assert "Ya eres parte del equipo de Estética Luna" in reply
    assert Staff.get(Staff.phone == OPERATOR).org_id == org.id


def test_an_owner_writing_another_businesss_code_reaches_that_business(client, database):
    mine = salon(whatsapp_number=None)
    theirs = salon(whatsapp_number=None, name="Barbería El Güero")
    Staff.update(phone=None).where(Staff.org == theirs).execute()  # Ana is not staff there
    ana = staff(mine, "Ana")
    reply = Chat(client, PLATFORM, ana.phone, "Ana").say(f"Hola {theirs.code}")
    assert "Barbería El Güero" in reply and "Comandos" not in reply
    chat = Conversation.get((Conversation.phone == ana.phone) & Conversation.current)
    assert chat.org_id == theirs.id and chat.role == "customer"


# --- 3. the public default secret key ----------------------------------------------------


def forge(key: str, data: dict) -> str:
    """A session cookie signed with key, as anyone who read the repository could make."""
    app = Flask("forger")
    app.secret_key = key
    return SecureCookieSessionInterface().get_signing_serializer(app).dumps(data)


def test_production_refuses_to_start_without_a_proper_secret_key(settings, clock):
    from web import create_app

    for key in ("", "dev-only-change-me", "too-short"):
        with pytest.raises(SettingsError, match="SECRET_KEY"):
            create_app(settings.replace(app={"secret_key": key}), clock=clock)


def test_a_cookie_forged_with_the_default_key_opens_nothing(database_url, clock, org):
    """`make run` with no setup at all: the shipped config.yaml, no SECRET_KEY."""
    from domain.settings import load_settings
    from web import create_app

    fresh = load_settings(environ={"DATABASE_URL": database_url})
    client = create_app(fresh, clock=clock).test_client()
    ana = staff(org, "Ana")
    for data in ({"staff_id": ana.id}, {"operator": OPERATOR}):
        client.set_cookie("yume_session", forge("dev-only-change-me", data))
        assert client.get("/panel/agenda/").status_code == 302
        assert client.get("/admin/").status_code == 302


# --- 4. sessions that end ------------------------------------------------------------------


def copied_session(visitor) -> str:
    return visitor.client.get_cookie("yume_session").value


def replay(app, cookie: str):
    thief = app.test_client()
    thief.set_cookie("yume_session", cookie)
    return thief.get("/panel/agenda/")


def test_a_cookie_copied_before_logout_opens_nothing_after(app, visitor, org):
    visitor.login(staff(org, "Ana"))
    cookie = copied_session(visitor)
    assert replay(app, cookie).status_code == 200
    visitor.post("/logout")
    assert replay(app, cookie).status_code == 302


def test_a_role_change_ends_the_members_sessions(app, client, clock, org):
    sofia = staff(org, "Sofía")
    stolen = copied_session(Visitor(app.test_client(), clock).login(sofia))
    owner = Visitor(client, clock).login(staff(org, "Ana"))
    owner.post(
        f"/panel/equipo/{sofia.id}",
        {"name": "Sofía", "phone": sofia.phone, "role": "owner", "active": "1"},
    )
    assert Staff.get_by_id(sofia.id).role == "owner"
    assert replay(app, stolen).status_code == 302


def test_a_deactivation_ends_the_members_sessions_for_good(app, client, clock, org):
    sofia = staff(org, "Sofía")
    stolen = copied_session(Visitor(app.test_client(), clock).login(sofia))
    owner = Visitor(client, clock).login(staff(org, "Ana"))
    form = {"name": "Sofía", "phone": sofia.phone, "role": "employee"}
    owner.post(f"/panel/equipo/{sofia.id}", form)  # unticked: inactive
    owner.post(f"/panel/equipo/{sofia.id}", {**form, "active": "1"})  # and back
    assert Staff.get_by_id(sofia.id).active
    assert replay(app, stolen).status_code == 302


def test_logging_out_everywhere_ends_every_device(app, clock, org):
    ana = staff(org, "Ana")
    phone = Visitor(app.test_client(), clock).login(ana)
    laptop = copied_session(Visitor(app.test_client(), clock).login(ana))
    phone.post("/logout/todos")
    assert replay(app, laptop).status_code == 302


# --- behind a proxy ------------------------------------------------------------------------


def test_a_burst_from_one_address_behind_a_proxy_locks_out_only_that_address(settings, clock, org):
    from web import create_app

    app = create_app(settings.replace(app={"trusted_proxies": 1}), clock=clock)
    abuser = Visitor(app.test_client(), clock)
    answers = [
        abuser.post(
            "/login",
            {"phone": "55 1111 0001"},
            headers={"X-Forwarded-For": "203.0.113.9"},
        )
        for _ in range(25)
    ]
    limit = int(settings.app.login_rate_limit.split()[0])
    assert [a.status_code for a in answers[:limit]] == [200] * limit
    assert {a.status_code for a in answers[limit:]} == {429}
    assert int(answers[-1].headers["Retry-After"]) > 0
    owner = Visitor(app.test_client(), clock)
    other = owner.post(
        "/login", {"phone": "55 1111 0002"}, headers={"X-Forwarded-For": "198.51.100.4"}
    )
    assert other.status_code == 200 and "te mandamos un enlace" in text_of(other)
