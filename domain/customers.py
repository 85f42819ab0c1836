"""Customers of one business: found by phone, created on first contact, searched by staff."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import IntegrityError, fn

from domain.db import db, fold, folded
from domain.errors import InvalidInput, NotFound
from domain.models import Appointment, Customer, Organization
from domain.phones import normalize_phone

MAX_NAME = 120


def clean_name(text: str) -> str:
    """A person's name as they should be greeted: no emoji or symbols, trimmed, spaced,
    capitalised if all lower ("✨mariana✨💅" -> "Mariana")."""
    kept = "".join(ch if ch.isalnum() or ch in " .'-" else " " for ch in text or "")
    name = " ".join(kept.split()).strip(" '-")[:MAX_NAME]
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
    """Customers whose name has every word of text (any case, with or without accents), or
    whose phone matches it written any way ("55 3000 0001", "+52 1 55…", its last digits)."""
    query = Customer.select().where(Customer.org == org)
    phone = normalize_phone(text)
    digits = "".join(ch for ch in text if ch.isdigit())
    if phone:
        query = query.where(Customer.phone == phone)
    elif len(digits) >= 4:
        query = query.where(Customer.phone.contains(digits))
    else:
        words = fold(text).split()
        if not words:
            return []
        name = folded(Customer.name)
        for word in words:
            query = query.where(name.contains(word))
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


NOTE_LINE = re.compile(r"^\[(\S+) ([^\]]*)\] (.*)$")


@dataclass(frozen=True)
class Note:
    index: int
    line: str  # as stored: changes are refused when the line changed meanwhile
    day: str
    author: str
    text: str


def notes_of(customer: Customer) -> list[Note]:
    """The customer's notes, one per stored line ("[2026-12-02 Ana] prefiere…")."""
    result = []
    for index, line in enumerate(customer.notes.splitlines()):
        if not line.strip():
            continue
        match = NOTE_LINE.match(line)
        day, author, text = match.groups() if match else ("", "", line)
        result.append(Note(index, line, day, author, text))
    return result


def _replace_line(customer: Customer, index: int, line: str, new: str | None) -> Customer:
    lines = customer.notes.splitlines()
    if not 0 <= index < len(lines) or lines[index] != line:
        raise InvalidInput("Esa nota cambió mientras tanto; vuelve a abrir la página.")
    if new is None:
        del lines[index]
    else:
        lines[index] = new
    customer.notes = "\n".join(lines).strip()
    customer.save()
    return customer


def edit_note(customer: Customer, index: int, line: str, text: str) -> Customer:
    """Change one note's text, keeping who wrote it and when."""
    note = " ".join(text.split())[:1000]
    if not note:
        raise InvalidInput("La nota está vacía; para quitarla usa «Quitar».")
    match = NOTE_LINE.match(line)
    new = f"[{match.group(1)} {match.group(2)}] {note}" if match else note
    return _replace_line(customer, index, line, new)


def remove_note(customer: Customer, index: int, line: str) -> Customer:
    return _replace_line(customer, index, line, None)


@dataclass(frozen=True)
class Figures:
    visits: int
    spent_cents: int
    no_shows: int
    cancellations: int
    last_visit: dt.datetime | None


def figures(org: Organization, customer: Customer) -> Figures:
    """How a customer has been with the business: visits, money spent, missed appointments."""
    rows = (
        Appointment.select(
            Appointment.status,
            fn.COUNT(Appointment.id),
            fn.SUM(Appointment.price_cents),
            fn.MAX(Appointment.start_at),
        )
        .where(Appointment.org == org, Appointment.customer == customer)
        .group_by(Appointment.status)
        .tuples()
    )
    by_status = {status: (count, total or 0, last) for status, count, total, last in rows}
    visits, spent, last = by_status.get("completed", (0, 0, None))
    if isinstance(last, str):
        last = dt.datetime.fromisoformat(last)
    return Figures(
        visits=visits,
        spent_cents=int(spent),
        no_shows=by_status.get("no_show", (0,))[0],
        cancellations=by_status.get("cancelled", (0,))[0],
        last_visit=last.replace(tzinfo=dt.UTC) if last else None,
    )


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
