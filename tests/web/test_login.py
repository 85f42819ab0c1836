"""Logging in by WhatsApp link, sessions, CSRF, throttling and roles."""

from __future__ import annotations

import re

import pytest

from domain.auth import issue_login_token
from domain.models import AuditLog, Message, Notification, Staff
from tests.factories import staff
from tests.jobs.helpers import dispatch, wrote_at
from tests.web.conftest import text_of


def test_pages_need_a_login(client, org):
    response = client.get("/panel/agenda/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_entering_a_phone_sends_a_link_through_the_outbox(visitor, org, runtime, fake_twilio):
    wrote_at(org, "+525511110001", runtime.clock.now())  # Ana wrote today: the window is open
    response = visitor.post("/login", {"phone": "55 1111 0001"})
    assert response.status_code == 200
    assert "te mandamos un enlace" in text_of(response)
    queued = Notification.get(Notification.kind == "login_link")
    assert queued.recipient == "+525511110001" and "/login/" not in queued.body
    dispatch(runtime)
    [delivered] = fake_twilio.sent_to("+525511110001")
    link = re.search(r"https://yume\.example\.mx/login/(\S+)", delivered["body"]).group(1)
    assert visitor.get(f"/login/{link}").status_code == 200
    entered = visitor.post(f"/login/{link}")
    assert entered.status_code == 302 and entered.headers["Location"].endswith("/panel/agenda/")
    assert "Estética Luna" in text_of(visitor.get("/panel/agenda/"))
    # What stays behind (outbox, transcript) shows a placeholder, never the link.
    assert link not in Notification.get_by_id(queued.id).body
    assert all(link not in m.body for m in Message.select())


def test_an_unknown_phone_gets_the_same_answer_and_nothing_is_sent(visitor, org):
    response = visitor.post("/login", {"phone": "55 9999 0000"})
    assert response.status_code == 200 and "te mandamos un enlace" in text_of(response)
    assert Notification.select().count() == 0


def test_a_bad_phone_is_refused_in_spanish(visitor, org):
    response = visitor.post("/login", {"phone": "123"})
    assert response.status_code == 422
    assert "no parece válido" in text_of(response)


def test_opening_a_link_does_not_spend_it(visitor, org, clock):
    ana = staff(org, "Ana")
    raw = issue_login_token(ana.phone, ana, clock.now())
    for _ in range(3):  # link previews fetch it
        assert visitor.get(f"/login/{raw}").status_code == 200
    assert visitor.post(f"/login/{raw}").status_code == 302


def test_a_link_works_once_and_expires(visitor, org, clock):
    ana = staff(org, "Ana")
    raw = issue_login_token(ana.phone, ana, clock.now())
    assert visitor.post(f"/login/{raw}").status_code == 302
    visitor.post("/logout")
    again = visitor.post(f"/login/{raw}")
    assert again.status_code == 400 and "ya no sirve" in text_of(again)
    late = issue_login_token(ana.phone, ana, clock.now())
    clock.advance(minutes=16)
    assert visitor.post(f"/login/{late}").status_code == 400


def test_logout_clears_the_session(owner):
    assert owner.get("/panel/agenda/").status_code == 200
    assert owner.post("/logout").status_code == 302
    assert owner.get("/panel/agenda/").status_code == 302


def test_a_form_without_the_csrf_token_is_refused(owner):
    response = owner.client.post("/panel/clientes/1/nota", data={"note": "x"})
    assert response.status_code == 400 and "expiró" in text_of(response)


def test_a_link_of_a_deactivated_member_opens_nothing(visitor, org, clock):
    sofia = staff(org, "Sofía")
    raw = issue_login_token(sofia.phone, sofia, clock.now())
    Staff.update(active=False).where(Staff.id == sofia.id).execute()
    assert visitor.post(f"/login/{raw}").status_code == 400


def test_deactivating_a_member_ends_their_session(employee, org):
    Staff.update(active=False).where(Staff.id == staff(org, "Sofía").id).execute()
    assert employee.get("/panel/agenda/").status_code == 302


def test_too_many_attempts_from_one_address_are_refused(visitor, org):
    for _ in range(20):
        visitor.post("/login", {"phone": "55 9999 0000"})
    response = visitor.post("/login", {"phone": "55 1111 0001"})
    assert response.status_code == 429 and "Demasiados intentos" in text_of(response)
    assert Notification.select().count() == 0


def test_session_cookie_is_httponly_lax_and_secure_on_https(visitor, org, clock):
    ana = staff(org, "Ana")
    raw = issue_login_token(ana.phone, ana, clock.now())
    visitor.get(f"/login/{raw}")
    response = visitor.post(f"/login/{raw}")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_logins_are_audited(owner, org):
    assert AuditLog.select().where(AuditLog.action == "login", AuditLog.org == org).count() == 1


@pytest.mark.parametrize("path", ["/admin/", "/admin/conversaciones"])
def test_staff_cannot_see_the_platform_admin(owner, path):
    assert owner.get(path).status_code == 404
