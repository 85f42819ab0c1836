"""Whatever sequence of messages arrives, the bot answers without failing and *menú* works."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import SORRY
from tests.conversations.chat import Chat
from tests.factories import salon

pytestmark = pytest.mark.usefixtures("database")

PHRASES = [
    "hola",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "la segunda",
    "sí",
    "si",
    "no",
    "nel",
    "va",
    "corte",
    "corte de dama",
    "manicure",
    "tinte",
    "con Sofía",
    "con quien sea",
    "mañana",
    "el sábado",
    "el domingo",
    "hoy",
    "15/12",
    "a las 5",
    "5pm",
    "en la tarde",
    "mediodía",
    "no, mejor a las 6",
    "otro día",
    "menú",
    "cancelar",
    "ayuda",
    "asesor",
    "mis citas",
    "cambiar mi cita",
    "cancelar mi cita",
    "gracias",
    "baja",
    "alta",
    "Mariana López",
    "😀",
    "",
    "'; DROP TABLE customer; --",
    "#41",
    "x" * 300,
    "quiero un corte de dama mañana a las 5 con Sofía",
]
_phones = itertools.count(1000)

messages = st.lists(
    st.one_of(st.sampled_from(PHRASES), st.text(max_size=40)), min_size=1, max_size=8
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=messages)
def test_any_message_sequence_is_answered_and_menu_always_comes_back(client, sequence):
    org = _org()
    chat = Chat(client, org.whatsapp_number, f"+52553000{next(_phones):04d}", "Prueba")
    for text in sequence:
        reply = chat.say(text)
        assert reply != SORRY, chat.transcript()
    assert "1. Agendar una cita" in chat.say("menú"), chat.transcript()


_orgs: dict = {}


def _org():
    """One business per database: hypothesis runs every example inside one test."""
    from domain.db import db
    from domain.models import Organization

    key = (id(db.obj), db.obj.database)
    if key not in _orgs or not Organization.select().where(Organization.id == _orgs[key]).exists():
        _orgs[key] = salon().id
    return Organization.get_by_id(_orgs[key])
