"""Scoped lookups the dashboard pages share: a record of another business is a 404."""

from __future__ import annotations

from domain.errors import NotFound
from domain.models import Organization, Service, Staff


def owned(model, org: Organization, record_id: int | None):
    """The row of model with this id in org, or NotFound (which the pages show as 404)."""
    row = model.get_or_none((model.org == org) & (model.id == record_id))
    if row is None:
        raise NotFound("No encontré ese registro en este negocio.")
    return row


def active_staff(org: Organization) -> list[Staff]:
    return list(
        Staff.select()
        .where(Staff.org == org, Staff.active == True)  # noqa: E712
        .order_by(Staff.position, Staff.id)
    )


def active_services(org: Organization) -> list[Service]:
    return list(
        Service.select()
        .where(Service.org == org, Service.active == True)  # noqa: E712
        .order_by(Service.position, Service.id)
    )
