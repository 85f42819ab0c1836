"""Tests for reading onboarding messages: services, weekly hours and staff."""

import datetime as dt

import pytest

from bot.nlu.catalog import (
    ParsedService,
    parse_services,
    parse_staff_entries,
    parse_weekly_hours,
)

T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Corte 30 min $150, barba 20 min 100",
            [("Corte", 30, 150), ("Barba", 20, 100)],
        ),
        ("Corte de dama 1 hora 350 pesos", [("Corte de dama", 60, 350)]),
        (
            "tinte 2 hrs $900\nmanicure 45min $250",
            [("Tinte", 120, 900), ("Manicure", 45, 250)],
        ),
        ("uñas acrílicas hora y media $400", [("Uñas acrílicas", 90, 400)]),
        ("Corte y barba 40 min $200", [("Corte y barba", 40, 200)]),
        (
            "corte 30 min 150 y barba 20 min 100",
            [("Corte", 30, 150), ("Barba", 20, 100)],
        ),
        ("Pedicure spa 1h30 $1,200", [("Pedicure spa", 90, 1200)]),
        ("Keratina 2.5 horas 1500 mxn", [("Keratina", 150, 1500)]),
        ("Peinado media hora 300", [("Peinado", 30, 300)]),
        ("Corte: 30 min, $150", [("Corte", 30, 150)]),
        ("Manicure 45 min a $250", [("Manicure", 45, 250)]),
        ("Depilación de ceja 15 min $80.00", [("Depilación de ceja", 15, 80)]),
        (
            "- Corte $150 (30 min)\n- Barba $100 20 min",
            [("Corte", 30, 150), ("Barba", 20, 100)],
        ),
    ],
)
def test_services_are_read_with_duration_and_price(text, expected):
    assert parse_services(text) == [ParsedService(*item) for item in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tinte $900", [("Tinte", None, 900)]),
        ("Corte de caballero 30 minutos", [("Corte de caballero", 30, None)]),
        ("Corte 30 min $150, barba", [("Corte", 30, 150), ("Barba", None, None)]),
        ("corte, barba y tinte", [("Corte", None, None), ("Barba y tinte", None, None)]),
    ],
)
def test_services_missing_a_duration_or_price_come_back_with_none(text, expected):
    assert parse_services(text) == [ParsedService(*item) for item in expected]


@pytest.mark.parametrize("text", ["listo", "", "   "])
def test_no_services_in_control_words_or_empty_text(text):
    assert parse_services(text) == []


WEEKDAYS = range(5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "lunes a viernes 10 a 8, sábado 10 a 3",
            {**{d: [(T(10), T(20))] for d in WEEKDAYS}, 5: [(T(10), T(15))]},
        ),
        ("lun a sab de 9 a 7", {d: [(T(9), T(19))] for d in range(6)}),
        (
            "L-V 9:00-19:00 y sábados 9-14",
            {**{d: [(T(9), T(19))] for d in WEEKDAYS}, 5: [(T(9), T(14))]},
        ),
        ("todos los días de 10 a 6", {d: [(T(10), T(18))] for d in range(7)}),
        (
            "lunes a viernes 10 a 2 y de 4 a 8",
            {d: [(T(10), T(14)), (T(16), T(20))] for d in WEEKDAYS},
        ),
        (
            "Lunes a viernes de 10 am a 8 pm, sábados de 10 a 2 y domingos cerrado",
            {**{d: [(T(10), T(20))] for d in WEEKDAYS}, 5: [(T(10), T(14))]},
        ),
        ("lunes, miércoles y viernes de 10 a 6", {d: [(T(10), T(18))] for d in (0, 2, 4)}),
        ("de martes a domingo 11 a 9", {d: [(T(11), T(21))] for d in range(1, 7)}),
        (
            "entre semana 9 a 7 y fines de semana 10 a 3",
            {**{d: [(T(9), T(19))] for d in WEEKDAYS}, 5: [(T(10), T(15))], 6: [(T(10), T(15))]},
        ),
        ("L a S 9-20", {d: [(T(9), T(20))] for d in range(6)}),
    ],
)
def test_weekly_hours_read_closing_hours_below_opening_as_pm(text, expected):
    assert parse_weekly_hours(text) == expected


def test_hours_without_days_apply_to_every_day():
    assert parse_weekly_hours("de 10 a 7") == {d: [(T(10), T(19))] for d in range(7)}


@pytest.mark.parametrize("text", ["no sé", "", "cerrado"])
def test_weekly_hours_are_none_when_nothing_is_understood(text):
    assert parse_weekly_hours(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pedro 5512345678", [("Pedro", "5512345678")]),
        (
            "Pedro 55 1234 5678 y Juan 3312345678",
            [("Pedro", "5512345678"), ("Juan", "3312345678")],
        ),
        ("Sofía +52 1 55 1111 2222", [("Sofía", "5511112222")]),
        ("Sofía +52 55 1111 2222", [("Sofía", "5511112222")]),
        (
            "Ana López: 55-1234-5678, Carlos (33) 1234 5678",
            [("Ana López", "5512345678"), ("Carlos", "3312345678")],
        ),
        ("Pedro su número es 5512345678", [("Pedro", "5512345678")]),
        ("Pedro y Juan", [("Pedro", None), ("Juan", None)]),
        ("Pedro 5512345678 y Juan", [("Pedro", "5512345678"), ("Juan", None)]),
    ],
)
def test_staff_entries_pair_names_with_phone_digits(text, expected):
    assert parse_staff_entries(text) == expected


@pytest.mark.parametrize("text", ["no", "No", "nadie", "solo yo", ""])
def test_no_staff_when_the_owner_works_alone(text):
    assert parse_staff_entries(text) == []


def test_catalog_readers_return_on_long_junk():
    junk = ("Corte 30 min $150, lunes a viernes 10 a 8, Pedro 5512345678 😀 " * 100)[:5000]
    assert parse_services(junk)
    assert parse_weekly_hours(junk)
    assert parse_staff_entries(junk)
