"""Customers of one business: found by phone, created on first contact, searched by staff."""

from __future__ import annotations

import datetime as dt

from peewee import IntegrityError, fn

from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.models import Appointment, Customer, Organization
from domain.phones import normalize_phone

MAX_NAME = 120


def clean_name(text: str) -> str:
    """A person's name as they should be greeted: trimmed, spaced, capitalised if all lower."""
    name = " ".join(text.split())[:MAX_NAME]
    return name.title() if name.islower() else name


def customer_for_phone(
    org: Organization, phone: str, *, profile_name: str = "", now: dt.datetime | None = None
) -> Customer:
    """The business's customer with this phone, created on first contact."""
    customer = Customer.get_or_none((Customer.org == org) & (Customer.phone == phone))
    if customer is not None:
        return customer
    try:
        with db.atomic():
            return Customer.create(
                org=org,
                phone=phone,
                name=clean_name(profile_name),
                created_at=now or dt.datetime.now(dt.UTC),
            )
    except IntegrityError:  # created meanwhile by a concurrent message
        return Customer.get((Customer.org == org) & (Customer.phone == phone))


def customer_for_booking(
    org: Organization, *, phone: str | None, name: str, now: dt.datetime
) -> Customer:
    """Whom the business is booking: the customer with this phone, or a new person.

    Without a phone there is nothing to recognise someone by, so each phone-less walk-in is
    a person of their own. A typed name replaces a name that only came from WhatsApp.
    """
    name = clean_name(name or "")
    if phone is None:
        return Customer.create(
            org=org, phone=None, name=name, name_confirmed=bool(name), created_at=now
        )
    customer = customer_for_phone(org, phone, now=now)
    if name and (not customer.name or not customer.name_confirmed):
        set_name(customer, name)
    return customer


def get_customer(org: Organization, customer_id: int) -> Customer:
    customer = Customer.get_or_none((Customer.org == org) & (Customer.id == customer_id))
    if customer is None:
        raise NotFound("No encontré a ese cliente.")
    return customer


def set_name(customer: Customer, name: str) -> Customer:
    cleaned = clean_name(name)
    if not cleaned:
        raise InvalidInput("Necesito un nombre.")
    customer.name = cleaned
    customer.name_confirmed = True
    customer.save()
    return customer


def search(org: Organization, text: str, limit: int = 10) -> list[Customer]:
    """Customers whose name contains text, or whose phone matches it, best known first."""
    query = Customer.select().where(Customer.org == org)
    phone = normalize_phone(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if phone:
        query = query.where(Customer.phone == phone)
    elif len(digits) >= 4:
        query = query.where(Customer.phone.contains(digits))
    else:
        words = text.split()
        if not words:
            return []
        for word in words:
            query = query.where(fn.LOWER(Customer.name).contains(word.lower()))
    return list(query.order_by(Customer.name, Customer.id).limit(limit))


def add_note(customer: Customer, text: str, *, author: str, now: dt.datetime) -> Customer:
    note = " ".join(text.split())
    if not note:
        raise InvalidInput("La nota está vacía.")
    stamp = now.strftime("%Y-%m-%d")
    line = f"[{stamp} {author}] {note[:1000]}"
    customer.notes = f"{customer.notes}\n{line}".strip()
    customer.save()
    return customer


def opt_out(customer: Customer, now: dt.datetime) -> None:
    Customer.update(opted_out_at=now).where(Customer.id == customer.id).execute()
    customer.opted_out_at = now


def opt_in(customer: Customer) -> None:
    Customer.update(opted_out_at=None).where(Customer.id == customer.id).execute()
    customer.opted_out_at = None


def upcoming(org: Organization, customer: Customer, now: dt.datetime) -> list[Appointment]:
    """The customer's active appointments from now on, soonest first."""
    return list(
        Appointment.select()
        .where(
            Appointment.org == org,
            Appointment.customer == customer,
            Appointment.status.in_(Appointment.ACTIVE),
            Appointment.end_at > now,
        )
        .order_by(Appointment.start_at)
    )


def history(org: Organization, customer: Customer, now: dt.datetime, limit: int = 5):
    """The customer's past appointments, most recent first."""
    return list(
        Appointment.select()
        .where(
            Appointment.org == org,
            Appointment.customer == customer,
            Appointment.start_at <= now,
        )
        .order_by(Appointment.start_at.desc())
        .limit(limit)
    )
