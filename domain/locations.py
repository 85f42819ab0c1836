"""Branches (locations): a business with more than one place, each with its own hours.

Staff work at every branch unless they work only at one (Staff.location); each spot belongs to
exactly one branch. Each change is checked whole and saved in one transaction.
"""

from __future__ import annotations

from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.hours import WeeklyHours, dump_hours
from domain.models import Location, Organization, Spot, Staff

MAX_ADDRESS = 300


def get_location(org: Organization, location_id: int) -> Location:
    location = Location.get_or_none((Location.org == org) & (Location.id == location_id))
    if location is None:
        raise NotFound("No encontré esa sucursal en este negocio.")
    return location


def _owned(model, org, ids, what) -> list:
    ids = sorted(set(ids))
    rows = list(model.select().where(model.org == org, model.id.in_(ids))) if ids else []
    if len(rows) != len(ids):
        raise NotFound(f"No encontré {what} en este negocio.")
    return rows


def save_location(
    org: Organization,
    location: Location | None,
    *,
    name: str,
    address: str,
    hours: WeeklyHours,
    active: bool = True,
    staff_ids=(),
    spot_ids=(),
) -> Location:
    """Create (location None) or change a branch.

    staff_ids: who works only here (the others who did now work at every branch).
    spot_ids: the spots that are here; a spot can only leave by being put in another branch.
    """
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("Escribe el nombre de la sucursal.")
    if len(name) > 120:
        raise InvalidInput("El nombre de la sucursal puede tener hasta 120 caracteres.")
    address = (address or "").strip()
    if len(address) > MAX_ADDRESS:
        raise InvalidInput(f"La dirección puede tener hasta {MAX_ADDRESS} caracteres.")
    staff = _owned(Staff, org, staff_ids, "a esa persona")
    spots = _owned(Spot, org, spot_ids, "ese lugar")
    if location is not None and not active:
        others = Location.select().where(
            Location.org == org,
            Location.active == True,  # noqa: E712
            Location.id != location.id,
        )
        if not others.exists():
            raise InvalidInput("El negocio necesita al menos una sucursal activa.")
    chosen = {s.id for s in spots}
    if location is not None:
        leaving = [
            s.name for s in Spot.select().where(Spot.location == location) if s.id not in chosen
        ]
        if leaving:
            raise InvalidInput(
                f"«{leaving[0]}» tiene que estar en alguna sucursal: márcalo en la sucursal "
                "a la que se va."
            )
    location = location or Location(org=org)
    location.name, location.address, location.active = name, address, active
    location.hours = dump_hours(hours)
    with db.atomic():
        location.save()
        only_here = [m.id for m in staff]
        Staff.update(location=None).where(
            Staff.org == org, Staff.location == location, Staff.id.not_in(only_here or [0])
        ).execute()
        if only_here:
            Staff.update(location=location).where(Staff.id.in_(only_here)).execute()
        if chosen:
            Spot.update(location=location).where(Spot.id.in_(sorted(chosen))).execute()
    return location


def assign_staff(org: Organization, member: Staff, location_id: int | None) -> Staff:
    """Where a member works: one branch (location_id) or every branch (None)."""
    member.location = get_location(org, location_id) if location_id else None
    member.save()
    return member


def move_spot(org: Organization, spot: Spot, location_id: int) -> Spot:
    spot.location = get_location(org, location_id)
    spot.save()
    return spot
