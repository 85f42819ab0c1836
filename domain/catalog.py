"""What a business offers and how it books: staff, services, spots, hours and settings.

Each change is checked whole before anything is written and then saved in one transaction,
so a refused change leaves nothing half-done. Messages are Spanish, for the owner.
"""

from __future__ import annotations

from peewee import IntegrityError

from domain.auth import end_sessions
from domain.availability import default_location
from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.hours import HoursError, WeeklyHours, dump_hours, format_hhmm, parse_hhmm
from domain.models import (
    Organization,
    Service,
    Spot,
    SpotService,
    Staff,
    StaffService,
)

ROLES = {"owner": "Dueña o dueño", "employee": "Integrante del equipo"}
SPOT_KINDS = {"chair": "Silla", "table": "Mesa", "room": "Cabina"}
SLOT_INTERVALS = (5, 10, 15, 20, 30, 60)
TIMEZONES = {
    "America/Mexico_City": "Centro (Ciudad de México)",
    "America/Monterrey": "Noreste (Monterrey)",
    "America/Merida": "Península (Mérida)",
    "America/Cancun": "Quintana Roo (Cancún)",
    "America/Chihuahua": "Chihuahua",
    "America/Mazatlan": "Pacífico (Mazatlán)",
    "America/Hermosillo": "Sonora (Hermosillo)",
    "America/Tijuana": "Noroeste (Tijuana)",
}


def _owned(model, org: Organization, ids, what: str) -> list:
    ids = sorted(set(ids))
    rows = list(model.select().where(model.org == org, model.id.in_(ids))) if ids else []
    if len(rows) != len(ids):
        raise NotFound(f"No encontré {what} en este negocio.")
    return rows


def _name(text: str, what: str, limit: int = 120) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise InvalidInput(f"Escribe el nombre {what}.")
    if len(name) > limit:
        raise InvalidInput(f"El nombre {what} puede tener hasta {limit} caracteres.")
    return name


def _link(model, column: str, owner, others, other_column: str) -> None:
    model.delete().where(getattr(model, column) == owner).execute()
    if others:
        model.insert_many([{column: owner, other_column: o} for o in others]).execute()


def save_service(
    org: Organization,
    service: Service | None,
    *,
    name: str,
    duration_min: int,
    price_cents: int,
    buffer_min: int = 0,
    active: bool = True,
    staff_ids=(),
    spot_ids=(),
    synonyms: str | None = None,
) -> Service:
    """Create (service None) or change a service, with who offers it and where.

    `synonyms` (other names customers use) stays as it was when None.
    """
    name = _name(name, "del servicio")
    if not 5 <= duration_min <= 12 * 60:
        raise InvalidInput("La duración debe ser de 5 minutos a 12 horas.")
    if not 0 <= price_cents <= 100_000_00:
        raise InvalidInput("El precio debe ser de $0 a $100,000.")
    if not 0 <= buffer_min <= 240:
        raise InvalidInput("El tiempo de limpieza debe ser de 0 a 240 minutos.")
    staff = _owned(Staff, org, staff_ids, "a esa persona")
    spots = _owned(Spot, org, spot_ids, "ese lugar")
    service = service or Service(
        org=org, position=Service.select().where(Service.org == org).count()
    )
    service.name, service.duration_min, service.price_cents = name, duration_min, price_cents
    service.buffer_min, service.active = buffer_min, active
    if synonyms is not None:
        service.synonyms = clean_synonyms(synonyms)
    try:
        with db.atomic():
            service.save()
            _link(StaffService, "service", service, staff, "staff")
            _link(SpotService, "service", service, spots, "spot")
    except IntegrityError:
        raise InvalidInput(f"Ya existe un servicio llamado «{name}».") from None
    return service


def save_staff(
    org: Organization,
    member: Staff | None,
    *,
    name: str,
    role: str = "employee",
    active: bool = True,
    service_ids=(),
) -> Staff:
    """Create (member None) or change a staff member; a business always keeps an owner.

    The WhatsApp number is not set here: it needs that phone's consent (team.set_phone). A
    new role or a deactivation ends the member's dashboard sessions.
    """
    name = _name(name, "de la persona")
    if role not in ROLES:
        raise InvalidInput("Elige un rol: dueña o dueño, o integrante del equipo.")
    services = _owned(Service, org, service_ids, "ese servicio")
    if member is not None and member.is_owner and (role != "owner" or not active):
        others = Staff.select().where(
            Staff.org == org,
            Staff.role == "owner",
            Staff.active == True,  # noqa: E712
            Staff.id != member.id,
        )
        if not others.exists():
            raise InvalidInput("El negocio necesita al menos una persona dueña activa.")
    member = member or Staff(org=org, position=Staff.select().where(Staff.org == org).count())
    access_changed = member.id is not None and (
        member.role != role or (member.active and not active)
    )
    member.name, member.role, member.active = name, role, active
    with db.atomic():
        member.save()
        _link(StaffService, "staff", member, services, "service")
        if access_changed:
            end_sessions(staff=member)
    return member


