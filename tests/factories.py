"""Builders for test data, on top of the same domain services the app uses."""

from __future__ import annotations

import dataclasses
import itertools

from domain.businesses import NewBusiness, create_business
from domain.customers import customer_for_phone, set_name
from domain.demo import demo_spec
from domain.models import Customer, Organization, Service, Staff

_numbers = itertools.count(1)


def salon(timezone: str = "America/Mexico_City", **changes) -> Organization:
    """Estética Luna's setup (see CONVERSATIONS.md) with its own WhatsApp number."""
    spec = demo_spec(number=f"+52555000{next(_numbers):04d}", timezone=timezone)
    return create_business(dataclasses.replace(spec, **changes) if changes else spec)


def spec(**changes) -> NewBusiness:
    return dataclasses.replace(demo_spec(number=f"+52555000{next(_numbers):04d}"), **changes)


def service(org: Organization, name: str) -> Service:
    return Service.get(Service.org == org, Service.name == name)


def staff(org: Organization, name: str) -> Staff:
    return Staff.get(Staff.org == org, Staff.name == name)


def customer(org: Organization, name: str = "Mariana López", phone: str = "+525530000001"):
    person: Customer = customer_for_phone(org, phone)
    return set_name(person, name)
