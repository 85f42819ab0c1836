"""Days and hours as customers type them: weekdays with numbers, shorthand and misspellings,
parts of the day, "lo antes posible", and corrections relative to the time proposed.

Today is Wednesday 2 December 2026, 09:00 in Mexico City; Thursday 3, Friday 4, Saturday 5,
Monday 7, … Estética Luna opens Monday to Friday 10:00–20:00 and Saturday 10:00–15:00.
"""

from __future__ import annotations

import pytest

from tests.conftest import local
from tests.conversations.customer import Case, my_appointment, problems

pytestmark = pytest.mark.usefixtures("database")


def earlier_than_5_on_thursday(org, clock, chat):
    start = my_appointment(org).start_at
    assert local("2026-12-03", "10:00") <= start < local("2026-12-03", "17:00"), start


def confirm_at(text: str, when: str) -> tuple[str, tuple[str, ...]]:
    return (text, (when, "confirmo"))


CASES = [
    # A weekday with a day number names that date.
    Case(
        "friday the 4th in the afternoon",
        [
            (
                "corte de caballero el viernes 4 en la tarde",
                ("viernes 4 de diciembre", "p.m.", "!a.m.", "!miércoles 2"),
            )
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "thursday the 10th at 11",
        [confirm_at("manicure el jueves 10 a las 11", "jueves 10 de diciembre, 11:00 a.m.")],
    ),
    Case(
        "friday the 10th does not exist: asked",
        [
            ("corte de dama el viernes 10", ("jueves 10", "viernes 11")),
            ("el viernes", ("viernes 11 de diciembre",)),
        ],
    ),
    Case(
        "monday the 7th at 3",
        [confirm_at("corte de caballero el lunes 7 a las 3", "lunes 7 de diciembre, 3:00 p.m.")],
    ),
    Case(
        "the 7th at 3",
        [confirm_at("corte de caballero el 7 a las 3", "lunes 7 de diciembre, 3:00 p.m.")],
    ),
    Case(
        "tuesday the 8th at 10 am",
        [confirm_at("manicure el martes 8 a las 10 am", "martes 8 de diciembre, 10:00 a.m.")],
    ),
    Case(
        "thursday 3 december at 17:00",
        [
            confirm_at(
                "corte de dama el jueves 3 de diciembre a las 17:00",
                "jueves 3 de diciembre, 5:00 p.m.",
            )
        ],
    ),
    Case(
        "the 5th of dic at 11",
        [confirm_at("tinte el 5 de dic a las 11", "sábado 5 de diciembre, 11:00 a.m.")],
    ),
    # Shorthand and misspellings.
    Case(
        "mñn at 5",
        [confirm_at("corte de caballero mñn a las 5", "jueves 3 de diciembre, 5:00 p.m.")],
    ),
    Case(
        "mñna in the afternoon",
        [("manicure mñna en la tarde", ("jueves 3 de diciembre", "!a.m."))],
    ),
    Case(
        "pasado mñn",
        [("tinte pasado mñn", ("viernes 4 de diciembre",))],
    ),
    Case(
        "sab x la mañana",
        [("un manicure el sab x la mañana", ("sábado 5 de diciembre", "10:00 a.m."))],
    ),
    Case(
        "wednesday next week",
        [("corte de dama el miercoles q viene", ("miércoles 9 de diciembre",))],
    ),
    Case(
        "vie at 4pm",
        [confirm_at("manicure el vie a las 4pm", "viernes 4 de diciembre, 4:00 p.m.")],
    ),
    Case(
        "sabdo misspelled",
        [confirm_at("manicure el sabdo a las 12", "sábado 5 de diciembre, 12:00 p.m.")],
    ),
    Case(
        "tard misspelled",
        [("corte de caballero el jueves en la tard", ("jueves 3 de diciembre", "!a.m."))],
    ),
    Case(
        "pa mañana",
        [confirm_at("manicure pa mañana a las 10", "jueves 3 de diciembre, 10:00 a.m.")],
    ),
    Case(
        "mñn at 5:30",
        [confirm_at("manicure mñn a las 5:30", "jueves 3 de diciembre, 5:30 p.m.")],
    ),
    # Parts of the day and spoken hours.
    Case(
        "half past four",
        [confirm_at("corte de caballero mañana a las 4 y media", "4:30 p.m.")],
    ),
    Case(
        "five in the afternoon",
        [
            confirm_at(
                "manicure el viernes a las 5 de la tarde", "viernes 4 de diciembre, 5:00 p.m."
            )
        ],
    ),
    Case(
        "early in the morning",
        [("corte de dama mañana en la mañanita", ("jueves 3 de diciembre", "10:00 a.m."))],
    ),
    Case(
        "at noon",
        [confirm_at("corte de caballero mañana al mediodia", "12:00 p.m.")],
    ),
    Case(
        "around 6",
        [confirm_at("corte de caballero mñn tipo 6", "6:00 p.m.")],
    ),
    Case(
        "monday evening",
        [("corte de dama el lunes en la noche", ("lunes 7 de diciembre", "7:00 p.m."))],
    ),
    Case(
        "12:30",
        [confirm_at("corte de caballero jueves a las 12:30", "jueves 3 de diciembre, 12:30 p.m.")],
    ),
    Case(
        "next saturday: this one or the one after?",
        [
            ("corte de dama el proximo sabado", ("sábado 5 de diciembre", "sábado 12")),
            ("el 5", ("sábado 5 de diciembre", "a.m.")),
        ],
        ends=("booking", "awaiting_time"),
    ),
    Case(
        "in a week",
        [("manicure dentro de una semana", ("miércoles 9 de diciembre",))],
    ),
    Case(
        "in two weeks",
        [("corte de dama en 2 semanas", ("miércoles 16 de diciembre",))],
    ),
    Case(
        "11 on saturday, hour first",
        [confirm_at("tinte a las 11 del sábado", "sábado 5 de diciembre, 11:00 a.m.")],
    ),
    Case(
        "tomorrow early",
        [("corte de caballero mañana temprano", ("jueves 3 de diciembre", "10:00 a.m."))],
    ),
    Case(
        "5pm without 'a las'",
        [confirm_at("corte de caballero mañana 5pm", "jueves 3 de diciembre, 5:00 p.m.")],
    ),
    Case(
        "a quarter past eleven",
        [confirm_at("manicure el viernes como a las 11 y cuarto", "11:15 a.m.")],
    ),
    Case(
        "the hour before the service",
        [confirm_at("mañana a las 2 para corte de caballero", "jueves 3 de diciembre, 2:00 p.m.")],
    ),
    Case(
        "after 12 on saturday",
        [
            (
                "corte de caballero el sábado después de las 12",
                ("sábado 5 de diciembre", "12:00 p.m.", "!11:00 a.m."),
            )
        ],
    ),
    Case(
        "before 12 tomorrow",
        [("antes de las 12 mañana, manicure", ("jueves 3 de diciembre", "10:00 a.m.", "!p.m."))],
    ),
    Case(
        "this afternoon",
        [("manicure hoy en la tarde", ("2 de diciembre", "!a.m."))],
    ),
    Case(
        "the afternoon, as the answer to which day",
        [("quiero un manicure", ("qué día",)), ("en la tarde", ("2 de diciembre", "!a.m."))],
    ),
    # As soon as possible.
    Case(
        "as soon as possible",
        [("corte de caballero lo antes posible", ("10:00 a.m.", "!qué día"))],
    ),
    Case(
        "today if you can",
        [("manicure hoy si se puede", ("2 de diciembre", "10:00 a.m.", "!qué día"))],
    ),
    Case(
        "the soonest you have",
        [("lo mas pronto que tengas para un tinte", ("10:00 a.m.", "!qué día"))],
    ),
    Case(
        "whenever there is room, as the day",
        [
            ("quiero corte de dama", ("qué día",)),
            ("cuando tengas lugar", ("10:00 a.m.", "!qué día")),
        ],
    ),
    # Corrections relative to the time proposed.
    Case(
        "earlier, at 3",
        [
            ("corte de dama mañana a las 5", ("5:00 p.m.",)),
            ("más temprano, a las 3", ("3:00 p.m.", "jueves 3 de diciembre", "!a.m.")),
            ("si", ()),
            ("Mariana", ("listo",)),
        ],
        booked=("Corte de dama", None, "2026-12-03 15:00"),
    ),
    Case(
        "later, around 7",
        [
            ("corte de dama mañana a las 5", ("5:00 p.m.",)),
            ("mas tarde como a las 7", ("7:00 p.m.", "jueves 3 de diciembre")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "an hour later",
        [
            ("corte de caballero mañana a las 5", ("5:00 p.m.",)),
            ("una hora más tarde", ("6:00 p.m.",)),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "earlier, no hour",
        [
            ("corte de dama mañana a las 5", ("5:00 p.m.",)),
            ("mas temprano", ("jueves 3 de diciembre", "p.m.")),
            ("1", ("jueves 3 de diciembre",)),
            ("si", ()),
            ("Mariana López", ("listo",)),
        ],
        check=earlier_than_5_on_thursday,
    ),
    Case(
        "the same hour, another day",
        [
            ("manicure mañana a las 11", ("11:00 a.m.",)),
            ("mejor el viernes a la misma hora", ("viernes 4 de diciembre, 11:00 a.m.",)),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_customer_says_when(case: Case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)
