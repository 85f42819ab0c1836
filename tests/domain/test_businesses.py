"""Creating a business is all or nothing; the demo business is what the docs describe."""

from __future__ import annotations

import dataclasses

import pytest

from domain.businesses import NewService, NewStaff, create_business
from domain.demo import create_demo
from domain.errors import InvalidInput
from domain.models import Appointment, Organization, Service, Spot, Staff
from tests.factories import spec

pytestmark = pytest.mark.usefixtures("database")


def test_demo_business_matches_the_conversation_guide(clock):
    org = create_demo(clock)
    assert org.name == "Estética Luna" and org.whatsapp_number == "+525550001000"
    services = {s.name: (s.duration_min, s.price_cents) for s in Service.select()}
    assert services == {
        "Corte de dama": (60, 35000),
        "Corte de caballero": (30, 18000),
        "Manicure": (45, 25000),
        "Tinte": (120, 90000),
    }
    assert [m.name for m in Staff.select().order_by(Staff.position)] == ["Ana", "Sofía", "Carlos"]
    assert Staff.get(Staff.name == "Ana").role == "owner"
    assert sorted(s.kind for s in Spot.select()) == ["chair", "chair", "chair", "table"]
    assert Appointment.select().count() >= 3


@pytest.mark.parametrize(
    "change, message",
    [
        ({"services": []}, "al menos un servicio"),
        ({"staff": [NewStaff("Luis", "5512345678")]}, "dueña"),
        ({"services": [NewService("Corte", 0, 100)]}, "duración"),
        (
            {"staff": [NewStaff("Luis", "55123", role="owner")]},
            "no parece un número válido",
        ),
        ({"services": [NewService("Corte", 30, 100), NewService("corte", 30, 100)]}, "mismo"),
    ],
)
def test_an_invalid_business_is_refused_and_nothing_is_written(change, message):
    with pytest.raises(InvalidInput, match=message):
        create_business(dataclasses.replace(spec(), **change))
    assert Organization.select().count() == 0


def test_a_failure_midway_leaves_nothing_behind():
    first = spec()
    create_business(first)
    clash = dataclasses.replace(spec(), whatsapp_number=first.whatsapp_number)
    with pytest.raises(Exception):  # noqa: B017 - the unique number fails inside the transaction
        create_business(clash)
    assert Organization.select().count() == 1
    assert Service.select().count() == 4 and Staff.select().count() == 3


def test_without_spots_each_person_gets_a_chair():
    org = create_business(dataclasses.replace(spec(), spots=None))
    assert Spot.select().where(Spot.org == org).count() == 3
