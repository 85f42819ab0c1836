"""Customer conversations, table-driven: a person's lines in, what they would notice out.

Each case is a chat with Estética Luna (see CONVERSATIONS.md) through the signed webhook, on
Wednesday 2 December 2026 at 09:00 in Mexico City ("mañana" is Thursday the 3rd). A case lists
what the person writes with the facts each reply must carry, and the outcome: the appointment
created (service, staff, local time), where the conversation stands, or a custom check.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from domain.models import Appointment, Customer
from tests.conversations.chat import Chat
from tests.conversations.customer import (
    ME,
    OTHER,
    Case,
    appointment_for,
    handed_off,
    holiday_on_saturday,
    mine_tomorrow_at_5,
    moved_to,
    my_appointment,
    problems,
    reminder_sent,
    sofia_taken_at_5,
    status_is,
    two_of_mine,
)
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")


CASES = [
    Case(
        "one message says everything",
        [
            (
                "hola, quiero un corte de dama mañana a las 5 con Sofía",
                (
                    "Tengo este horario",
                    "Corte de dama con Sofía",
                    "jueves 3 de diciembre, 5:00 p.m.",
                ),
            ),
            ("si", ("A nombre de quién",)),
            ("Mariana López", ("Listo, Mariana", "recordatorio")),
        ],
        booked=("Corte de dama", "Sofía", "2026-12-03 17:00"),
    ),
    Case(
        "guided through the menu",
        [
            ("Buenas tardes", ("Estética Luna", "1. Agendar una cita", "5. Hablar con alguien")),
            ("1", ("Qué servicio", "Manicure — 45 min, $250")),
            ("manicure", ("Para qué día", "Ana o Carlos")),
            ("el sábado en la mañana", ("sábado 5 de diciembre", "10:00 a.m.", "10:45 a.m.")),
            ("2", ("Manicure con", "10:45 a.m.", "$250")),
            ("sí porfa", ("A nombre de quién", "Mariana")),
            ("si", ("Listo, Mariana",)),
        ],
        booked=("Manicure", "Ana", "2026-12-05 10:45"),
    ),
    Case(
        "anyone free is fine",
        [
            ("un corte de caballero mañana a las 12", ("Corte de caballero con", "12:00 p.m.")),
            ("va", ("A nombre de quién",)),
            ("Jorge Ramírez", ("Listo, Jorge",)),
        ],
        booked=("Corte de caballero", "Sofía", "2026-12-03 12:00"),
        profile_name="",
    ),
    Case(
        "a bare 'corte' asks which one",
        [
            (
                "quiero un corte",
                ("Cuál de estos servicios", "Corte de dama", "Corte de caballero"),
            ),
            ("2", ("Para qué día",)),
            ("mañana a las 11", ("Corte de caballero con", "11:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "a correction at the confirmation",
        [
            ("corte de dama mañana a las 5 con Sofía", ("5:00 p.m.",)),
            ("no, mejor a las 6", ("6:00 p.m.", "Lo confirmo")),
            ("sí", ("A nombre de quién",)),
            ("Mariana López", ("Listo",)),
        ],
        booked=("Corte de dama", "Sofía", "2026-12-03 18:00"),
    ),
    Case(
        "another stylist at the confirmation",
        [
            ("corte de dama mañana a las 5 con Sofía", ("Sofía",)),
            ("mejor con Ana", ("Corte de dama con Ana", "5:00 p.m.")),
            ("si", ()),
            ("Mariana", ("Listo",)),
        ],
        booked=("Corte de dama", "Ana", "2026-12-03 17:00"),
    ),
    Case(
        "a plain no asks for another time",
        [
            ("corte de dama mañana a las 5", ("5:00 p.m.",)),
            ("no", ("Qué hora u otro día",)),
            ("a las 12", ("12:00 p.m.", "Lo confirmo")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "the wished time is taken: nearest times instead",
        [
            (
                "corte de dama mañana a las 5 con Sofía",
                ("ya no tengo lugar", "4:00 p.m.", "6:00 p.m."),
            ),
            ("2", ("Corte de dama con Sofía",)),
        ],
        setup=sofia_taken_at_5,
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "closed on Sundays: the next open day",
        [
            (
                "quiero tinte el domingo",
                (
                    "Los domingos estamos cerrados",
                    "El próximo horario para Tinte",
                    "lunes 7 de diciembre",
                ),
            ),
            ("1", ("Tinte con", "lunes 7 de diciembre, 10:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "a holiday says why",
        [("corte de caballero el 12 de diciembre", ("cerrados (Día de la Virgen)", "lunes 14"))],
        setup=holiday_on_saturday,
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "menú in the middle of booking",
        [
            ("quiero agendar", ("Qué servicio",)),
            ("manicure", ()),
            ("menú", ("1. Agendar una cita",)),
        ],
        ends=("menu", "awaiting_choice"),
        nothing_booked=True,
    ),
    Case(
        "cancelar abandons what is in progress",
        [
            ("corte de dama mañana a las 5", ("Lo confirmo",)),
            ("cancelar", ("lo dejamos aquí", "1. Agendar una cita")),
        ],
        ends=("menu", "awaiting_choice"),
        nothing_booked=True,
    ),
    Case(
        "ayuda explains the step",
        [("quiero agendar", ()), ("ayuda", ("Qué servicio", "asesor"))],
        ends=("booking", "awaiting_service"),
    ),
    Case(
        "asesor hands the chat to the team",
        [
            ("quiero agendar", ()),
            ("quiero hablar con alguien", ("le avisé al equipo de Estética Luna",)),
        ],
        check=handed_off,
    ),
    Case(
        "after the hand-off time the bot answers again",
        [("asesor", ("le avisé",)), ("hola", ("1. Agendar una cita",))],
        advance={1: 13 * 60},
        greeting_again=True,
    ),
    Case(
        "three misunderstandings bring the menu and a person",
        [
            ("quiero agendar", ()),
            ("asdf", ("No encontré ese servicio",)),
            ("qwerty", ()),
            ("zzz", ("no te estoy entendiendo", "asesor", "1. Agendar una cita")),
        ],
        ends=("menu", "awaiting_choice"),
    ),
    Case(
        "my appointments",
        [("mis citas", ("Tus próximas citas", "Corte de dama con Sofía", "Manicure con Carlos"))],
        setup=two_of_mine,
    ),
    Case("no appointments yet", [("2", ("No tienes citas próximas",))]),
    Case(
        "moving the only appointment",
        [
            ("quiero cambiar mi cita", ("Tu cita: Corte de dama con Sofía", "Para qué día")),
            ("el viernes a las 11", ("Cambio tu cita", "viernes 4 de diciembre, 11:00 a.m.")),
            ("si", ("Listo", "viernes 4 de diciembre, 11:00 a.m.")),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-04", "11:00"),
    ),
    Case(
        "moving one of two",
        [
            ("3", ("Cuál cita quieres cambiar", "1. Corte de dama", "2. Manicure")),
            ("2", ("Tu cita: Manicure", "Para qué día")),
            ("el lunes", ("lunes 7 de diciembre",)),
            ("1", ("Cambio tu cita", "Manicure con Carlos")),
            ("sí", ("Listo",)),
        ],
        setup=two_of_mine,
    ),
    Case(
        "too late to move it",
        [("cambiar mi cita", ("Ya no es posible cambiar", "asesor"))],
        setup=mine_tomorrow_at_5,
        advance={0: 30 * 60},  # Thursday 15:00, two hours before the 17:00 appointment
        check=moved_to("2026-12-03", "17:00"),
    ),
    Case(
        "cancelling with confirmation",
        [
            ("cancelar mi cita", ("Cancelo tu cita", "Corte de dama con Sofía")),
            ("sí", ("cancelé",)),
        ],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "changing one's mind about cancelling",
        [("4", ("Cancelo tu cita",)), ("no", ("sigue en pie",))],
        setup=mine_tomorrow_at_5,
        check=status_is("booked"),
    ),
    Case(
        "too late to cancel",
        [("quiero cancelar mi cita", ("Ya no es posible cancelar", "4 horas"))],
        setup=mine_tomorrow_at_5,
        advance={0: 30 * 60},
        check=status_is("booked"),
    ),
    Case("nothing to cancel", [("cancelar", ("No tienes citas próximas para cancelar",))]),
    Case(
        "reminder answered with 1",
        [("1", ("Tu cita está confirmada",))],
        setup=reminder_sent,
        check=status_is("confirmed"),
    ),
    Case(
        "reminder answered with 2",
        [
            ("2", ("Tu cita: Corte de dama con Sofía", "Para qué día")),
            ("el sábado a las 11", ("Cambio",)),
        ],
        setup=reminder_sent,
        ends=("reschedule", "awaiting_confirmation"),
    ),
    Case(
        "reminder answered with 3",
        [("3", ("Cancelo tu cita",)), ("si", ("cancelé",))],
        setup=reminder_sent,
        check=status_is("cancelled"),
    ),
    Case(
        "reminder answered with a plain no",
        [("no", ("cambiarla o cancelarla",)), ("3", ("Cancelo tu cita",))],
        setup=reminder_sent,
        ends=("cancel", "awaiting_confirmation"),
    ),
    Case("emoji only", [("😀👍", ("Estética Luna", "1. Agendar una cita"))]),
    Case("an empty message", [("", ("En qué te ayudo",))]),
    Case(
        "SQL-looking text is just text",
        [("'; DROP TABLE appointment; --", ("1. Agendar una cita",))],
        check=lambda org, clock, chat: Appointment.select().count() == 0,
    ),
    Case(
        "baja stops reminders, alta brings them back",
        [("baja", ("ya no te enviaremos recordatorios",)), ("alta", ("Volverás a recibir",))],
        check=lambda org, clock, chat: _opted(org) is None,
    ),
    Case(
        "ya no quiero mensajes",
        [("ya no quiero recibir mensajes", ("ya no te enviaremos",))],
        check=lambda org, clock, chat: _opted(org) is not None,
    ),
    Case(
        "an hour idle starts fresh",
        [("quiero agendar", ("Qué servicio",)), ("hola", ("1. Agendar una cita",))],
        advance={1: 61},
        ends=("menu", "awaiting_choice"),
        greeting_again=True,
    ),
    Case(
        "otro día from the list of times",
        [
            ("manicure mañana", ("jueves 3 de diciembre",)),
            ("otro día", ("Para qué día",)),
            ("el viernes", ("viernes 4 de diciembre",)),
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "a stylist who does not do that service",
        [("manicure con Sofía mañana", ("Sofía no hace Manicure", "Ana o Carlos"))],
    ),
    Case(
        "a time that already passed today",
        [("corte de caballero hoy a las 8", ("Esa hora ya pasó", "Lo más cercano"))],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "a time when the business is closed",
        [
            (
                "corte de caballero mañana a las 9 de la noche",
                ("no estamos abiertos", "10:00 a.m. a 8:00 p.m.", "Lo más cercano"),
            )
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "too far ahead",
        [("corte de dama el 15 de marzo", ("hasta 60 días",))],
        ends=("booking", "awaiting_day"),
    ),
    Case("thanks", [("gracias", ("Con gusto",))]),
    Case(
        "a name given in the first message is used",
        [
            ("hola, soy nueva. Corte de dama mañana a las 10", ("10:00 a.m.",)),
            ("sí", ("A nombre de quién",)),
            ("a nombre de Lucía Pérez", ("Listo, Lucía",)),
        ],
        booked=("Corte de dama", "Ana", "2026-12-03 10:00"),
        check=lambda org, clock, chat: my_appointment(org).customer.name == "Lucía Pérez",
    ),
    Case(
        "a known customer is not asked their name",
        [("corte de dama mañana a las 10 con Sofía", ()), ("si", ("Listo, Mariana",))],
        setup=lambda org, clock: customer(org, "Mariana López", ME),
        booked=("Corte de dama", "Sofía", "2026-12-03 10:00"),
    ),
]


def _opted(org):
    return Customer.get(Customer.org == org, Customer.phone == ME).opted_out_at


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_conversation(case: Case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)


def test_two_customers_racing_for_the_last_slot(client, clock):
    org = salon()
    first = Chat(client, org.whatsapp_number, ME, "Mariana")
    second = Chat(client, org.whatsapp_number, OTHER, "Rosa")
    first.say("corte de dama mañana a las 5 con Sofía")
    second.say("corte de dama mañana a las 5 con Sofía")
    second.say("si")
    assert "Listo" in second.say("Rosa Díaz")
    first.say("si")
    reply = first.say("Mariana López")
    assert "se acaba de ocupar" in reply or "ya no tengo lugar" in reply, first.transcript()
    assert Appointment.select().where(Appointment.org == org).count() == 1


def test_a_tijuana_business_speaks_its_own_time(client, clock):
    org = salon(timezone="America/Tijuana")
    chat = Chat(client, org.whatsapp_number, ME)
    reply = chat.say("corte de dama mañana a las 5 con Sofía")
    assert "jueves 3 de diciembre, 5:00 p.m." in reply
    chat.say("si")
    chat.say("Mariana López")
    appointment = my_appointment(org)
    assert appointment.start_at == dt.datetime(2026, 12, 4, 1, 0, tzinfo=dt.UTC)  # 17:00 PST


def test_a_customer_of_one_business_sees_nothing_of_another(client, clock):
    ours, theirs = salon(), salon()
    appointment_for(ours, clock, ME, "Mariana López", "Tinte", "Ana", "2026-12-03", "12:00")
    reply = Chat(client, theirs.whatsapp_number, ME).say("mis citas")
    assert "No tienes citas próximas" in reply
    assert Customer.select().where(Customer.phone == ME).count() == 2  # one per business


def test_case_table_is_big_enough():
    assert len(CASES) + 3 >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert all(dataclasses.is_dataclass(c) for c in CASES)


def test_a_business_with_two_branches_asks_which_one_first(client, clock):
    from domain.models import Location, Spot, SpotService

    org = salon()
    main = Location.get(Location.org == org)
    south = Location.create(
        org=org, name="Sucursal Sur", address="Av. Universidad 900", hours=main.hours
    )
    for name, branch in (("Carlos", south), ("Sofía", main), ("Ana", main)):
        person = staff(org, name)
        person.location = branch
        person.save()
    chair = Spot.create(org=org, location=south, name="Silla Sur")
    SpotService.create(spot=chair, service=service(org, "Corte de caballero"))
    chat = Chat(client, org.whatsapp_number, ME, "Mariana")
    reply = chat.say("quiero agendar")
    assert "En qué sucursal" in reply and "2. Sucursal Sur — Av. Universidad 900" in reply
    assert "Qué servicio" in chat.say("2")
    chat.say("corte de caballero")
    assert "Corte de caballero con Carlos" in chat.say("mañana a las 12"), chat.transcript()
    chat.say("si")
    assert "Listo" in chat.say("Mariana López")
    assert my_appointment(org).location_id == south.id and my_appointment(org).spot_id == chair.id
