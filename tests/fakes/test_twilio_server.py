"""The fake Twilio server speaks well enough for the real `twilio` client to use it."""

from __future__ import annotations

import pytest
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client


@pytest.fixture
def client(fake_twilio):
    client = Client(fake_twilio.account_sid, fake_twilio.auth_token)
    client.api.base_url = fake_twilio.url
    return client


def test_a_message_is_created_listed_and_fetched(client, fake_twilio):
    created = client.messages.create(
        from_="whatsapp:+525550001000", to="whatsapp:+525530000001", body="Hola"
    )
    assert created.sid.startswith("SM") and created.status == "queued"
    listed = list(client.messages.page(to="whatsapp:+525530000001"))
    assert [m.sid for m in listed] == [created.sid] and listed[0].body == "Hola"
    assert listed[0].date_created is not None
    assert client.messages(created.sid).fetch().to == "whatsapp:+525530000001"
    assert fake_twilio.sent_to("+525530000001")[0]["body"] == "Hola"


def test_errors_carry_twilios_status_and_code(client, fake_twilio):
    fake_twilio.reject("+525530000009", 21211)
    with pytest.raises(TwilioRestException) as error:
        client.messages.create(
            from_="whatsapp:+525550001000", to="whatsapp:+525530000009", body="x"
        )
    assert (error.value.status, error.value.code) == (400, 21211)
    fake_twilio.fail_next(429)
    with pytest.raises(TwilioRestException) as error:
        client.messages.create(
            from_="whatsapp:+525550001000", to="whatsapp:+525530000001", body="x"
        )
    assert error.value.status == 429
    assert fake_twilio.messages == []


def test_wrong_credentials_are_refused(fake_twilio):
    client = Client(fake_twilio.account_sid, "not-the-token")
    client.api.base_url = fake_twilio.url
    with pytest.raises(TwilioRestException) as error:
        client.messages.create(
            from_="whatsapp:+525550001000", to="whatsapp:+525530000001", body="x"
        )
    assert (error.value.status, error.value.code) == (401, 20003)


def test_mexican_numbers_can_be_found_bought_and_pointed_at_a_webhook(client, fake_twilio):
    mobiles = client.available_phone_numbers("MX").mobile.list(area_code="55", limit=5)
    assert [n.phone_number for n in mobiles] == ["+525512340001", "+525512340002"]
    assert mobiles[0].iso_country == "MX"
    assert client.available_phone_numbers("MX").local.list(limit=10)
    bought = client.incoming_phone_numbers.create(
        phone_number="+525512340001",
        sms_url="https://yume.example.mx/webhooks/twilio",
        status_callback="https://yume.example.mx/webhooks/twilio/status",
    )
    assert bought.sid.startswith("PN") and bought.sms_url.endswith("/webhooks/twilio")
    updated = client.incoming_phone_numbers(bought.sid).update(
        sms_url="https://otro.example.mx/webhooks/twilio"
    )
    assert updated.sms_url == "https://otro.example.mx/webhooks/twilio"
    assert fake_twilio.numbers[bought.sid]["sms_url"] == "https://otro.example.mx/webhooks/twilio"
    remaining = client.available_phone_numbers("MX").mobile.list(area_code="55")
    assert [n.phone_number for n in remaining] == ["+525512340002"]
    with pytest.raises(TwilioRestException) as error:
        client.incoming_phone_numbers.create(phone_number="+525512340001")
    assert error.value.code == 21422
