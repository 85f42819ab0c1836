"""Which services a message names: names, everyday words, owner's synonyms, several, missing."""

from __future__ import annotations

import pytest

from bot.nlu.services import find_services

SALON = ((1, "Corte de dama"), (2, "Corte de caballero"), (3, "Manicure"), (4, "Tinte"))
BARBER = ((7, "Corte clásico"), (8, "Fade"), (9, "Barba"))


def named(text, services=SALON, synonyms=()):
    return [m.ids for m in find_services(text, services, synonyms).mentions]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("corte de hombre mañana", [(2,)]),
        ("el de hombre", [(2,)]),
        ("un corte para caballero", [(2,)]),
        ("corte de mujer", [(1,)]),
        ("un corte para señora", [(1,)]),
        ("uñas el viernes", [(3,)]),
        ("quiero pintarme las uñas", [(3,)]),
        ("manicura", [(3,)]),
        ("manicur", [(3,)]),
        ("quiero pintarme el cabello", [(4,)]),
        ("retoque de raíz", [(4,)]),
        ("korte de caballero", [(2,)]),
        ("corte dama", [(1,)]),
    ],
)
def test_everyday_names_find_the_business_service(text, ids):
    assert named(text) == ids


@pytest.mark.parametrize("text", ["quiero un corte", "me quiero cortar el pelo"])
def test_a_cut_without_saying_whose_is_ambiguous(text):
    assert named(text) == [(1, 2)]


@pytest.mark.parametrize(
    "text",
    ["quiero una cita para mañana", "qué precio tiene?", "hasta qué hora están?", "hola"],
)
def test_common_words_near_service_words_name_nothing(text):
    assert named(text) == []


def test_owner_synonyms_name_their_service():
    synonyms = ((3, "gelish, uñas esculturales"), (2, "degradado"))
    assert named("quiero gelish el sábado", synonyms=synonyms) == [(3,)]
    assert named("un degradado", synonyms=synonyms) == [(2,)]
    assert named("unas uñas esculturales", synonyms=synonyms) == [(3,)]


def test_several_services_come_in_the_order_written():
    assert named("quiero corte de dama y manicure") == [(1,), (3,)]
    assert named("tinte y corte de dama") == [(4,), (1,)]
    assert named("corte de dama y de caballero") == [(1,), (2,)]


def test_services_not_offered_come_back_with_what_there_is_of_that_kind():
    found = find_services("hacen pedicure?", SALON)
    assert (found.unknown, found.instead) == (("pedicure",), (3,))
    found = find_services("corte de caballero y barba", SALON)
    assert [m.ids for m in found.mentions] == [(2,)]
    assert found.unknown == ("arreglo de barba",)
    assert find_services("tienen pestañas?", SALON).instead == ()


def test_a_business_with_the_service_does_not_call_it_missing():
    assert find_services("quiero barba", BARBER).unknown == ()
    assert named("quiero barba", BARBER) == [(9,)]


def test_a_word_only_one_name_has_stands_for_it():
    services = ((5, "Uñas acrílicas"), (6, "Uñas de gel"))
    assert named("quiero acrilicas", services) == [(5,)]
