"""Staff commands read by rules: verbs with typos and in any order, numbers, days and hours."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.commands import read_command

NOW = dt.datetime(2026, 12, 2, 9, 0)  # Wednesday
SERVICES = ((1, "Corte de dama"), (2, "Corte de caballero"), (3, "Manicure"))


def hours(_day):
    return [(dt.time(10), dt.time(20))]


def read(text):
    return read_command(text, NOW, hours_for=hours, service_names=SERVICES)


@pytest.mark.parametrize(
    "text, verb, number",
    [
        ("completar 41", "completar", 41),
        ("Completar #41", "completar", 41),
        ("completr 41", "completar", 41),
        ("la 41 ya quedó completada", "completar", 41),
        ("noshow 44", "noshow", 44),
        ("no vino la 44", "noshow", 44),
        ("cancelar 41 se enfermó", "cancelar", 41),
        ("desbloquear 45", "desbloquear", 45),
        ("panel", "panel", None),
        ("ayuda", "ayuda", None),
        ("nota Rosa: no vino ayer", "nota", None),
    ],
)
def test_verbs_and_numbers(text, verb, number):
    command = read(text)
    assert (command.verb, command.number) == (verb, number)


@pytest.mark.parametrize("text", ["hola", "gracias", "quiero un corte", ""])
def test_plain_talk_is_not_a_command(text):
    assert read(text) is None


def test_agenda_of_a_day_and_of_everyone():
    assert read("agenda").date is None
    assert read("agenda viernes").date == dt.date(2026, 12, 4)
    assert read("agenda 15/12").date == dt.date(2026, 12, 15)
    assert read("agenda todos").everyone


def test_a_block_with_day_hours_and_reason():
    command = read("bloquear mañana 3 a 5pm doctor")
    assert (command.date, command.start, command.end) == (
        dt.date(2026, 12, 3),
        dt.time(15),
        dt.time(17),
    )
    assert command.text == "doctor"


def test_a_time_range_without_a_verb_is_a_block():
    command = read("ponme comida de 2 a 3 mañana")
    assert command.verb == "bloquear" and command.text == "comida"
    assert (command.start, command.end) == (dt.time(14), dt.time(15))


def test_backwards_hours_are_flagged():
    assert read("bloquear 5 a 3").problem == "backwards"


def test_a_closure_over_several_days_keeps_its_reason():
    command = read("cerrar del 24 al 26 de diciembre Navidad")
    assert (command.date, command.until, command.text) == (
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 26),
        "Navidad",
    )
    single = read("cerrar 24 dic Navidad")
    assert (single.date, single.until) == (dt.date(2026, 12, 24), dt.date(2026, 12, 24))


def test_a_walk_in_finds_service_time_name_and_phone():
    command = read("walkin corte de dama 1:30pm Lucía 55 2000 0001")
    assert command.service_ids == (1,) and command.start == dt.time(13, 30)
    assert command.text == "Lucía" and command.phone == "+525520000001"


def test_staff_can_ask_to_be_a_customer():
    assert read("quiero agendar como cliente").verb == "as_customer"
