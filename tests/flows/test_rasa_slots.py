"""Reading what a Rasa assistant puts in a slot, at fixed moments (the server tests use the
real clock): Duckling instants and intervals, offsets across Tijuana's daylight-saving change,
free Spanish text, names as customers type them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.rasa_slots import Moment, Reader, grain_in, number
from tests.conftest import local
from tests.factories import salon, service, staff

pytestmark = pytest.mark.usefixtures("database")

D, T = dt.date, dt.time
WEDNESDAY = local("2026-12-02", "09:00")  # Mexico City
# Tijuana moves its clocks on Sunday 14 March 2027: -08:00 before, -07:00 after.
TIJUANA_FRIDAY = dt.datetime(2027, 3, 12, 9, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


@pytest.mark.parametrize(
    "value, grain, expected",
    [
        ("2026-12-04T17:00:00.000-06:00", None, Moment(D(2026, 12, 4), T(17))),
        ("2026-12-04T15:00:00.000-08:00", "hour", Moment(D(2026, 12, 4), T(17))),
        ("2026-12-04T23:30:00Z", "minute", Moment(D(2026, 12, 4), T(17, 30))),
        ("2026-12-04T00:00:00.000-06:00", "day", Moment(D(2026, 12, 4))),
        ("2026-12-04T00:00:00.000Z", None, Moment(D(2026, 12, 4))),  # a day, as written
        ("2026-12-04T17:00:00", None, Moment(D(2026, 12, 4), T(17))),  # the business's wall time
        ("2026-12-04", None, Moment(D(2026, 12, 4))),
        ("17:00", None, Moment(time=T(17))),
        ("9:30", None, Moment(time=T(9, 30))),
        ("el viernes", None, Moment(D(2026, 12, 4))),
        ("pasado mañana a las 5", None, Moment(D(2026, 12, 4), T(17))),
        ("el sábado en la tarde", None, Moment(D(2026, 12, 5), None, (T(12), T(19)))),
        (
            {"from": "2026-12-04T12:00:00.000-06:00", "to": "2026-12-04T19:00:00.000-06:00"},
            None,
            Moment(D(2026, 12, 4), None, (T(12), T(19))),
        ),
        (
            {"from": "2026-12-05T00:00:00.000-06:00", "to": "2026-12-07T00:00:00.000-06:00"},
            None,
            Moment(D(2026, 12, 5)),  # "el fin de semana": its first day
        ),
        ({"to": "2026-12-04T12:00:00.000-06:00"}, None, Moment(D(2026, 12, 4), T(12))),
        (
            {"value": "2026-12-04T00:00:00.000-06:00", "grain": "day", "type": "value"},
            None,
            Moment(D(2026, 12, 4)),
        ),
        (["2026-12-04T17:00:00.000-06:00"], None, Moment(D(2026, 12, 4), T(17))),
        ("cuando puedas", None, Moment()),
        (None, None, Moment()),
    ],
)
def test_dates_and_times_as_rasa_sends_them(value, grain, expected):
    assert Reader(salon(), WEDNESDAY).moment(value, grain) == expected


def test_a_bare_hour_is_read_within_the_business_hours():
    reader = Reader(salon(), WEDNESDAY)
    assert reader.moment("5", bare_hour=True) == Moment(time=T(17))
    assert reader.moment(5, bare_hour=True) == Moment(time=T(17))
    assert reader.moment("a las 11", bare_hour=True) == Moment(time=T(11))


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2027-03-12T10:00:00.000-08:00", Moment(D(2027, 3, 12), T(10))),  # before the change
        ("2027-03-15T10:00:00.000-07:00", Moment(D(2027, 3, 15), T(10))),  # after it
        ("2027-03-15T10:00:00.000-08:00", Moment(D(2027, 3, 15), T(11))),  # a fixed -08:00
        ("2027-03-15T12:00:00.000-06:00", Moment(D(2027, 3, 15), T(11))),  # Mexico City's
        ("2027-03-15T00:00:00.000-06:00", Moment(D(2027, 3, 15))),  # a day stays that day
        ("2027-03-14T01:30:00.000-08:00", Moment(D(2027, 3, 14), T(1, 30))),
        ("2027-03-14T03:30:00.000-07:00", Moment(D(2027, 3, 14), T(3, 30))),
        ("el lunes a las 10", Moment(D(2027, 3, 15), T(10))),
    ],
)
def test_offsets_on_both_sides_of_tijuanas_clock_change(value, expected):
    org = salon(timezone="America/Tijuana")
    assert Reader(org, TIJUANA_FRIDAY).moment(value) == expected


def test_services_and_staff_as_customers_and_entities_name_them():
    org = salon()
    reader = Reader(org, WEDNESDAY)
    dama, caballero = service(org, "Corte de dama").id, service(org, "Corte de caballero").id
    for said in ("corte de dama", "CORTE DE DAMA", "korte de dama", "Corte  de   dama", dama):
        assert reader.service(said) == dama, said
    assert reader.service(str(caballero)) == caballero
    assert reader.service("manicur") == service(org, "Manicure").id
    assert sorted(reader.service("corte")) == sorted([dama, caballero])
    assert reader.service("masaje") is None
    sofia = staff(org, "Sofía").id
    for said in ("sofia", "SOFÍA", "sofi", "Sofya", sofia, f"{sofia}"):
        assert reader.staff(said) == sofia, said
    assert reader.staff("karlos") == staff(org, "Carlos").id
    assert reader.staff("quien sea") == "any" and reader.staff("cualquiera") == "any"
    assert reader.staff("Pedro") is None


def test_another_business_ids_are_not_this_ones():
    ours, theirs = salon(), salon()
    reader = Reader(ours, WEDNESDAY)
    assert reader.service(service(theirs, "Tinte").id) is None
    assert reader.staff(staff(theirs, "Ana").id) is None


def test_names_and_appointment_numbers():
    reader = Reader(salon(), WEDNESDAY)
    assert reader.name("me llamo Paola Núñez") == "Paola Núñez"
    assert reader.name("Paola Núñez") == "Paola Núñez"
    assert [number(v) for v in (12, 12.0, "12", "#12", "la 12", "cita 12")] == [12] * 6
    assert [number(v) for v in (None, "", 12.5, "doce y algo", True, -3)] == [None] * 6


def test_the_grain_comes_from_the_entity_that_filled_the_slot():
    value = "2026-12-04T00:00:00.000-06:00"
    entities = [
        {"entity": "time", "value": value, "additional_info": {"grain": "day", "value": value}}
    ]
    assert grain_in(entities, value) == "day"
    interval = {"from": "2026-12-04T12:00:00.000-06:00", "to": "2026-12-04T19:00:00.000-06:00"}
    info = {"type": "interval", "from": {"value": interval["from"], "grain": "hour"}}
    assert grain_in(
        [{"entity": "time", "value": interval, "additional_info": info}], interval
    ) == ("hour")
    assert grain_in([], value) is None
