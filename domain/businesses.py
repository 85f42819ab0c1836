"""Creating a business in one transaction: the organization and everything it starts with.

Used by onboarding over WhatsApp, the demo command and the tests, so a new business always
comes out whole: a location with hours, the owner and staff, services, and spots (one per
person unless told otherwise, of the kind the business uses: chairs, nail tables, spa rooms,
lash beds; none for a stylist who works at clients' homes). If any part fails, nothing is
written.
"""

from __future__ import annotations

import dataclasses
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


# The kinds of business Yume knows (any other is stored by its own name), and the spot each
# one works at. A business that visits its clients' homes has no spots.
BUSINESS_TYPES = ("barbería", "salón", "uñas", "spa", "pestañas", "maquillaje", "a domicilio")
HOME_VISITS = "a domicilio"
SPOT_KIND = {"uñas": "table", "spa": "room", "pestañas": "bed"}
SPOT_NAME = {"chair": "Silla", "table": "Mesa", "room": "Cabina", "bed": "Cama"}


def spot_kind(business_type: str) -> str:
    """The spot a business of this type works at: chair, table, room or bed."""
    return SPOT_KIND.get(business_type, "chair")


def spots_of(kind: str, count: int) -> list[NewSpot]:
    """ "Silla 1", "Silla 2"… of one kind."""
    return [NewSpot(f"{SPOT_NAME.get(kind, 'Lugar')} {i + 1}", kind) for i in range(count)]


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
    spots: list[NewSpot] | None = None  # None: one per person; []: none (home visits)
    settings: dict = field(default_factory=dict)  # Organization booking settings to override


def create_business(spec: NewBusiness, *, invited_by: str | None = None, now=None) -> Organization:
    """Create the business described by spec, all or nothing.

    With invited_by (a person setting up their business), the phones of everyone but the
    owners get an invitation to accept instead of joining at once (see domain/team.py); seed
    data and imports name phones directly.
    """
    _validate(spec)
    if invited_by is not None:
        from domain import team

        asked = [
            (i, person.phone) for i, person in enumerate(spec.staff) if person.role != "owner"
        ]
        spec = dataclasses.replace(
            spec,
            staff=[
                dataclasses.replace(person, phone=None) if person.role != "owner" else person
                for person in spec.staff
            ],
        )
        with db.atomic():
            org = create_business(spec)
            members = list(Staff.select().where(Staff.org == org).order_by(Staff.position))
            for position, phone in asked:
                if phone:
                    team.invite(
                        org, members[position], normalize_phone(phone), by=invited_by, now=now
                    )
        return org
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
            add_member(org, person, i, services)
        spots = spec.spots
        if spots is None:
            kind = (
                HOME_VISITS if spec.business_type == HOME_VISITS else spot_kind(spec.business_type)
            )
            spots = [] if kind == HOME_VISITS else spots_of(kind, len(spec.staff))
        for spot_spec in spots:
            spot = Spot.create(
                org=org, location=location, name=spot_spec.name, kind=spot_spec.kind
            )
            _link(SpotService, "spot", spot, services, spot_spec.services)
    return org


def add_member(org: Organization, person: NewStaff, position: int, services: dict) -> Staff:
    """The one place a new business's people become staff rows (the owner among them)."""
    member = Staff.create(
        org=org,
        name=person.name.strip(),
        phone=normalize_phone(person.phone) if person.phone else None,
        role=person.role,
        position=position,
    )
    _link(StaffService, "staff", member, services, person.services)
    return member


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
