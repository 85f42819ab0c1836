"""What a business tells customers about itself: how to pay and where to find it."""

from __future__ import annotations

import re
from urllib.parse import quote

from domain.db import db
from domain.errors import InvalidInput
from domain.models import Location, Organization

MAX_PAYMENT = 300
MAPS = "https://www.google.com/maps/search/?api=1&query={}"
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\n|\s+y\s+|\s+o\s+)\s*", re.IGNORECASE)


def set_payment_methods(org: Organization, text: str) -> Organization:
    """How customers can pay, as the owner writes it ("efectivo, tarjeta y transferencia")."""
    text = " ".join((text or "").split())
    if len(text) > MAX_PAYMENT:
        raise InvalidInput("Las formas de pago pueden ocupar hasta 300 caracteres.")
    org.payment_methods = text
    org.save()
    return org


def update_details(
    org: Organization,
    location: Location,
    *,
    payment_methods: str,
    latitude: float | None,
    longitude: float | None,
) -> None:
    """Payment methods and map point together: both are checked before either is saved."""
    _check_coordinates(latitude, longitude)
    with db.atomic():
        set_payment_methods(org, payment_methods)
        set_coordinates(location, latitude, longitude)


def payment_methods(org: Organization) -> list[str]:
    """["efectivo", "tarjeta de débito", …]; empty when the owner has not said."""
    return [part for part in _LIST_SPLIT.split(org.payment_methods or "") if part]


def set_coordinates(
    location: Location, latitude: float | None, longitude: float | None
) -> Location:
    """Where a branch is on the map; both None to clear."""
    _check_coordinates(latitude, longitude)
    location.latitude, location.longitude = latitude, longitude
    location.save()
    return location


def _check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise InvalidInput("Escribe la latitud y la longitud, o ninguna de las dos.")
    if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput("Esas coordenadas no existen; cópialas de Google Maps.")


def map_link(location: Location) -> str:
    """A Google Maps link: the exact point when the owner set it, else the address."""
    if location.latitude is not None and location.longitude is not None:
        return MAPS.format(f"{location.latitude:.6f},{location.longitude:.6f}")
    if location.address:
        return MAPS.format(quote(location.address))
    return ""
