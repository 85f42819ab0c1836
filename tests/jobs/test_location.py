"""A customer who asks where the business is also gets WhatsApp's map pin, sent once."""

from __future__ import annotations

from domain.models import Notification
from tests.conversations.chat import Chat
from tests.factories import salon
from tests.jobs.helpers import dispatch

MARIANA = "+525530000001"


def test_asking_where_sends_the_text_and_then_a_map_pin(client, runtime, fake_twilio):
    org = salon()
    reply = Chat(client, org.whatsapp_number, MARIANA).say("dónde están ubicados?")
    assert "Álvaro Obregón 123" in reply and "google.com/maps" in reply
    dispatch(runtime)
    dispatch(runtime)
    [pin] = fake_twilio.messages
    assert pin["to"] == f"whatsapp:{MARIANA}"
    assert pin["persistent_action"] == (
        "geo:19.419150,-99.161750|Estética Luna — Av. Álvaro Obregón 123, Roma Norte, CDMX"
    )
    assert Notification.get(Notification.kind == "location").status == "sent"


def test_without_coordinates_only_the_address_goes(client, runtime, fake_twilio):
    org = salon(coordinates=None)
    reply = Chat(client, org.whatsapp_number, MARIANA).say("me pasas la dirección?")
    assert "Álvaro Obregón 123" in reply
    dispatch(runtime)
    assert fake_twilio.messages == []
    assert not Notification.select().where(Notification.kind == "location").exists()
