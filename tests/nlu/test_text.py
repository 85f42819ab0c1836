"""Tests for text normalisation and the small readers in bot.nlu.text."""

import datetime as dt

import pytest

from bot.nlu.text import (
    Match,
    best_match,
    normalize,
    normalize_with_map,
    read_number_choice,
    read_yes_no,
)
from bot.nlu.when import parse_when

SERVICES = ["Corte de dama", "Corte de caballero", "Manicure", "Tinte"]
STAFF = ["Ana", "Sofía", "Carlos"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mañana a las 5", "manana a las 5"),
        ("  ¡Hola!   ¿Cómo   estás? ", "hola como estas"),
        ("SOFÍA", "sofia"),
        ("a las 5:30 p.m. 😀👍", "a las 5:30 p.m."),
        ("cuesta $350, ¿ok?", "cuesta $350 ok"),
        ("15/12/2026", "15/12/2026"),
        ("línea\nnueva\tcon tab", "linea nueva con tab"),
        ("", ""),
        ("😀🙏", ""),
    ],
)
def test_normalize_lowercases_strips_accents_and_keeps_time_punctuation(text, expected):
    assert normalize(text) == expected


def test_normalize_handles_long_input():
    text = "¡Hola! Quiero cita 😀 " * 250
    assert normalize(text).startswith("hola quiero cita hola")


def test_normalize_with_map_points_back_to_the_original_characters():
    text = "¡Mañana  a las 5!"
    norm, index = normalize_with_map(text)
    start = norm.index("5")
    assert text[index[start]] == "5"
    assert text[index[0] : index[5] + 1] == "Mañana"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 2),
        ("la 2", 2),
        ("opción 2", 2),
        ("Opción #3", 3),
        ("#2", 2),
        ("la número 2", 2),
        ("dos", 2),
        ("uno", 1),
        ("la segunda", 2),
        ("el primero", 1),
        ("segunda opción", 2),
        ("la tercera opción por favor", 3),
        ("la 2da", 2),
        ("quiero la 3 porfa", 3),
        ("ok la 4", 4),
        ("3.", 3),
        ("la última", 4),
    ],
)
def test_read_number_choice_understands_numbers_words_and_ordinals(text, expected):
    assert read_number_choice(text, 4) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2 de la tarde",
        "a las 2",
        "las 2",
        "2pm",
        "a la 1",
        "la una",
        "2 personas",
        "5",
        "0",
        "",
        "hola",
        "la de en medio",
    ],
)
def test_read_number_choice_ignores_times_and_out_of_range_numbers(text):
    assert read_number_choice(text, 4) is None


def test_read_number_choice_ignores_long_texts():
    assert read_number_choice("la 2 " * 1000, 4) is None


@pytest.mark.parametrize(
    "text",
    [
        "sí", "si", "Sí", "SI", "sip", "siii", "va", "sale", "órale", "simón", "claro",
        "Claro que sí", "ok", "ok 👍", "de acuerdo", "perfecto", "confirmo", "Si, confirmo",
        "sí porfa", "si gracias", "Sí, por favor 🙏", "sale, gracias!", "Está bien", "bueno",
        "👍", "no hay problema", "cómo no", "sí, no hay problema", "creo que sí",
    ],
)  # fmt: skip
def test_read_yes_no_reads_mexican_yes(text):
    assert read_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "no", "No.", "nooo", "nel", "nop", "nop, gracias", "mejor no", "no gracias",
        "ahorita no", "👎", "no puedo", "creo que no", "no, mejor a las 6",
    ],
)  # fmt: skip
def test_read_yes_no_reads_mexican_no(text):
    assert read_yes_no(text) is False


@pytest.mark.parametrize(
    "text",
    ["no sé", "nose", "tal vez", "mmm", "hola", "gracias", "", "cancelar", "sí pero a las 6"],
)
def test_read_yes_no_is_none_when_unclear_or_asking_for_a_change(text):
    assert read_yes_no(text) is None


def test_a_refusal_with_a_correction_keeps_the_time_readable():
    text = "no, mejor a las 6"  # the flow reads both the refusal and the new time
    assert read_yes_no(text) is False
    assert parse_when(text, dt.datetime(2025, 12, 3, 12)).time == dt.time(18)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("quiero un tinte", "Tinte"),
        ("corte caballero", "Corte de caballero"),
        ("Corte de Dama", "Corte de dama"),
        ("corte de caballero por favor", "Corte de caballero"),
        ("manicur", "Manicure"),
        ("manicura", "Manicure"),
        ("mani", "Manicure"),
        ("tinta", "Tinte"),
        ("la de dama", "Corte de dama"),
        ("hola, quiero un corte de dama mañana a las 5 con Sofía", "Corte de dama"),
    ],
)
def test_best_match_finds_services_despite_case_accents_and_typos(text, best):
    found = best_match(text, SERVICES)
    assert found[0].name == best
    assert all(m.score < found[0].score for m in found[1:])


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("con sofi", "Sofía"),
        ("con Sofía", "Sofía"),
        ("SOFIA", "Sofía"),
        ("con carlitos", "Carlos"),
    ],
)
def test_best_match_finds_staff_by_name_prefix_or_typo(text, best):
    assert best_match(text, STAFF)[0].name == best


def test_best_match_reports_ties_so_callers_can_ask():
    found = best_match("quiero un corte", SERVICES)
    assert [m.name for m in found] == ["Corte de dama", "Corte de caballero"]
    assert found[0].score == found[1].score


@pytest.mark.parametrize("text", ["mañana a las 5", "hola", "", "quiero cita"])
def test_best_match_finds_nothing_in_unrelated_text(text):
    assert best_match(text, SERVICES + STAFF) == []


def test_best_match_returns_named_tuples_best_first():
    found = best_match("corte de dama", SERVICES)
    assert isinstance(found[0], Match)
    assert found[0] == ("Corte de dama", 1.0)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_best_match_respects_the_threshold():
    assert best_match("quiero un corte", SERVICES, threshold=0.9) == []


def test_readers_return_on_five_thousand_characters_of_junk():
    junk = ("sofi 😀 $350 #41 corte la 2 sí no " * 200)[:5000]
    assert best_match(junk, SERVICES + STAFF)
    assert read_yes_no(junk) in (True, False, None)
    assert read_number_choice(junk, 4) is None
