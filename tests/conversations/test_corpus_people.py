"""Who the visit is for and how people talk: bookings for relatives, names with emoji and
filler, customers who write in *usted*, and messages off the script in the middle of a booking.

Today is Wednesday 2 December 2026, 09:00; the phone belongs to Mariana (her WhatsApp name,
unless a case says otherwise).
"""

from __future__ import annotations

import pytest

from tests.conversations.customer import (
    Case,
    attendee_is,
    mine_tomorrow_at_5,
    my_appointment,
    my_name_is,
    problems,
)
from tests.factories import customer

pytestmark = pytest.mark.usefixtures("database")


def known_mariana(org, clock):
    customer(org, "Mariana López")


def attendee_contains(word):
    def check(org, clock, chat):
        assert word in (my_appointment(org).attendee or ""), my_appointment(org).attendee

    return check


CASES = [
    # Bookings for someone else.
    Case(
        "for my daughter Valeria",
        [
            (
                "quiero cita para mi hija Valeria, corte de dama el sábado a las 11",
                ("valeria", "sábado 5 de diciembre, 11:00 a.m."),
            ),
            ("si", ("listo", "valeria", "!listo, mi")),
        ],
        booked=("Corte de dama", None, "2026-12-05 11:00"),
        check=attendee_is("Valeria"),
    ),
    Case(
        "it's for my husband, named afterwards",
        [
            ("corte de caballero mañana a las 12", ("12:00 p.m.",)),
            ("es para mi esposo", ("esposo", "nombre")),
            ("Juan Pérez", ("juan", "confirmo")),
            ("si", ("listo", "juan")),
        ],
        booked=("Corte de caballero", None, "2026-12-03 12:00"),
        check=attendee_is("Juan Pérez"),
    ),
    Case(
        "in my mother's name, Rosa",
        [
            ("corte de dama mañana a las 10", ("10:00 a.m.",)),
            ("si", ("a nombre de quién",)),
            ("a nombre de mi mamá, Rosa", ("listo", "rosa", "!listo, mi")),
        ],
        booked=("Corte de dama", None, "2026-12-03 10:00"),
        check=attendee_is("Rosa"),
    ),
    Case(
        "for my 8-year-old son: his name is asked",
        [
            ("para mi hijo de 8 años, corte de caballero mañana a las 4", ("4:00 p.m.",)),
            ("si", ("nombre",)),
            ("Emiliano", ("listo", "emiliano")),
        ],
        booked=("Corte de caballero", None, "2026-12-03 16:00"),
        check=attendee_is("Emiliano"),
    ),
    Case(
        "a known customer books for her husband",
        [
            (
                "corte de caballero el viernes a las 6 para mi esposo Juan",
                ("juan", "viernes 4 de diciembre, 6:00 p.m."),
            ),
            ("si", ("listo", "juan")),
        ],
        setup=known_mariana,
        booked=("Corte de caballero", None, "2026-12-04 18:00"),
        check=attendee_is("Juan", customer_name="Mariana López"),
    ),
    Case(
        "a manicure for my wife",
        [
            ("quiero agendar un manicure para mi esposa", ("qué día",)),
            ("el viernes a las 4", ("manicure", "4:00 p.m.")),
            ("si", ("nombre",)),
            ("Laura", ("listo", "laura")),
        ],
        booked=("Manicure", None, "2026-12-04 16:00"),
        check=attendee_is("Laura"),
    ),
    Case(
        "for my mum, doña Carmen",
        [
            ("corte de dama mañana a las 11", ()),
            ("sí", ("a nombre de quién",)),
            ("es para mi mamá, se llama doña Carmen", ("listo", "carmen", "!listo, es")),
        ],
        booked=("Corte de dama", None, "2026-12-03 11:00"),
        check=attendee_contains("Carmen"),
    ),
    Case(
        "in Valeria's name, she is my daughter",
        [
            ("manicure el sábado a las 12", ()),
            ("si", ()),
            ("a nombre de Valeria, es mi hija", ("listo", "valeria", "!hija")),
        ],
        booked=("Manicure", None, "2026-12-05 12:00"),
        check=attendee_is("Valeria"),
    ),
    Case(
        "it's for me",
        [
            ("corte de dama mañana a las 10", ()),
            ("si", ("a nombre de quién",)),
            ("es para mí", ("listo, mariana",)),
        ],
        booked=("Corte de dama", None, "2026-12-03 10:00"),
    ),
    # Names with emoji and filler.
    Case(
        "an emoji-laden WhatsApp name",
        [("hola", ("mariana", "!✨", "!💅"))],
        profile_name="✨Mariana✨💅",
    ),
    Case(
        "a WhatsApp name with a flower in the middle",
        [("corte de dama mañana a las 10", ()), ("si", ("mariana lópez", "!🌸"))],
        profile_name="Mariana 🌸 López",
    ),
    Case(
        "a WhatsApp name that is only an emoji",
        [("hola", ("!🦋",)), ("1", ("qué servicio",))],
        profile_name="🦋",
    ),
    Case(
        "soy Lupita jeje",
        [
            ("corte de caballero mañana a las 12", ()),
            ("si", ()),
            ("soy Lupita jeje", ("listo, lupita",)),
        ],
        check=my_name_is("Lupita"),
        profile_name="",
    ),
    Case(
        "me llamo Karla Sánchez 😊",
        [
            ("manicure mañana a las 11", ()),
            ("si", ()),
            ("me llamo Karla Sánchez 😊", ("listo, karla",)),
        ],
        check=my_name_is("Karla Sánchez"),
        profile_name="",
    ),
    Case(
        "Karla, gracias",
        [("manicure mañana a las 11", ()), ("si", ()), ("Karla, gracias", ("listo, karla",))],
        check=my_name_is("Karla"),
        profile_name="",
    ),
    Case(
        "ah sí, Daniela Ruiz porfa",
        [
            ("tinte el viernes a las 10", ()),
            ("sí", ()),
            ("ah sí, Daniela Ruiz porfa", ("listo, daniela",)),
        ],
        check=my_name_is("Daniela Ruiz"),
        profile_name="",
    ),
    # Usted.
    Case(
        "a formal booking is answered formally",
        [
            (
                "Buenas tardes, ¿me podría agendar un corte de dama para mañana a las 5?",
                ("5:00 p.m.",),
            ),
            ("Sí, por favor", ("nombre",)),
            ("Guadalupe Torres", ("su cita", "!tu cita", "!te mandaré")),
        ],
        booked=("Corte de dama", None, "2026-12-03 17:00"),
        profile_name="",
    ),
    Case(
        "a formal price question",
        [("Disculpe, ¿cuánto cuesta el tinte?", ("$900", "!¿te ", "!¿quieres"))],
    ),
    Case(
        "a formal manicure booking",
        [
            (
                "Buen día. Quisiera una cita para manicure el viernes. ¿Tiene algo a las 11?",
                ("viernes 4 de diciembre, 11:00 a.m.",),
            ),
            ("Sí", ()),
            ("Patricia Gómez", ("su cita", "!tu cita")),
        ],
        booked=("Manicure", None, "2026-12-04 11:00"),
        profile_name="",
    ),
    Case(
        "tú is answered with tú",
        [
            ("oye me agendas un corte de caballero mñn a la 1", ("1:00 p.m.",)),
            ("va", ()),
            ("Beto", ("tu cita",)),
        ],
        booked=("Corte de caballero", None, "2026-12-03 13:00"),
        profile_name="",
    ),
    Case(
        "a formal address question",
        [("¿Usted me puede decir dónde se encuentran?", ("álvaro obregón",))],
    ),
    Case(
        "formal: information about prices",
        [("Buenas noches. ¿Me puede dar informes de precios?", ("$350", "$900", "!¿te "))],
    ),
    Case(
        "formal cancel keeps usted",
        [
            ("Quisiera cancelar mi cita, por favor", ("su cita",)),
            ("Sí", ("!tu cita",)),
        ],
        setup=mine_tomorrow_at_5,
        check=lambda org, clock, chat: my_appointment(org).status == "cancelled",
    ),
    # Off the script in the middle of a booking.
    Case(
        "let me see, while choosing a time",
        [
            ("manicure mañana", ("jueves 3 de diciembre",)),
            ("jaja ok déjame ver", ("manicure", "!qué servicio")),
            ("a las 4", ("manicure", "4:00 p.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "unsure at the confirmation",
        [
            ("corte de dama mañana a las 5", ("5:00 p.m.",)),
            ("mmm no sé, es que salgo tarde del trabajo", ("corte de dama",)),
            ("mejor a las 7", ("7:00 p.m.",)),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "for my daughter, while asked the service",
        [
            ("quiero agendar", ("qué servicio",)),
            ("es para mi hija", ("qué servicio", "!1. agendar")),
            ("corte de dama", ("qué día",)),
        ],
        ends=("booking", "awaiting_day"),
    ),
    Case(
        "a haircut in a sentence, at the menu",
        [
            ("Buenas tardes", ("1. agendar una cita",)),
            ("quiero ir a que me corten el pelo", ("corte de dama", "corte de caballero")),
        ],
    ),
    Case(
        "tomorrow, at the menu, is kept",
        [
            ("hola", ("1. agendar",)),
            ("quiero una cita para mañana", ("qué servicio",)),
            ("manicure", ("jueves 3 de diciembre", "!qué día")),
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "something in the afternoon?",
        [
            ("corte de caballero mañana", ("jueves 3 de diciembre",)),
            ("tienes algo en la tarde?", ("jueves 3 de diciembre", "p.m.", "!a.m.")),
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "how much, at the confirmation",
        [
            ("corte de dama mañana a las 5", ()),
            ("y cuanto sale?", ("$350", "confirmo")),
            ("ok si", ("nombre",)),
        ],
    ),
    Case(
        "any day at all",
        [("quiero un corte de caballero", ("qué día",)), ("el que sea", ("10:00 a.m.",))],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "ok, while choosing a time",
        [("manicure el viernes", ("viernes 4",)), ("ok", ("!qué servicio",))],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "prices, at the menu",
        [("hola", ()), ("quisiera saber precios", ("$350", "$180", "$250", "$900"))],
    ),
    Case(
        "with Carlos, while choosing a time",
        [
            ("corte de caballero mañana", ()),
            ("con carlos", ("carlos", "jueves 3 de diciembre")),
        ],
    ),
    Case(
        "one moment",
        [("manicure mañana", ()), ("un momento", ("!qué servicio",))],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "sorry, it was friday",
        [
            ("manicure mañana", ("jueves 3",)),
            ("perdón, era para el viernes", ("viernes 4 de diciembre",)),
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "the first one",
        [("manicure mañana", ()), ("la primera", ("manicure con", "confirmo"))],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "the one at 11",
        [
            ("corte de caballero mañana", ()),
            ("la de las 11", ("corte de caballero con", "11:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "simón",
        [("corte de caballero mañana a las 12", ()), ("simón", ("nombre",))],
    ),
    Case(
        "nel",
        [("corte de caballero mañana a las 12", ()), ("nel", ("hora",))],
        nothing_booked=True,
    ),
    Case(
        "my appointments, at the menu",
        [("hola", ()), ("mis citas porfa", ("corte de dama", "5:00 p.m."))],
        setup=mine_tomorrow_at_5,
        check=lambda org, clock, chat: my_appointment(org).status == "booked",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_customer_talks(case: Case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)
