"""More customers, written after the first corpus passed and played before changing anything
for them (47 of 50 passed then): the same kinds of messages in other words.

Today is Wednesday 2 December 2026, 09:00, at Estética Luna.
"""

from __future__ import annotations

import pytest

from tests.conversations.customer import (
    Case,
    attendee_is,
    holiday_on_saturday,
    mine_tomorrow_at_5,
    moved_to,
    problems,
    reminder_sent,
    status_is,
    two_of_mine,
)

pytestmark = pytest.mark.usefixtures("database")

CASES = [
    Case(
        "how much a tinte comes to",
        [("Hola buenas tardes, en cuánto me sale un tinte?", ("$900",))],
    ),
    Case("price of the men's cut, in shorthand", [("q precio el corte d hombre", ("$180",))]),
    Case(
        "your prices, please", [("me puedes pasar tus precios", ("$350", "$180", "$250", "$900"))]
    ),
    Case("how long the manicure takes", [("cuanto tiempo se tardan en el manicure", ("45 min",))]),
    Case("open on saturday?", [("abren en sábado?", ("sábado", "3:00 p.m."))]),
    Case("closing time today", [("a que hora cierran hoy", ("8:00 p.m.",))]),
    Case("working on sunday?", [("el domingo trabajan?", ("cerrad",))]),
    Case("the address, please", [("me pasas la dirección?", ("álvaro obregón",))]),
    Case("location, one word", [("ubicación porfa", ("maps",))]),
    Case("where to find them", [("dónde los encuentro?", ("álvaro obregón",))]),
    Case("do they take cards", [("reciben tarjeta?", ("tarjeta",))]),
    Case("cash only?", [("solo efectivo?", ("efectivo",))]),
    Case("which services they do", [("que servicios manejan?", ("manicure", "tinte"))]),
    Case("eyebrows are not offered", [("hacen cejas?", ("cejas",))]),
    Case("highlights are not offered: colour instead", [("tienen mechas o rayitos?", ("tinte",))]),
    Case(
        "how much, then a day",
        [
            ("cuanto el manicure?", ("$250",)),
            ("va, el viernes a las 12", ("manicure", "viernes 4 de diciembre, 12:00 p.m.")),
        ],
    ),
    Case(
        "tomorrow at 4 in shorthand",
        [("corte de caballero para mñn a las 4 porfa", ("jueves 3 de diciembre, 4:00 p.m.",))],
    ),
    Case(
        "saturday at 11, abbreviated",
        [("me agendas manicure el sab a las 11?", ("sábado 5 de diciembre, 11:00 a.m.",))],
    ),
    Case(
        "monday afternoon with x for por",
        [("tinte el lunes x la tarde", ("lunes 7 de diciembre", "!a.m."))],
    ),
    Case(
        "tuesday the 8th in the afternoon",
        [("un corte de dama el martes 8 en la tarde", ("martes 8 de diciembre", "!a.m."))],
    ),
    Case(
        "thursday the 10th at 3",
        [("manicure el jueves 10 a las 3", ("jueves 10 de diciembre, 3:00 p.m.",))],
    ),
    Case(
        "as soon as possible, another way",
        [("necesito un corte de caballero lo más pronto posible", ("10:00 a.m.",))],
    ),
    Case(
        "a little later than proposed",
        [
            ("corte de caballero mañana a las 12", ("12:00 p.m.",)),
            ("mejor un poco más tarde", ("jueves 3 de diciembre",)),
        ],
    ),
    Case(
        "two hours later than proposed",
        [("manicure mañana a las 11", ("11:00 a.m.",)), ("2 horas más tarde?", ("1:00 p.m.",))],
    ),
    Case(
        "to monday at the same time",
        [
            (
                "me la puedes pasar al lunes a la misma hora?",
                ("lunes 7 de diciembre", "5:00 p.m."),
            ),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-07", "17:00"),
    ),
    Case(
        "can't go, cancel it?",
        [("ya no voy a poder ir a mi cita, la cancelas?", ("cancel",)), ("sip", ("cancelé",))],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "another hour for my appointment",
        [("puedo cambiar la hora de mi cita? a las 6", ("6:00 p.m.",)), ("ok", ())],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "18:00"),
    ),
    Case(
        "right after booking: push it to 7",
        [
            ("corte de dama mañana a las 5 con Sofía", ()),
            ("si", ()),
            ("Mariana López", ("listo",)),
            ("oye siempre si me la puedes recorrer a las 7?", ("7:00 p.m.",)),
            ("si", ()),
        ],
        check=moved_to("2026-12-03", "19:00"),
    ),
    Case(
        "right after booking: friday instead",
        [
            ("corte de dama mañana a las 5 con Sofía", ()),
            ("si", ()),
            ("Mariana López", ("listo",)),
            ("ay perdón, mejor el viernes", ("viernes 4 de diciembre",)),
        ],
    ),
    Case(
        "reminder: yes, I'll be there",
        [("si ahí estaré, gracias", ("confirmad",))],
        setup=reminder_sent,
        check=status_is("confirmed"),
    ),
    Case(
        "reminder: could it move to monday?",
        [("se podrá mover para el lunes?", ("lunes 7 de diciembre",))],
        setup=reminder_sent,
    ),
    Case(
        "reminder: can't go, cancel",
        [("no puedo ir, cancela porfa", ("cancel",)), ("si", ("cancelé",))],
        setup=reminder_sent,
        check=status_is("cancelled"),
    ),
    Case(
        "manicure and tinte at 10",
        [
            ("manicure y tinte mañana a las 10", ("manicure", "tinte", "10:00 a.m.")),
            ("si", ()),
            ("Mariana", ("listo",)),
        ],
        booked=[("Manicure", None, "2026-12-03 10:00")],
    ),
    Case(
        "a haircut, for a man", [("quiero cortarme el pelo, soy hombre", ("corte de caballero",))]
    ),
    Case(
        "el de dama, at the service question",
        [("quiero agendar", ()), ("el de dama", ("qué día",))],
    ),
    Case(
        "for my daughter Sofía",
        [("cita para mi hija Sofía, manicure mañana a las 4", ("4:00 p.m.",)), ("si", ("listo",))],
        check=attendee_is("Sofía"),
    ),
    Case(
        "a cut for my husband, named later",
        [
            ("un corte de caballero para mi esposo mañana a las 1", ("1:00 p.m.",)),
            ("si", ("nombre",)),
            ("Luis", ("listo", "luis")),
        ],
    ),
    Case(
        "a formal price question, another way",
        [("Buenas tardes. ¿Me podría indicar el precio del manicure?", ("$250", "!¿te "))],
    ),
    Case(
        "a formal booking with tendría",
        [
            (
                "Buenos días, ¿tendría lugar para un corte de dama mañana a las 11?",
                ("11:00 a.m.",),
            ),
            ("Sí, por favor", ()),
            ("Patricia Ramos", ("su cita",)),
        ],
    ),
    Case("a name wrapped in flowers", [("hola!", ("carla", "!🌺"))], profile_name="🌺Carla🌺"),
    Case(
        "soy la señora Martha Díaz",
        [
            ("manicure mañana a las 11", ()),
            ("si", ()),
            ("soy la señora Martha Díaz", ("listo, martha",)),
        ],
        profile_name="",
    ),
    Case(
        "closing time asked while booking saturday",
        [
            ("corte de caballero el sábado", ("sábado 5 de diciembre",)),
            ("a que hora cierran ese día?", ("3:00 p.m.",)),
            ("a las 12", ("12:00 p.m.",)),
        ],
    ),
    Case(
        "where they are, at the confirmation",
        [
            ("manicure mañana a las 4", ("4:00 p.m.",)),
            ("donde están?", ("álvaro obregón", "confirmo")),
            ("sí", ("nombre",)),
        ],
    ),
    Case(
        "Sofía instead, at the confirmation",
        [("corte de dama mañana a las 11", ()), ("con Sofía mejor", ("sofía", "11:00 a.m."))],
    ),
    Case("whenever there is room", [("quiero un manicure cuando haya lugar", ("10:00 a.m.",))]),
    Case(
        "friday at the same time, while booking",
        [
            ("tinte mañana a las 10", ("10:00 a.m.",)),
            ("y el viernes a la misma hora?", ("viernes 4 de diciembre, 10:00 a.m.",)),
        ],
    ),
    Case(
        "jeuves, two letters swapped",
        [("corte de dama el jeuves a las 12", ("jueves 3 de diciembre, 12:00 p.m.",))],
    ),
    Case("medio día, in two words", [("manicure el viernes a medio día", ("12:00 p.m.",))]),
    Case(
        "a holiday when booking",
        [("manicure el 12 de dic", ("día de la virgen",))],
        setup=holiday_on_saturday,
    ),
    Case(
        "cancel the manicure one",
        [("cancela la del manicure", ("manicure",)), ("si", ("cancelé",))],
        setup=two_of_mine,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_customer_in_other_words(case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)
