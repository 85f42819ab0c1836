"""Reading services as owners list them: names, durations and prices in any order and shape."""

import pytest

from bot.nlu.owner_services import read_services, read_values


def services(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(s["name"], s["duration_min"], s["price_pesos"]) for s in read_services(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Corte 30 min 150, barba 20 min 100", [("Corte", 30, 150), ("Barba", 20, 100)]),
        ("acrílicas 350 1:30", [("Acrílicas", 90, 350)]),
        ("Pestañas clásicas 1:30 $450", [("Pestañas clásicas", 90, 450)]),
        ("acrilico 2 hras 450", [("Acrilico", 120, 450)]),
        ("masaje 1h30 $700", [("Masaje", 90, 700)]),
        ("Corte dama - $250 - 45 min", [("Corte dama", 45, 250)]),
        (
            "Corte 30min 140 / Barba 20min 90 / Corte y barba 50min 210",
            [("Corte", 30, 140), ("Barba", 20, 90), ("Corte y barba", 50, 210)],
        ),
        ("- Paquete novia: $1,300.00 (3 hrs)", [("Paquete novia", 180, 1300)]),
        ("uña enterrada 1 hr 1300.00", [("Uña enterrada", 60, 1300)]),
        ("unas acrilicas 2 horas 380", [("Unas acrilicas", 120, 380)]),
        ("$250 corte dama 45 min", [("Corte dama", 45, 250)]),
        ("retiro 80 pesos 20 min", [("Retiro", 20, 80)]),
        ("Masaje de piedras hora y media $1,100", [("Masaje de piedras", 90, 1100)]),
        ("facial una hora 700, ceja media hora 90", [("Facial", 60, 700), ("Ceja", 30, 90)]),
        ("corte 30 150", [("Corte", 30, 150)]),
        ("corte + barba 1 hr 300", [("Corte + barba", 60, 300)]),
        ("1. Corte 30 min 150\n2. Barba 20 min 100", [("Corte", 30, 150), ("Barba", 20, 100)]),
        ("depilación de ceja 15 min 80 c/u", [("Depilación de ceja", 15, 80)]),
    ],
)
def test_services_in_the_shapes_owners_write(text, expected):
    assert services(text) == expected


def test_what_is_missing_comes_back_empty_so_it_can_be_asked():
    assert services("corte dama 200, corte caballero 100") == [
        ("Corte dama", None, 200),
        ("Corte caballero", None, 100),
    ]
    assert services("manicure, pedicure") == [("Manicure", None, None), ("Pedicure", None, None)]


def test_opening_hours_are_not_read_as_durations():
    assert all(s[1] is None for s in services("lunes a sábado de 9:00 am a 7:00 pm"))


def test_each_of_several_names_gets_the_values_said_once_for_all():
    assert services("Manicure y pedicure $250 c/u, 1 hr c/u") == [
        ("Manicure", 60, 250),
        ("Pedicure", 60, 250),
    ]
    assert services("corte y barba 50 min 200") == [("Corte y barba", 50, 200)]


def test_emojis_and_brackets_around_names():
    assert services("💇‍♀️ Corte $200 (1 hr)\n✨ Alaciado $1,500 (3 hrs)") == [
        ("Corte", 60, 200),
        ("Alaciado", 180, 1500),
    ]
    assert services("Corte (niño) 30 min 100") == [("Corte (niño)", 30, 100)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("corte 30-40 min 150", [("Corte", 40, 150)]),  # a range: the longer, to fit
        ("keratina 2-3 hrs 1500", [("Keratina", 180, 1500)]),
        ("Corte = $150 / 30 min", [("Corte", 30, 150)]),
        ("corte $150 y barba $100 (30 min cada uno)", [("Corte", 30, 150), ("Barba", 30, 100)]),
        ("corte niño (hasta 10 años) 30 min 100", [("Corte niño (hasta 10 años)", 30, 100)]),
    ],
)
def test_ranges_remarks_and_values_said_apart(text, expected):
    assert services(text) == expected


def test_values_without_names_answer_what_was_asked():
    values = read_values("150 y 100")
    assert [v["price_pesos"] for v in values["single"]] == [150, 100] and not values["each"]
    values = read_values("30 150")
    assert (values["merged"][0]["duration_min"], values["merged"][0]["price_pesos"]) == (30, 150)
    assert read_values("media hora los dos")["each"]
