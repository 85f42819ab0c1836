"""The Twilio webhook: signatures, retries, odd fields, odd messages, floods and failures."""

from __future__ import annotations

import pytest

from domain.models import (
    Appointment,
    Conversation,
    Customer,
    Location,
    LoginToken,
    Message,
    Staff,
)
from tests.conftest import PUBLIC_URL
from tests.conversations.chat import Chat, post, replies, twilio_form
from tests.factories import salon

ME = "+525530000001"


@pytest.fixture
def org(database):
    return salon()


def test_a_forged_request_gets_403_and_nothing_is_stored(client, org):
    form = twilio_form(ME, org.whatsapp_number, "hola")
    response = post(client, form, signature="c29tZXRoaW5nIGVsc2U=")
    assert response.status_code == 403
    assert Message.select().count() == 0 and Customer.select().count() == 0


def test_a_missing_signature_gets_403(client, org):
    form = twilio_form(ME, org.whatsapp_number, "hola")
    assert client.post("/webhooks/twilio", data=form).status_code == 403
    assert Message.select().count() == 0


def test_the_signature_is_checked_against_the_public_url_behind_the_proxy(client, org):
    from bot.channels.twilio import sign
    from tests.conftest import TWILIO_TOKEN

    form = twilio_form(ME, org.whatsapp_number, "hola")
    as_flask_sees_it = sign(TWILIO_TOKEN, "http://localhost/webhooks/twilio", form)
    assert post(client, form, signature=as_flask_sees_it).status_code == 403
    as_twilio_signs_it = sign(TWILIO_TOKEN, PUBLIC_URL + "/webhooks/twilio", form)
    assert post(client, form, signature=as_twilio_signs_it).status_code == 200


LOOPBACK = {"auth_token": "", "account_sid": ""}


def test_on_a_loopback_address_without_a_token_no_signature_is_needed(settings, clock, database):
    from web import create_app

    local = settings.replace(app={"public_base_url": "http://127.0.0.1:5000"}, twilio=LOOPBACK)
    app = create_app(local, clock=clock)
    org = salon()
    form = twilio_form(ME, org.whatsapp_number, "hola")
    response = app.test_client().post("/webhooks/twilio", data=form)
    assert response.status_code == 200 and "Estética Luna" in replies(response)[0]


def test_on_a_public_host_without_a_token_an_unsigned_post_as_the_owner_gets_403(
    settings, clock, database, caplog
):
    """The attack of a first deployment: Twilio not configured yet, the address public."""
    from web import create_app

    app = create_app(settings.replace(twilio=LOOPBACK), clock=clock)
    assert "without TWILIO_AUTH_TOKEN" in caplog.text  # said at startup, with what to set
    org = salon()
    owner = org.staff.where(Staff.role == "owner").get()
    form = twilio_form(owner.phone, org.whatsapp_number, "panel")
    response = app.test_client().post("/webhooks/twilio", data=form)
    assert response.status_code == 403 and "/login/" not in response.get_data(as_text=True)
    assert Message.select().count() == 0 and Conversation.select().count() == 0
    assert LoginToken.select().count() == 0


def test_a_twilio_retry_gets_the_same_reply_and_runs_nothing_twice(client, org):
    chat = Chat(client, org.whatsapp_number, ME)
    chat.say("corte de dama mañana a las 5 con Sofía")
    chat.say("si")
    final = twilio_form(ME, org.whatsapp_number, "Mariana López", "Mariana")
    first = post(client, final)
    again = post(client, final)
    assert replies(first) == replies(again) and "Listo" in replies(first)[0]
    assert Appointment.select().count() == 1
    assert Message.select().where(Message.sid == final["MessageSid"]).count() == 1


def test_an_unknown_business_number_gets_a_polite_answer(client, database):
    response = post(client, twilio_form(ME, "+525599998888", "hola"))
    assert response.status_code == 200
    assert "todavía no atiende citas" in replies(response)[0]
    stored = Message.get()
    assert stored.org_id is None and stored.body == "hola"


