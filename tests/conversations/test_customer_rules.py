"""What customers would notice beyond single transcripts: all-or-nothing visits, who a visit
is for as the business sees it, the reminder sentence, usted kept, the greeting only once,
and the LLM choosing only among the owner's questions."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from domain import booking, faq
from domain.models import Appointment, Conversation, Customer, Notification, Organization
from tests.conftest import local
from tests.conversations.chat import Chat
from tests.conversations.customer import ME, OTHER, appointment_for
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")


def mine(org) -> list[Appointment]:
    person = Customer.get_or_none(Customer.org == org, Customer.phone == ME)
    return list(Appointment.select().where(Appointment.customer == person))


def test_a_visit_of_two_services_is_booked_whole_or_not_at_all(client, clock):
    org = salon()
    chat = Chat(client, org.whatsapp_number, ME)
    reply = chat.say("corte de dama y manicure mañana a las 11")
    assert "Corte de dama con Ana — 11:00 a.m." in reply
    assert "Manicure con Ana — 12:00 p.m." in reply and "$600 en total" in reply
    # Meanwhile someone takes the only manicure table at 12.
    appointment_for(org, clock, OTHER, "Rosa Díaz", "Manicure", "Carlos", "2026-12-03", "12:00")
    chat.say("sí")
    reply = chat.say("Mariana López")
    assert "se acaba de ocupar" in reply, chat.transcript()
    assert mine(org) == []  # not the cut alone


def test_a_visit_for_a_daughter_is_hers_for_the_business_and_the_parents_account(client, clock):
    org = salon()
    customer(org, "Mariana López", ME)
    chat = Chat(client, org.whatsapp_number, ME)
    chat.say("manicure para mi hija Valeria el viernes a las 4")
    assert "¡Listo! La cita de Valeria quedó agendada" in chat.say("si")
    [appointment] = mine(org)
    assert (appointment.attendee, appointment.customer.name) == ("Valeria", "Mariana López")
    notice = Notification.get(Notification.kind == "owner_new_booking")
    assert "Valeria, de Mariana López" in notice.body


@pytest.mark.parametrize(
    ("reminders", "wanted"),
    [
        ({}, "Te mandaré un recordatorio un día antes."),
        ({"reminder_hours": 2}, "Te mandaré un recordatorio 2 horas antes."),
        (
            {"reminder_hours": 48, "second_reminder_hours": 3},
            "Te mandaré un recordatorio 2 días antes y otro 3 horas antes.",
        ),
    ],
)
def test_the_confirmation_says_the_reminder_the_business_will_send(
    client, clock, reminders, wanted
):
    org = salon(settings=reminders)
    chat = Chat(client, org.whatsapp_number, ME)
    chat.say("corte de dama el viernes a las 5")
    chat.say("si")
    assert wanted in chat.say("Mariana López")


def test_no_reminder_sentence_when_no_reminder_will_go(client, clock):
    org = salon()
    chat = Chat(client, org.whatsapp_number, ME)
    chat.say("corte de caballero hoy a las 3")  # the 24-hour reminder moment has passed
    chat.say("si")
    reply = chat.say("Jorge Ramírez")
    assert "Listo, Jorge" in reply and "recordatorio" not in reply
    opted_out = Chat(client, org.whatsapp_number, OTHER)
    opted_out.say("baja")
    opted_out.say("corte de caballero el viernes a las 3")
    opted_out.say("si")
    assert "recordatorio" not in opted_out.say("Rosa Díaz")


def test_usted_lasts_the_whole_conversation_and_tu_brings_tu_back(client, clock):
    org = salon()
    chat = Chat(client, org.whatsapp_number, ME, "")
    chat.say("Buenas tardes, ¿me podría agendar un manicure el viernes a las 11?")
    chat.say("Sí")
    reply = chat.say("Patricia Gómez")
    assert "Su cita quedó agendada" in reply and "Le mandaré un recordatorio" in reply
    assert "Escriba *menú*" in reply
    assert Conversation.get(Conversation.phone == ME).formal
    reply = chat.say("oye y tienes algo el sábado para un corte de dama? porfa")
    assert "Escribe el número" in reply, chat.transcript()
    assert not Conversation.get(Conversation.phone == ME).formal


def test_the_greeting_opens_a_conversation_and_only_that(client, clock):
    org = salon()
    chat = Chat(client, org.whatsapp_number, ME)
    assert "Soy el asistente de Estética Luna" in chat.say("hola")
    assert "Soy el asistente" not in chat.say("mmm no sé")
    assert "Soy el asistente" not in chat.say("menú")
    clock.advance(minutes=61)
    assert "Soy el asistente" in chat.say("hola")


def test_a_first_question_gets_its_answer_not_the_greeting(client, clock):
    org = salon()
    reply = Chat(client, org.whatsapp_number, ME).say("cuánto cuesta el tinte?")
    assert "$900" in reply and "Soy el asistente" not in reply and "1. Agendar" not in reply


def test_the_llm_may_only_choose_among_the_owners_questions(llm_client, fake_openai):
    org = salon()
    entry = faq.add_question(org, "¿Tienen estacionamiento?", "Sí, atrás del local.")
    chat = Chat(llm_client, org.whatsapp_number, ME)
    fake_openai.answer({"question": "¿Tienen estacionamiento?"})
    assert "atrás del local" in chat.say("mi camioneta cabe por ahí?")
    assert "¿Tienen estacionamiento?" in fake_openai.prompt()
    fake_openai.answer({"question": "¿Regalan cortes gratis?"})  # not one of them
    reply = chat.say("y regalan algo por ir?")
    assert "equipo" in reply and "gratis" not in reply
    assert (
        Organization.get_by_id(org.id).faq.count() == 1 and entry.answer in "Sí, atrás del local."
    )


def test_another_business_questions_never_reach_the_llm_prompt(llm_client, fake_openai):
    ours, theirs = salon(), salon()
    faq.add_question(theirs, "¿Tienen alberca?", "Sí, climatizada.")
    fake_openai.answer({"question": "¿Tienen alberca?"})
    reply = Chat(llm_client, ours.whatsapp_number, ME).say("se puede nadar ahí?")
    assert "climatizada" not in reply
    assert "alberca" not in fake_openai.prompt()


def test_several_services_keep_the_same_person_when_they_can(client, clock):
    org = salon()
    booking.book(
        org,
        customer=customer(org, "Rosa Díaz", OTHER),
        service=service(org, "Corte de caballero"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-03", "17:00"),
        clock=clock,
    )
    chat = Chat(client, org.whatsapp_number, ME)
    reply = chat.say("corte de caballero y manicure mañana a las 5")
    assert "Corte de caballero con Sofía — 5:00 p.m." in reply, chat.transcript()
    assert "Manicure con " in reply and "5:30 p.m." in reply


def test_hours_questions_follow_the_business_clock_in_tijuana(client, clock):
    clock.set(local("2026-12-02", "23:00", ZoneInfo("America/Tijuana")))  # Thursday 01:00 in CDMX
    tijuana, mexico_city = salon(timezone="America/Tijuana"), salon()
    assert "jueves 3 de diciembre" in Chat(client, tijuana.whatsapp_number, ME).say(
        "a qué hora abren mañana?"
    )
    assert "viernes 4 de diciembre" in Chat(client, mexico_city.whatsapp_number, ME).say(
        "a qué hora abren mañana?"
    )
