"""What customers ask about the business, and the owner's questions matched by meaning."""

from __future__ import annotations

import pytest

from bot.nlu.questions import looks_like_a_question, match_faq, read_questions

OWNER = (
    (1, "¿Tienen estacionamiento?"),
    (2, "¿Puedo llevar a mis hijos?"),
    (3, "¿Tienen wifi?"),
    (4, "¿Aceptan mascotas?"),
)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("cuanto cuesta el tinte?", ("price",)),
        ("precios?", ("price",)),
        ("en cuánto me sale un corte", ("price",)),
        ("cuanto el manicure?", ("price",)),
        ("cuánto dura el corte de dama?", ("duration",)),
        ("cuanto es de un tinte y cuanto tardan", ("price", "duration")),
        ("a que hora abren mañana?", ("hours",)),
        ("abren los domingos?", ("hours",)),
        ("hoy hasta qué hora atienden", ("hours",)),
        ("dónde están ubicados?", ("address",)),
        ("me mandas la ubicacion", ("address",)),
        ("qué servicios tienen", ("services",)),
        ("aceptan tarjeta?", ("payment",)),
        ("formas de pago?", ("payment",)),
        ("quien atiende los sabados?", ("staff_days",)),
    ],
)
def test_topics_are_read_from_the_question(text, topics):
    assert read_questions(text) == topics


def test_a_named_person_and_a_day_ask_who_works_when():
    assert read_questions("Sofía trabaja el sábado?", staff_named=True) == ("staff_days",)


def test_asking_whether_they_do_a_service():
    assert read_questions("hacen manicure?", service_named=True) == ("offered",)
    assert read_questions("tienen lugar mañana?", service_named=True) == ()


@pytest.mark.parametrize(
    "text", ["quiero un corte mañana a las 5", "cuanto antes porfa", "gracias", "sí"]
)
def test_wishes_are_not_questions_about_the_business(text):
    assert read_questions(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tienen estacionamiento?", 1),
        ("hay donde estacionar el carro?", 1),
        ("puedo ir con mi hijo?", 2),
        ("tienen wi fi", 3),
        ("se admite mi perro?", 4),
        ("tienen servicio a domicilio?", None),
        ("cuánto cuesta el tinte?", None),
    ],
)
def test_the_owners_questions_are_found_by_meaning(text, expected):
    assert match_faq(text, OWNER) == expected


def test_a_tie_between_two_owner_questions_matches_neither():
    assert match_faq("tienen?", ((1, "¿Tienen café?"), (2, "¿Tienen té?"))) is None


@pytest.mark.parametrize(
    ("text", "question"),
    [("tienen café", True), ("¿hay baño?", True), ("corte mañana", False), ("ok", False)],
)
def test_what_looks_like_a_question(text, question):
    assert looks_like_a_question(text) is question
