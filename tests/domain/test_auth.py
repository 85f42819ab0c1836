"""Login links, codes, sessions and API tokens: hashed, single use, expiring, throttled."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from domain import auth
from domain.db import db
from domain.errors import InvalidInput
from domain.models import ApiToken, AuditLog, LoginCode, LoginSession, LoginToken, Notification
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
    sent = auth.send_login_links(ana.phone, operators=[], now=clock.now())
    assert sent == 2
    rows = list(Notification.select().where(Notification.kind == "login_link"))
    assert {n.recipient for n in rows} == {ana.phone}
    # The outbox holds no secret: the link is made when the message goes.
    assert all("[enlace de acceso]" in n.body and "/login/" not in n.body for n in rows)
    assert LoginToken.select().count() == 0


def test_the_link_is_made_when_the_message_goes_and_kept_only_as_a_hash(clock):
    ana = staff(salon(), "Ana")
    auth.send_login_links(ana.phone, operators=[], now=clock.now())
    row = Notification.get(Notification.kind == "login_link")
    message = auth.login_message(row, clock.now(), base_url="https://yume.mx", plain=True)
    raw = message.body.split("https://yume.mx/login/")[1].split()[0]
    assert LoginToken.get().token_hash == auth.digest(raw) and raw not in row.body
    assert auth.consume_login_token(raw, clock.now()).staff_id == ana.id


def test_outside_the_window_a_code_goes_in_the_authentication_template(clock):
    ana = staff(salon(), "Ana")
    auth.send_login_links(ana.phone, operators=[], now=clock.now())
    row = Notification.get(Notification.kind == "login_link")
    message = auth.login_message(row, clock.now(), base_url="https://x", plain=False)
    code = message.variables["1"]
    assert message.template == "login_code" and len(code) == 6 and code.isdigit()
    stored = LoginCode.get()
    assert code not in stored.code_hash and stored.expires_at == clock.now() + auth.CODE_LIFETIME
    used = auth.consume_login_code(ana.phone, code, address="10.0.0.1", now=clock.now())
    assert used.staff_id == ana.id
    with pytest.raises(InvalidInput):  # single use
        auth.consume_login_code(ana.phone, code, address="10.0.0.1", now=clock.now())


def test_a_code_expires_after_ten_minutes(clock):
    ana = staff(salon(), "Ana")
    code = auth.new_login_code(ana.phone, ana, clock.now())
    clock.advance(minutes=11)
    with pytest.raises(InvalidInput):
        auth.consume_login_code(ana.phone, code, address="10.0.0.1", now=clock.now())


def test_a_link_template_carries_the_token_as_the_buttons_suffix(clock):
    ana = staff(salon(), "Ana")
    auth.send_login_links(ana.phone, operators=[], now=clock.now())
    row = Notification.get(Notification.kind == "login_link")
    message = auth.login_message(
        row, clock.now(), base_url="https://x", plain=False, prefer="link"
    )
    assert message.template == "login_link"
    assert message.variables["1"] == "el panel de Estética Luna"
    assert auth.consume_login_token(message.variables["2"], clock.now()).staff_id == ana.id


def test_five_wrong_codes_lock_the_phone_even_for_the_right_code(clock):
    ana = staff(salon(), "Ana")
    code = auth.new_login_code(ana.phone, ana, clock.now())
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for attempt in range(auth.WRONG_CODES_PER_PHONE):
        with pytest.raises(InvalidInput):
            auth.consume_login_code(ana.phone, wrong, address=f"10.0.0.{attempt}", now=clock.now())
    with pytest.raises(auth.Throttled):
        auth.consume_login_code(ana.phone, code, address="10.9.9.9", now=clock.now())
    clock.advance(minutes=16)
    code = auth.new_login_code(ana.phone, ana, clock.now())
    assert auth.consume_login_code(ana.phone, code, address="10.9.9.9", now=clock.now())


def test_wrong_codes_from_one_address_lock_that_address_only(clock):
    org = salon()
    phones = [staff(org, name).phone for name in ("Ana", "Sofía", "Carlos")]
    for attempt in range(auth.WRONG_CODES_PER_ADDRESS):
        with pytest.raises((InvalidInput, auth.Throttled)):
            auth.consume_login_code(
                phones[attempt % 3], "000000", address="10.0.0.1", now=clock.now()
            )
    with pytest.raises(auth.Throttled):
        auth.consume_login_code(phones[0], "000000", address="10.0.0.1", now=clock.now())
    sofia = staff(org, "Sofía")
    code = auth.new_login_code(sofia.phone, sofia, clock.now())
    assert auth.consume_login_code(sofia.phone, code, address="10.0.0.2", now=clock.now())


def test_no_link_is_sent_to_a_phone_that_is_nobodys(clock):
    salon()
    sent = auth.send_login_links("+525599999999", operators=[], now=clock.now())
    assert sent == 0 and Notification.select().count() == 0 and LoginToken.select().count() == 0


def test_operators_get_a_link_without_a_business(clock):
    sent = auth.send_login_links("+525588887777", operators=["+525588887777"], now=clock.now())
    row = Notification.get()
    assert sent == 1 and row.staff is None and row.org is None


def test_a_phone_gets_at_most_three_links_per_fifteen_minutes(clock):
    ana = staff(salon(), "Ana")
    for _ in range(5):
        auth.send_login_links(ana.phone, operators=[], now=clock.now())
    assert Notification.select().count() == 3
    clock.advance(minutes=16)
    auth.send_login_links(ana.phone, operators=[], now=clock.now())
    assert Notification.select().count() == 4


def test_sessions_end_on_logout_everywhere_and_expire(clock):
    ana = staff(salon(), "Ana")
    idle, longest = dt.timedelta(hours=48), dt.timedelta(days=14)
    phone_session = auth.start_session(staff=ana, now=clock.now())
    laptop = auth.start_session(staff=ana, now=clock.now())
    assert auth.live_session(phone_session, clock.now(), idle=idle, longest=longest)
    auth.end_session(phone_session, clock.now())
    assert auth.live_session(phone_session, clock.now(), idle=idle, longest=longest) is None
    assert auth.live_session(laptop, clock.now(), idle=idle, longest=longest)
    auth.end_sessions(staff=ana, now=clock.now())
    assert auth.live_session(laptop, clock.now(), idle=idle, longest=longest) is None
    unused = auth.start_session(staff=ana, now=clock.now())
    clock.advance(hours=49)
    assert auth.live_session(unused, clock.now(), idle=idle, longest=longest) is None
    busy = auth.start_session(staff=ana, now=clock.now())
    for _ in range(15):
        clock.advance(days=1)
        alive = auth.live_session(busy, clock.now(), idle=idle, longest=longest)
    assert alive is None  # used every day, still over after 14 days
    assert LoginSession.select().where(LoginSession.token_hash == busy).count() == 0


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
