"""Who a visit is for, what people are called, and whether they write in usted."""

from __future__ import annotations

import pytest

from bot.nlu.people import ForWhom, clean_person_name, read_for_whom, read_register


@pytest.mark.parametrize(
    ("text", "whom"),
    [
        ("quiero cita para mi hija Valeria, corte de dama", ForWhom("hija", "Valeria")),
        ("es para mi esposo", ForWhom("esposo")),
        ("a nombre de mi mamá, Rosa", ForWhom("mamá", "Rosa")),
        ("para mi hijo de 8 años", ForWhom("hijo")),
        ("corte el viernes para mi esposo Juan", ForWhom("esposo", "Juan")),
        ("es para mi mamá, se llama doña Carmen", ForWhom("mamá", "Carmen")),
        ("es para mí", ForWhom(for_me=True)),
        ("corte de dama mañana", ForWhom()),
    ],
)
def test_visits_for_relatives_and_their_names(text, whom):
    assert read_for_whom(text) == whom


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("soy Lupita jeje", "Lupita"),
        ("me llamo Karla Sánchez 😊", "Karla Sánchez"),
        ("Karla, gracias", "Karla"),
        ("ah sí, Daniela Ruiz porfa", "Daniela Ruiz"),
        ("✨Mariana✨💅", "Mariana"),
        ("doña Carmen", "Carmen"),
        ("maría de la luz", "María De La Luz"),
    ],
)
def test_names_lose_emoji_laughter_courtesy_and_honorifics(text, name):
    assert clean_person_name(text) == name


@pytest.mark.parametrize(
    ("text", "formal"),
    [
        ("Buenas tardes, ¿me podría agendar un corte?", True),
        ("Disculpe, ¿cuánto cuesta el tinte?", True),
        ("¿Usted me puede decir dónde están?", True),
        ("Quisiera cancelar mi cita, por favor", True),
        ("Buenos días, ¿tendría lugar mañana?", True),
        ("oye me agendas un corte porfa", False),
        ("¿tienes algo mañana?", False),
        ("corte mañana a las 5", None),
        ("Buenas tardes", None),
    ],
)
def test_usted_and_tu_are_told_apart(text, formal):
    assert read_register(text) is formal