def set_synonyms(service: Service, text: str) -> Service:
    """Other names customers use for a service ("uñas, gelish"), comma-separated."""
    service.synonyms = clean_synonyms(text)
    service.save()
    return service


def clean_synonyms(text: str) -> str:
    """One comma-separated, de-duplicated list; refuses what would not fit."""
    seen: dict[str, str] = {}
    for part in (text or "").replace("\n", ",").replace(";", ",").split(","):
        word = " ".join(part.split())
        if word and word.lower() not in seen:
            seen[word.lower()] = word
    joined = ", ".join(seen.values())
    if len(joined) > 500:
        raise InvalidInput("Los otros nombres pueden ocupar hasta 500 caracteres.")
    return joined


def set_staff_color(member: Staff, color: int | None) -> Staff:
    """The member's colour in the agenda (an index of the palette; None: by position)."""
    if color is not None and not 0 <= color < Staff.PALETTE:
        raise InvalidInput("Elige uno de los colores.")
    member.color = color
    member.save()
    return member


def set_staff_hours(member: Staff, hours: WeeklyHours | None) -> Staff:
    """A member's own hours (None: the business's hours)."""
    member.hours = None if hours is None else dump_hours(hours)
    member.save()
    return member


def save_spot(
    org: Organization,
    spot: Spot | None,
    *,
    name: str,
    kind: str = "chair",
    active: bool = True,
    service_ids=(),
) -> Spot:
    name = _name(name, "del lugar", 80)
    if kind not in SPOT_KINDS:
        raise InvalidInput("Elige el tipo de lugar: silla, mesa o cabina.")
    services = _owned(Service, org, service_ids, "ese servicio")
    spot = spot or Spot(org=org, location=default_location(org))
    spot.name, spot.kind, spot.active = name, kind, active
    with db.atomic():
        spot.save()
        _link(SpotService, "spot", spot, services, "service")
    return spot


def set_business_hours(org: Organization, hours: WeeklyHours) -> None:
    location = default_location(org)
    location.hours = dump_hours(hours)
    location.save()


def business_hours(org: Organization) -> dict:
    return default_location(org).hours or {}


BOOKING_LIMITS = {
    "min_notice_min": (0, 7 * 24 * 60, "La anticipación mínima debe ser de 0 a 10,080 minutos."),
    "horizon_days": (1, 365, "Se puede agendar con hasta 1 a 365 días de anticipación."),
    "cancel_cutoff_hours": (0, 168, "El límite para cancelar debe ser de 0 a 168 horas."),
    "reminder_hours": (1, 72, "El recordatorio debe enviarse de 1 a 72 horas antes."),
}


def update_booking_settings(org: Organization, **values) -> Organization:
    """Change booking settings; every value is checked before any is saved."""
    if values.get("slot_interval_min", org.slot_interval_min) not in SLOT_INTERVALS:
        raise InvalidInput("El intervalo entre horarios debe ser 5, 10, 15, 20, 30 o 60 minutos.")
    for key, (low, high, message) in BOOKING_LIMITS.items():
        if key in values and not low <= values[key] <= high:
            raise InvalidInput(message)
    second = values.get("second_reminder_hours", org.second_reminder_hours)
    first = values.get("reminder_hours", org.reminder_hours)
    if second is not None and not 1 <= second < first:
        raise InvalidInput(
            "El segundo recordatorio debe ir después del primero (menos horas antes)."
        )
    weeks = values.get("rebook_nudge_weeks", org.rebook_nudge_weeks)
    if weeks is not None and not 1 <= weeks <= 52:
        raise InvalidInput("La invitación a volver debe enviarse de 1 a 52 semanas después.")
    if "daily_summary_time" in values:
        try:
            values["daily_summary_time"] = format_hhmm(parse_hhmm(values["daily_summary_time"]))
        except HoursError:
            raise InvalidInput(
                "La hora del resumen diario debe ser una hora, por ejemplo 7:30 a.m."
            ) from None
    if "timezone" in values and values["timezone"] not in TIMEZONES:
        raise InvalidInput("Elige una zona horaria de la lista.")
    if "name" in values:
        values["name"] = _name(values["name"], "del negocio")
    unknown = set(values) - set(Organization._meta.fields) - {"name"}
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    for key, value in values.items():
        setattr(org, key, value)
    org.save()
    return org
