"""Estética Luna, the demo business: what `make run` and the simulator start with."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain import booking
from domain.businesses import NewBusiness, NewService, NewSpot, NewStaff, create_business
from domain.clock import Clock
from domain.customers import customer_for_phone, set_name
from domain.errors import BookingConflict
from domain.hours import parse_hhmm
from domain.models import Organization, Service, Staff

NUMBER = "+525550001000"
OWNER = ("Ana", "+525511110001")
STAFF = (("Sofía", "+525511110002"), ("Carlos", "+525511110003"))

HOURS = {
    **{weekday: [(parse_hhmm("10:00"), parse_hhmm("20:00"))] for weekday in range(5)},
    5: [(parse_hhmm("10:00"), parse_hhmm("15:00"))],
}

CUSTOMERS = (
    ("Lucía Pérez", "+525520000001"),
    ("Rosa Díaz", "+525520000002"),
    ("Jorge Ramírez", "+525520000003"),
)


def demo_spec(number: str = NUMBER, timezone: str = "America/Mexico_City") -> NewBusiness:
    cuts = ("Corte de dama", "Corte de caballero", "Tinte")
    return NewBusiness(
        name="Estética Luna",
        business_type="estética",
        timezone=timezone,
        address="Av. Álvaro Obregón 123, Roma Norte, CDMX",
        coordinates=(19.41915, -99.16175),
        settings={"payment_methods": "efectivo, tarjeta de débito y tarjeta de crédito"},
        whatsapp_number=number,
        hours=HOURS,
        services=[
            NewService("Corte de dama", 60, 35000),
            NewService("Corte de caballero", 30, 18000),
            NewService("Manicure", 45, 25000),
            NewService("Tinte", 120, 90000, buffer_min=15),
        ],
        staff=[
            NewStaff(*OWNER, role="owner", services=("Corte de dama", "Tinte", "Manicure")),
            NewStaff(*STAFF[0], services=cuts),
            NewStaff(*STAFF[1], services=("Corte de caballero", "Manicure")),
        ],
        spots=[
            NewSpot("Silla 1", services=cuts),
            NewSpot("Silla 2", services=cuts),
            NewSpot("Silla 3", services=cuts),
            NewSpot("Mesa de manicure", kind="table", services=("Manicure",)),
        ],
    )


def create_demo(clock: Clock, *, with_appointments: bool = True) -> Organization:
    """Create Estética Luna (and a few appointments over the next days)."""
    org = create_business(demo_spec())
    if with_appointments:
        add_demo_appointments(org, clock)
    return org


def add_demo_appointments(org: Organization, clock: Clock) -> None:
    tz = ZoneInfo(org.timezone)
    today = clock.now().astimezone(tz).date()
    plan = [
        (1, "11:00", "Corte de dama", "Sofía", 0),
        (1, "12:30", "Tinte", "Ana", 1),
        (1, "17:00", "Corte de caballero", "Carlos", 2),
        (2, "10:00", "Manicure", "Carlos", 0),
        (3, "16:00", "Corte de dama", "Ana", 1),
    ]
    for days, at, service_name, staff_name, who in plan:
        name, phone = CUSTOMERS[who]
        customer = customer_for_phone(org, phone, now=clock.now())
        set_name(customer, name)
        start = dt.datetime.combine(today + dt.timedelta(days=days), parse_hhmm(at), tzinfo=tz)
        try:
            booking.book(
                org,
                customer=customer,
                service=Service.get(Service.org == org, Service.name == service_name),
                staff=Staff.get(Staff.org == org, Staff.name == staff_name),
                start=start.astimezone(dt.UTC),
                clock=clock,
                source="dashboard",
                actor="system",
            )
        except BookingConflict:
            continue  # a closed day or a holiday: the demo simply has one fewer
