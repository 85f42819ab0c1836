"""Joining a team by WhatsApp: the invited phone says yes (or no) itself, and its chats keep
the business and the side they started with."""

from __future__ import annotations

import pytest

from domain import team
from domain.models import Appointment, Conversation, Invitation, Staff
from tests.conversations.chat import Chat
from tests.factories import salon, staff

MARIANA = "+525530000077"


@pytest.fixture
def org(database):
    return salon()


def invite(org, clock, name="Mariana", phone=MARIANA) -> Staff:
    member = Staff.create(org=org, name=name, role="employee")
    team.set_phone(org, member, phone, by="Ana", now=clock.now())
    return member


def chats(phone):
    return list(Conversation.select().where(Conversation.phone == phone).order_by(Conversation.id))


def test_a_customer_who_says_yes_joins_and_gets_a_chat_of_her_own(client, clock, org):
    mariana = Chat(client, org.whatsapp_number, MARIANA, "Mariana")
    assert "Soy el asistente de Estética Luna" in mariana.say("hola")
    member = invite(org, clock)
    assert "1. Agendar una cita" in mariana.say("menú")  # still a customer until she answers
    joined = mariana.say("sí")
    assert "Ya eres parte del equipo de Estética Luna" in joined
    assert Staff.get_by_id(member.id).phone == MARIANA
    assert "Tu agenda" in mariana.say("agenda")
    customer_chat, staff_chat = chats(MARIANA)
    assert customer_chat.role == "customer" and customer_chat.current is None
    assert staff_chat.role == "staff" and staff_chat.current
    assert customer_chat.org_id == staff_chat.org_id == org.id


def test_a_no_keeps_the_phone_what_it_was(client, clock, org):
    mariana = Chat(client, org.whatsapp_number, MARIANA, "Mariana")
    member = invite(org, clock)
    assert "no te agregamos al equipo de Estética Luna" in mariana.say("no, gracias")
    assert Staff.get_by_id(member.id).phone is None
    assert Invitation.get().accepted is False
    assert "Soy el asistente" in mariana.say("hola")


def test_a_yes_that_confirms_a_booking_is_not_taken_for_the_invitation(client, clock, org):
    mariana = Chat(client, org.whatsapp_number, MARIANA, "Mariana")
    mariana.say("quiero un corte de dama mañana a las 5 con Sofía")
    invite(org, clock)
    mariana.say("sí")  # confirms the booking in progress
    mariana.say("Mariana López")
    assert Appointment.select().count() == 1
    assert not Staff.select().where(Staff.phone == MARIANA).exists()
    assert "Ya eres parte del equipo" in mariana.say("acepto la invitación")


def test_an_invitation_expires_after_a_week(client, clock, org):
    member = invite(org, clock)
    clock.advance(days=8)
    reply = Chat(client, org.whatsapp_number, MARIANA, "Mariana").say("sí")
    assert "Ya eres parte" not in reply and Staff.get_by_id(member.id).phone is None


def test_a_member_who_leaves_starts_a_customer_chat_the_team_can_read(client, clock, org):
    sofia = staff(org, "Sofía")
    chat = Chat(client, org.whatsapp_number, sofia.phone, "Sofía")
    assert "Tu agenda" in chat.say("agenda")
    Staff.update(active=False).where(Staff.id == sofia.id).execute()
    assert "Soy el asistente de Estética Luna" in chat.say("hola")
    staff_chat, customer_chat = chats(sofia.phone)
    assert (staff_chat.role, customer_chat.role) == ("staff", "customer")
    assert staff_chat.current is None and customer_chat.current


def test_a_shared_number_business_invites_through_the_platform_number(client, clock):
    shared = salon(whatsapp_number=None)
    member = invite(shared, clock)
    reply = Chat(client, "+525500000000", MARIANA, "Mariana").say("Sí")
    assert "Ya eres parte del equipo de Estética Luna" in reply
    assert Staff.get_by_id(member.id).phone == MARIANA
    [chat] = chats(MARIANA)
    assert chat.org_id == shared.id and chat.role == "staff"
