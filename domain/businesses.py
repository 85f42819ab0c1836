"""Creating a business in one transaction: the organization and everything it starts with.

Used by onboarding over WhatsApp, the demo command and the tests, so a new business always
comes out whole: a location with hours, the owner and staff, services, and spots (one chair per
person unless told otherwise). If any part fails, nothing is written.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass, field

from peewee import IntegrityError

from domain.db import db
from domain.errors import InvalidInput
from domain.hours import WeeklyHours, dump_hours
from domain.models import (
    Location,
    Organization,
    Service,
    Spot,
    SpotService,
    Staff,
    StaffService,
)
from domain.phones import normalize_phone


@dataclass(frozen=True)
class NewService:
    name: str
    duration_min: int
    price_cents: int
    buffer_min: int = 0


@dataclass(frozen=True)
class NewStaff:
    name: str
    phone: str | None
    role: str = "employee"
    services: tuple[str, ...] | None = None  # names; None: every service


@dataclass(frozen=True)
class NewSpot:
    name: str
    kind: str = "chair"
    services: tuple[str, ...] | None = None  # names; None: every service


@dataclass(frozen=True)
class NewBusiness:
    name: str
    hours: WeeklyHours
    services: list[NewService]
    staff: list[NewStaff]  # the owner among them, role="owner"
    business_type: str = "salon"
    timezone: str = "America/Mexico_City"
    address: str = ""
    coordinates: tuple[float, float] | None = None  # latitude, longitude of the address
    whatsapp_number: str | None = None
    spots: list[NewSpot] | None = None  # None: one chair per person
    settings: dict = field(default_factory=dict)  # Organization booking settings to override


def create_business(spec: NewBusiness) -> Organization:
    """Create the business described by spec, all or nothing."""
    _validate(spec)
    with db.atomic():
        org = Organization.create(
            name=spec.name.strip(),
            code=_free_code(spec.name),
            business_type=spec.business_type,
            timezone=spec.timezone,
            whatsapp_number=spec.whatsapp_number,
            **spec.settings,
        )
        latitude, longitude = spec.coordinates or (None, None)
        location = Location.create(
            org=org,
            name=spec.name.strip(),
            address=spec.address,
            hours=dump_hours(spec.hours),
            latitude=latitude,
            longitude=longitude,
        )
        services = {
            s.name: Service.create(
                org=org,
                name=s.name,
                duration_min=s.duration_min,
                price_cents=s.price_cents,
                buffer_min=s.buffer_min,
                position=i,
            )
            for i, s in enumerate(spec.services)
        }
        for i, person in enumerate(spec.staff):
            member = Staff.create(
                org=org,
                name=person.name.strip(),
                phone=normalize_phone(person.phone) if person.phone else None,
                role=person.role,
                position=i,
            )
            _link(StaffService, "staff", member, services, person.services)
        spots = spec.spots or [NewSpot(f"Silla {i + 1}") for i in range(len(spec.staff))]
        for spot_spec in spots:
            spot = Spot.create(
                org=org, location=location, name=spot_spec.name, kind=spot_spec.kind
            )
            _link(SpotService, "spot", spot, services, spot_spec.services)
    return org


def _link(model, column, owner, services, names) -> None:
    chosen = services.values() if names is None else [services[name] for name in names]
    model.insert_many([{column: owner, "service": service} for service in chosen]).execute()


def _validate(spec: NewBusiness) -> None:
    if not spec.name.strip():
        raise InvalidInput("El negocio necesita un nombre.")
    if not spec.services:
        raise InvalidInput("Agrega al menos un servicio.")
    if not any(person.role == "owner" for person in spec.staff):
        raise InvalidInput("El negocio necesita una persona dueña.")
    for service in spec.services:
        if not 5 <= service.duration_min <= 12 * 60:
            raise InvalidInput(f"La duración de {service.name} debe ser de 5 min a 12 horas.")
        if service.price_cents < 0:
            raise InvalidInput(f"El precio de {service.name} no puede ser negativo.")
    names = [s.name.casefold() for s in spec.services]
    if len(set(names)) != len(names):
        raise InvalidInput("Hay servicios con el mismo nombre.")
    phones = []
    for person in spec.staff:
        if person.phone:
            phone = normalize_phone(person.phone)
            if phone is None:
                raise InvalidInput(f"El WhatsApp de {person.name} no parece un número válido.")
            phones.append(phone)
    if len(set(phones)) != len(phones):
        raise InvalidInput("Dos personas tienen el mismo WhatsApp.")
    known = {s.name for s in spec.services}
    for holder in [*spec.staff, *(spec.spots or [])]:
        unknown = set(holder.services or ()) - known
        if unknown:
            raise InvalidInput(f"No conozco el servicio «{sorted(unknown)[0]}».")


GENERIC = frozenset(
    "salon salones barberia barber shop estetica spa unas nails studio estudio belleza beauty "
    "peluqueria la el los las de del y the".split()
)


def code_for(name: str) -> str:
    """A short code customers can type: "Barbería El Güero" -> "GUERO"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().upper()
    words = re.findall(r"[A-Z0-9]+", ascii_name)
    distinctive = [w for w in words if w.lower() not in GENERIC] or words
    return "".join(distinctive)[:10] or "NEGOCIO"


def _free_code(name: str) -> str:
    base = code_for(name)
    candidate = base
    for _ in range(20):
        if not Organization.select().where(Organization.code == candidate).exists():
            return candidate
        candidate = f"{base[:8]}{secrets.randbelow(9000) + 1000}"
    raise IntegrityError("no free business code")
