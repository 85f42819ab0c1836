"""Twilio's signed delivery reports move a notification forward, whatever their order."""

from __future__ import annotations

import pytest

from domain.models import Message, Notification
from tests.conftest import PUBLIC_URL
from tests.factories import salon
from tests.jobs.helpers import dispatch, impatient, notify, reload

ANA = "+525511110001"


@pytest.fixture
def sent(runtime, fake_twilio, clock):
    """A notice the dispatcher sent, and Twilio's record of it."""
    row = notify(salon(), ANA, "Nueva cita #1", clock.now())
    dispatch(runtime)
    return reload(row), fake_twilio.messages[0]


def report(client, fake_twilio, message, status, **extra):
    path, form, headers = fake_twilio.callback(message, status, base_url=PUBLIC_URL, **extra)
    return client.post(path, data=form, headers=headers)


def test_delivered_then_read_are_recorded(client, fake_twilio, sent):
    row, message = sent
    assert report(client, fake_twilio, message, "delivered").status_code == 204
    assert (reload(row).status, reload(row).delivery_status) == ("delivered", "delivered")
    report(client, fake_twilio, message, "read")
    assert reload(row).status == "read"
    assert Message.get(Message.sid == message["sid"]).status == "read"


def test_reports_out_of_order_never_move_a_notice_backwards(client, fake_twilio, sent):
    row, message = sent
    for status in ("read", "delivered", "sent", "queued"):
        report(client, fake_twilio, message, status)
    assert (reload(row).status, reload(row).delivery_status) == ("read", "read")
    assert Message.get(Message.sid == message["sid"]).status == "read"


def test_a_failed_delivery_is_recorded_with_its_reason(client, fake_twilio, sent):
    row, message = sent
    report(client, fake_twilio, message, "undelivered", error_code=63016)
    failed = reload(row)
    assert (failed.status, failed.delivery_status) == ("failed", "undelivered")
    assert failed.last_error == (
        "fuera de la ventana de 24 horas de WhatsApp: se necesita una plantilla aprobada "
        "(Twilio 63016)"
    )
    report(client, fake_twilio, message, "sent")  # older news
    assert reload(row).status == "failed"


@pytest.mark.parametrize("signature", ["", "bm90IGEgc2lnbmF0dXJl"])
def test_an_unsigned_or_forged_report_is_refused_and_changes_nothing(
    client, fake_twilio, sent, signature
):
    row, message = sent
    path, form, _ = fake_twilio.callback(message, "read", base_url=PUBLIC_URL)
    response = client.post(path, data=form, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403
    assert reload(row).status == "sent"


def test_a_report_signed_for_another_notification_is_refused(client, fake_twilio, sent):
    row, message = sent
    path, form, headers = fake_twilio.callback(message, "read", base_url=PUBLIC_URL)
    response = client.post(path.replace(f"n={row.id}", "n=999"), data=form, headers=headers)
    assert response.status_code == 403


def test_a_report_that_beats_the_dispatcher_completes_the_notice(
    client, runtime, fake_twilio, clock
):
    row = notify(salon(), ANA, "Nueva cita #1", clock.now())
    fake_twilio.delay_next(2.0, accepted=True)  # Twilio took it; the answer is lost
    dispatch(impatient(runtime))
    assert reload(row).status == "sending" and reload(row).provider_sid is None
    report(client, fake_twilio, fake_twilio.messages[0], "delivered")
    done = reload(row)
    assert (done.status, done.provider_sid) == ("delivered", fake_twilio.messages[0]["sid"])
    assert Message.get(Message.sid == done.provider_sid).body == "Nueva cita #1"
    clock.advance(hours=1)
    dispatch(runtime)
    assert len(fake_twilio.message_requests()) == 1 and fake_twilio.lookups() == []


def test_a_report_about_an_unknown_message_is_accepted_and_ignored(client, fake_twilio, sent):
    row, message = sent
    stranger = {
        **message,
        "sid": "SM" + "f" * 32,
        "status_callback": f"{PUBLIC_URL}/webhooks/twilio/status",
    }
    assert report(client, fake_twilio, stranger, "read").status_code == 204
    assert reload(row).status == "sent"


def test_a_second_message_reported_for_a_notice_does_not_overwrite_the_first(
    client, fake_twilio, sent
):
    row, message = sent
    duplicate = {**message, "sid": "SM" + "e" * 32}
    report(client, fake_twilio, duplicate, "read")
    assert (reload(row).status, reload(row).provider_sid) == ("sent", message["sid"])


def test_without_an_auth_token_reports_are_taken_unsigned_on_loopback(app, fake_twilio, sent):
    local = "http://127.0.0.1:5000"
    app.config["YUME"] = app.config["YUME"].replace(
        app={"public_base_url": local}, twilio={"auth_token": ""}
    )
    row, message = sent
    path, form, _ = fake_twilio.callback(message, "delivered", base_url=PUBLIC_URL)
    assert app.test_client().post(path, data=form).status_code == 204
    assert Notification.get_by_id(row.id).status == "delivered"


def test_without_an_auth_token_reports_are_refused_on_a_public_host(app, fake_twilio, sent):
    app.config["YUME"] = app.config["YUME"].replace(twilio={"auth_token": ""})
    row, message = sent
    path, form, _ = fake_twilio.callback(message, "delivered", base_url=PUBLIC_URL)
    assert app.test_client().post(path, data=form).status_code == 403
    assert Notification.get_by_id(row.id).status != "delivered"
