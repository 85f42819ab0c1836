"""Magic login links and API tokens: hashed, single use, expiring, throttled."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from domain import auth
from domain.db import db
from domain.models import ApiToken, AuditLog, LoginToken, Notification
from tests.factories import salon, staff

pytestmark = pytest.mark.usefixtures("database")


def test_a_login_token_is_stored_only_as_its_hash(clock):
    ana = staff(salon(), "Ana")
    raw = auth.issue_login_token(ana.phone, ana, clock.now())
    row = LoginToken.get()
    assert raw not in row.token_hash and row.token_hash == auth.digest(raw)
    assert row.expires_at == clock.now() + dt.timedelta(minutes=15)


def test_a_login_token_works_once(clock):
    ana = staff(salon(), "Ana")
    raw = auth.issue_login_token(ana.phone, ana, clock.now())
    used = auth.consume_login_token(raw, clock.now())
    assert used.staff_id == ana.id
    assert auth.consume_login_token(raw, clock.now()) is None


def test_a_login_token_expires_after_fifteen_minutes(clock):
    ana = staff(salon(), "Ana")
    raw = auth.issue_login_token(ana.phone, ana, clock.now())
    clock.advance(minutes=15)
    assert auth.consume_login_token(raw, clock.now()) is None


def test_an_unknown_token_opens_nothing(clock):
    assert auth.consume_login_token("made-up", clock.now()) is None
    assert auth.consume_login_token("", clock.now()) is None


def test_two_concurrent_uses_of_one_link_let_exactly_one_in(clock):
    ana = staff(salon(), "Ana")
    raw = auth.issue_login_token(ana.phone, ana, clock.now())
    db.close()
    gate = threading.Barrier(8)

    def use(_):
        try:
            gate.wait()
            return auth.consume_login_token(raw, clock.now())
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(use, range(8)))
    assert len([r for r in results if r is not None]) == 1


def test_login_links_go_through_the_outbox_to_each_business_of_the_phone(clock):
    first, _second = salon(), salon()  # the demo's Ana owns both
    ana = staff(first, "Ana")
    sent = auth.send_login_links(
        ana.phone, operators=[], base_url="https://yume.example.mx", now=clock.now()
    )
    assert sent == 2
    bodies = [n.body for n in Notification.select().where(Notification.kind == "login_link")]
    assert all("https://yume.example.mx/login/" in body for body in bodies)
    assert {n.recipient for n in Notification.select()} == {ana.phone}


def test_no_link_is_sent_to_a_phone_that_is_nobodys(clock):
    salon()
    sent = auth.send_login_links(
        "+525599999999", operators=[], base_url="https://x", now=clock.now()
    )
    assert sent == 0 and Notification.select().count() == 0 and LoginToken.select().count() == 0


def test_operators_get_a_link_without_a_business(clock):
    sent = auth.send_login_links(
        "+525588887777", operators=["+525588887777"], base_url="https://x", now=clock.now()
    )
    assert sent == 1 and LoginToken.get().staff is None


def test_a_phone_gets_at_most_three_links_per_fifteen_minutes(clock):
    ana = staff(salon(), "Ana")
    for _ in range(5):
        auth.send_login_links(ana.phone, operators=[], base_url="https://x", now=clock.now())
    assert Notification.select().count() == 3
    clock.advance(minutes=16)
    auth.send_login_links(ana.phone, operators=[], base_url="https://x", now=clock.now())
    assert Notification.select().count() == 4


def test_an_address_is_throttled_after_twenty_attempts(clock):
    for _ in range(auth.ATTEMPTS_PER_ADDRESS):
        auth.check_address("10.0.0.1", clock.now())
    with pytest.raises(auth.Throttled):
        auth.check_address("10.0.0.1", clock.now())
    auth.check_address("10.0.0.2", clock.now())  # another address is unaffected
    clock.advance(minutes=16)
    auth.check_address("10.0.0.1", clock.now())
    assert AuditLog.select().where(AuditLog.action == "login_attempt").count() == 22


def test_api_tokens_are_hashed_and_revocable(clock):
    org = salon()
    token, raw = auth.create_api_token(org, "Página web", clock.now())
    assert raw.startswith("yume_") and ApiToken.get().token_hash == auth.digest(raw)
    assert auth.api_token_for(raw, clock.now()).org_id == org.id
    auth.revoke_api_token(org, token.id, clock.now())
    assert auth.api_token_for(raw, clock.now()) is None


def test_a_token_of_another_business_cannot_be_revoked(clock):
    token, _raw = auth.create_api_token(salon(), "web", clock.now())
    with pytest.raises(auth.NotFound):
        auth.revoke_api_token(salon(), token.id, clock.now())
