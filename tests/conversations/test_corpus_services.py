"""Services as customers name them: everyday words, typos, the owner's own synonyms, and
several services in one visit (booked back to back, one confirmation listing each).

Estética Luna: Corte de dama (Ana, Sofía), Corte de caballero (Sofía, Carlos), Manicure (Ana,
Carlos), Tinte (Ana, Sofía). Today is Wednesday 2 December 2026, 09:00.
"""

from __future__ import annotations

import pytest

from tests.conftest import local
from tests.conversations.customer import Case, my_appointments, problems

pytestmark = pytest.mark.usefixtures("database")


def owner_synonyms(org, clock):
    from domain.catalog import set_synonyms
    from tests.factories import service

    set_synonyms(service(org, "Manicure"), "gelish, uñas acrílicas")
    set_synonyms(service(org, "Corte de caballero"), "fade, degradado")


def tinte_then_cut_on_friday(org, clock, chat):
    visits = {a.service.name: a for a in my_appointments(org)}
    assert visits["Tinte"].start_at == local("2026-12-04", "10:00")
    cut = visits["Corte de dama"]
    assert local("2026-12-04", "12:00") <= cut.start_at <= local("2026-12-04", "12:30")


CASES = [
    # Several services in one visit.
    Case(
        "a cut and a manicure at 11",
        [
            (
                "quiero corte de dama y manicure mañana a las 11",
                ("corte de dama", "manicure", "11:00 a.m.", "12:00 p.m."),
            ),
            ("sí", ("a nombre de quién",)),
            ("Mariana López", ("listo", "corte de dama", "manicure")),
        ],
        booked=[
            ("Corte de dama", "Ana", "2026-12-03 11:00"),
            ("Manicure", "Ana", "2026-12-03 12:00"),
        ],
    ),
    Case(
        "color first, then the cut",
        [
            (
                "tinte y corte de dama el viernes a las 10",
                ("tinte", "corte de dama", "10:00 a.m."),
            ),
            ("si", ()),
            ("Mariana", ("listo",)),
        ],
        check=tinte_then_cut_on_friday,
    ),
    Case(
        "two services, no hour: times say for what",
        [
            (
                "manicure y corte de caballero para mañana",
                ("manicure", "corte de caballero", "jueves 3 de diciembre"),
            ),
            ("a las 5", ("manicure", "corte de caballero", "5:00 p.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "a women's and a men's cut at 4",
        [
            (
                "corte de dama y de caballero mañana a las 4",
                ("corte de dama", "corte de caballero", "4:00 p.m."),
            ),
            ("si", ()),
            ("Mariana López", ("listo",)),
        ],
        booked=[
            ("Corte de dama", None, "2026-12-03 16:00"),
            ("Corte de caballero", None, "2026-12-03 17:00"),
        ],
    ),
    Case(
        "two numbers from the list",
        [
            ("quiero agendar", ("qué servicio",)),
            ("1 y 3", ("corte de dama", "manicure", "qué día")),
        ],
    ),
    Case(
        "one offered and one not",
        [("manicure y pedicure el sábado", ("pedicure", "manicure", "sábado 5 de diciembre"))],
    ),
    Case(
        "a cut with Sofía and a manicure with whoever",
        [
            (
                "corte de dama con Sofía y manicure mañana a las 10",
                ("sofía", "manicure", "10:00 a.m.", "11:00 a.m."),
            ),
            ("si porfa", ()),
            ("Mariana López", ("listo",)),
        ],
        booked=[
            ("Corte de dama", "Sofía", "2026-12-03 10:00"),
            ("Manicure", None, "2026-12-03 11:00"),
        ],
    ),
    Case(
        "color and nails on saturday",
        [("tinte y manicure el sábado", ("tinte", "manicure", "sábado 5 de diciembre"))],
    ),
    Case(
        "a men's cut and a manicure at 5, the same person",
        [
            (
                "corte de caballero y manicure mñn a las 5",
                ("corte de caballero", "manicure", "5:00 p.m.", "5:30 p.m."),
            ),
            ("va", ()),
            ("Jorge", ("listo",)),
        ],
        booked=[
            ("Corte de caballero", "Carlos", "2026-12-03 17:00"),
            ("Manicure", "Carlos", "2026-12-03 17:30"),
        ],
        profile_name="",
    ),
    Case(
        "a cut and a beard they don't do",
        [("corte de caballero y barba mañana a las 12", ("barba", "corte de caballero"))],
    ),
    # Everyday names.
    Case(
        "a men's cut, said the everyday way",
        [("corte de hombre mañana a las 12", ("corte de caballero", "12:00 p.m."))],
    ),
    Case(
        "el de hombre, at the service question",
        [
            ("quiero agendar", ("qué servicio",)),
            ("el de hombre", ("qué día",)),
            ("mañana a las 12", ("corte de caballero", "12:00 p.m.")),
        ],
    ),
    Case(
        "corte para caballero",
        [("un corte para caballero el viernes a las 11", ("corte de caballero", "11:00 a.m."))],
    ),
    Case(
        "nails",
        [("uñas el viernes", ("manicure", "viernes 4 de diciembre"))],
    ),
    Case(
        "painting the nails",
        [("quiero pintarme las uñas mañana a las 4", ("manicure", "4:00 p.m."))],
    ),
    Case(
        "dyeing the hair",
        [("quiero pintarme el cabello mañana", ("tinte", "jueves 3 de diciembre"))],
    ),
    Case(
        "a root touch-up",
        [("retoque de raíz el lunes a las 10", ("tinte", "lunes 7 de diciembre, 10:00 a.m."))],
    ),
    Case(
        "a colour",
        [("me quiero hacer un color para el sábado", ("tinte", "sábado 5 de diciembre"))],
    ),
    Case(
        "corte dama, no 'de'",
        [("corte dama mañana a las 5", ("corte de dama", "5:00 p.m."))],
    ),
    Case(
        "korte, misspelled",
        [("korte de caballero mñn a las 12", ("corte de caballero", "12:00 p.m."))],
    ),
    Case(
        "manicura",
        [("manicura el viernes a las 4", ("manicure", "4:00 p.m."))],
    ),
    Case(
        "a women's cut, said another way",
        [("corte de mujer el sábado a las 11", ("corte de dama", "11:00 a.m."))],
    ),
    Case(
        "a lady's cut",
        [("un corte para señora mañana", ("corte de dama", "jueves 3 de diciembre"))],
    ),
    Case(
        "cutting the hair: which one",
        [("me quiero cortar el pelo", ("corte de dama", "corte de caballero"))],
    ),
    Case(
        "el de caballero at the service question",
        [("quiero agendar", ()), ("el de caballero porfa", ("qué día",))],
        ends=("booking", "awaiting_day"),
    ),
    # The owner's synonyms.
    Case(
        "gelish, the owner's word for manicure",
        [("quiero gelish el sábado", ("manicure", "sábado 5 de diciembre"))],
        setup=owner_synonyms,
    ),
    Case(
        "a fade, the owner's word for the men's cut",
        [("un fade mañana a la 1", ("corte de caballero", "1:00 p.m."))],
        setup=owner_synonyms,
    ),
    Case(
        "degradado at the service question",
        [
            ("hola quiero una cita", ()),
            ("degradado", ("qué día",)),
            ("mañana a las 6", ("corte de caballero", "6:00 p.m.")),
        ],
        setup=owner_synonyms,
    ),
    Case(
        "the service named in the list of times",
        [("manicure mañana", ("manicure", "jueves 3 de diciembre"))],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_customer_names_services(case: Case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)