def test_fields_twilio_adds_without_notice_are_accepted(client, org):
    form = twilio_form(
        ME,
        org.whatsapp_number,
        "hola",
        MessagingServiceSid="MG" + "1" * 32,
        ChannelMetadata='{"type":"whatsapp"}',
        ReferralNumMedia="0",
        SomethingNew="x",
    )
    assert post(client, form).status_code == 200
    assert Message.get().payload["SomethingNew"] == "x"


def test_a_photo_without_text_gets_a_short_answer_and_is_kept(client, org):
    form = twilio_form(
        ME,
        org.whatsapp_number,
        "",
        NumMedia="1",
        MediaContentType0="image/jpeg",
        MediaUrl0="https://api.twilio.com/x.jpg",
    )
    response = post(client, form)
    assert "solo puedo leer texto" in replies(response)[0]
    assert Message.get(Message.direction == "in").num_media == 1


def test_a_location_pin_gets_the_same_short_answer(client, org):
    form = twilio_form(ME, org.whatsapp_number, "", Latitude="19.41", Longitude="-99.16")
    assert "solo puedo leer texto" in replies(post(client, form))[0]


def test_five_thousand_characters_are_stored_whole_and_answered(client, org):
    text = ("quiero una cita por favor " * 200)[:5000]
    response = post(client, twilio_form(ME, org.whatsapp_number, text))
    assert response.status_code == 200 and replies(response)
    assert len(Message.get(Message.direction == "in").body) == 5000


def test_a_flood_is_throttled_quietly_and_every_message_kept(client, org, settings):
    limit = settings.app.flood_limit_per_minute
    answers = [
        replies(post(client, twilio_form(ME, org.whatsapp_number, f"hola {i}")))
        for i in range(limit + 3)
    ]
    assert all(a for a in answers[:limit])
    assert "muchos mensajes seguidos" in answers[limit][0]
    assert answers[limit + 1] == [] and answers[limit + 2] == []
    assert Message.select().where(Message.direction == "in").count() == limit + 3


def test_a_long_reply_is_split_below_whatsapps_limit(client, org, clock):
    from domain import booking
    from tests.conftest import local
    from tests.factories import customer, service, staff

    me = customer(org, "Mariana López", ME)
    for day in range(3, 31):
        for at in ("12:00", "15:00"):
            if local(f"2026-12-{day:02d}", at).weekday() < 5:
                booking.book(
                    org,
                    customer=me,
                    service=service(org, "Corte de caballero"),
                    staff=staff(org, "Carlos"),
                    start=local(f"2026-12-{day:02d}", at),
                    clock=clock,
                )
    parts = replies(post(client, twilio_form(ME, org.whatsapp_number, "mis citas")))
    assert len(parts) >= 2 and all(len(p) < 1600 for p in parts)
    assert sum(p.count("Corte de caballero") for p in parts) == Appointment.select().count()


def test_a_failure_while_answering_apologises_and_writes_nothing_half_way(client, org):
    chat = Chat(client, org.whatsapp_number, ME)
    chat.say("quiero agendar")
    before = Conversation.get(Conversation.phone == ME)
    Location.update(active=False).execute()  # a broken setup: the business has no location
    reply = chat.say("manicure")
    assert "tuve un problema" in reply
    after = Conversation.get(Conversation.phone == ME)
    assert (after.state, after.slots) == (before.state, before.slots)
    stored = Message.get(Message.body == "manicure")
    assert stored.status == "failed"


def test_a_state_from_an_older_version_starts_over(client, org):
    chat = Chat(client, org.whatsapp_number, ME)
    chat.say("quiero agendar")
    Conversation.update(state="awaiting_something_removed").execute()
    assert "1. Agendar una cita" in chat.say("hola")


def test_control_characters_are_dropped_not_fatal(client, org):
    response = post(client, twilio_form(ME, org.whatsapp_number, "ho\x00la\x07", "Ma\x00ri"))
    assert response.status_code == 200 and replies(response)
    stored = Message.get(Message.direction == "in")
    assert stored.body == "hola"
