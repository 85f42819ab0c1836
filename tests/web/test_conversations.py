"""Chats: transcripts, the hand-off queue, replying as a person, handing back."""

from __future__ import annotations

import datetime as dt

from domain.models import AuditLog, Conversation, Message, Notification
from tests.factories import customer
from tests.web.conftest import text_of


def chat(org, clock, *, handed_off=False, phone="+525530000001"):
    now = clock.now()
    conversation = Conversation.create(
        channel_number=org.whatsapp_number,
        phone=phone,
        org=org,
        handoff_until=now + dt.timedelta(hours=1) if handed_off else None,
        last_inbound_at=now - dt.timedelta(minutes=5),
        created_at=now,
        updated_at=now,
    )
    Message.create(
        org=org,
        conversation=conversation,
        direction="in",
        from_number=phone,
        to_number=org.whatsapp_number,
        body="quiero hablar con alguien",
        reply="Le aviso al equipo; en un momento te escriben.",
        created_at=now - dt.timedelta(minutes=5),
    )
    return conversation


def test_the_queue_lists_chats_waiting_for_a_person(owner, org, clock):
    customer(org, "Lucía Pérez", "+525530000001")
    chat(org, clock, handed_off=True)
    chat(org, clock, phone="+525530000002")
    page = text_of(owner.get("/panel/chats/"))
    waiting = page.split("Esperando a una persona")[1].split("Recientes")[0]
    assert "Lucía Pérez" in waiting and "+525530000002" not in waiting


def test_the_transcript_shows_both_sides(owner, org, clock):
    conversation = chat(org, clock)
    page = text_of(owner.get(f"/panel/chats/{conversation.id}"))
    assert "quiero hablar con alguien" in page and "Le aviso al equipo" in page


def test_taking_over_quiets_the_bot_and_records_who(owner, org, clock):
    conversation = chat(org, clock)
    assert owner.post(f"/panel/chats/{conversation.id}/tomar").status_code == 303
    taken = Conversation.get_by_id(conversation.id)
    assert taken.handoff_until == clock.now() + dt.timedelta(hours=12)
    assert AuditLog.get(AuditLog.action == "handoff_take").detail["name"] == "Ana"
    assert "Atiende Ana" in text_of(owner.get(f"/panel/chats/{conversation.id}"))


def test_replying_as_a_person_goes_through_the_outbox_once(owner, org, clock):
    conversation = chat(org, clock, handed_off=True)
    url = f"/panel/chats/{conversation.id}/responder"
    form = {"body": "Hola Lucía, soy Ana. ¿Te queda el jueves?", "nonce": "abc"}
    owner.post(url, form)
    owner.post(url, form)  # a double tap sends the same form twice
    sent = Notification.get(Notification.kind == "agent_reply")
    assert sent.recipient == "+525530000001" and sent.body.startswith("Hola Lucía")
    assert Notification.select().count() == 1
    stored = Message.get(Message.direction == "out")
    assert stored.body == sent.body and stored.conversation_id == conversation.id
    assert "¿Te queda el jueves?" in text_of(owner.get(f"/panel/chats/{conversation.id}"))


def test_an_empty_reply_is_refused(owner, org, clock):
    conversation = chat(org, clock, handed_off=True)
    response = owner.post(f"/panel/chats/{conversation.id}/responder", {"body": "  "})
    assert response.status_code == 422 and "Escribe el mensaje" in text_of(response)
    assert Notification.select().count() == 0


def test_a_late_reply_warns_about_whatsapps_window(owner, org, clock):
    conversation = chat(org, clock, handed_off=True)
    clock.advance(hours=25)
    Conversation.update(handoff_until=clock.now() + dt.timedelta(hours=1)).execute()
    assert "más de 24 horas" in text_of(owner.get(f"/panel/chats/{conversation.id}"))


def test_handing_back_gives_the_chat_to_the_bot(owner, org, clock):
    conversation = chat(org, clock, handed_off=True)
    owner.post(f"/panel/chats/{conversation.id}/devolver")
    assert Conversation.get_by_id(conversation.id).handoff_until is None


def test_employees_read_chats_but_do_not_take_them(employee, org, clock):
    conversation = chat(org, clock)
    page = text_of(employee.get(f"/panel/chats/{conversation.id}"))
    assert "quiero hablar con alguien" in page and "Tomar la conversación" not in page
    assert employee.post(f"/panel/chats/{conversation.id}/tomar").status_code == 403
    assert Conversation.get_by_id(conversation.id).handoff_until is None


def test_another_business_cannot_read_or_answer_a_chat(stranger, org, clock):
    conversation = chat(org, clock, handed_off=True)
    assert stranger.get(f"/panel/chats/{conversation.id}").status_code == 404
    response = stranger.post(f"/panel/chats/{conversation.id}/responder", {"body": "hola"})
    assert response.status_code == 404 and Notification.select().count() == 0
    assert "+525530000001" not in text_of(stranger.get("/panel/chats/"))


def test_each_bot_reply_shows_once_in_the_transcript(owner, org):
    from tests.conversations.chat import Chat

    chat = Chat(owner.client, org.whatsapp_number)
    reply = chat.say("hola")
    conversation = Conversation.get(Conversation.phone == chat.phone)
    page = text_of(owner.get(f"/panel/chats/{conversation.id}"))
    first_line = reply.splitlines()[0]
    assert page.count(first_line) == 1, page
