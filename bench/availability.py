"""How fast are free times listed on a busy salon, against the floor of reading its agenda?

Builds a salon with 10 staff, 6 spots, 8 services and 5,000 appointments over 60 days, then
reports, on SQLite and PostgreSQL: the median time to list 14 days of free times for one
service with any staff, and its ratio to merely loading those 14 days of appointments.

    python bench/availability.py [--repeat 30] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from zoneinfo import ZoneInfo

from common import fresh_database, interleaved_ms, machine, server_version

from domain.availability import _appointments, free_slots
from domain.businesses import NewBusiness, NewService, NewSpot, NewStaff, create_business
from domain.clock import FixedClock
from domain.db import db
from domain.hours import parse_hhmm
from domain.models import Appointment, Customer, Location, Service, Spot, SpotService, Staff

TZ = ZoneInfo("America/Mexico_City")
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=TZ).astimezone(dt.UTC)
DAYS = 60
TARGET = 5000

SERVICES = [  # name, minutes, where, how often it is booked
    ("Corte de dama", 60, "chair", 3),
    ("Corte de caballero", 30, "chair", 6),
    ("Barba", 20, "chair", 5),
    ("Tinte", 120, "chair", 1),
    ("Peinado", 45, "chair", 2),
    ("Manicure", 45, "table", 4),
    ("Pedicure", 60, "table", 2),
    ("Uñas acrílicas", 90, "table", 1),
]
WEIGHTS = {name: weight for name, _, _, weight in SERVICES}


def build_salon():
    org = build_salon_without_agenda()
    fill_agenda(org)
    return org


def build_salon_without_agenda():
    hours = {d: [(parse_hhmm("08:00"), parse_hhmm("22:00"))] for d in range(7)}
    chairs = tuple(name for name, _, kind, _ in SERVICES if kind == "chair")
    tables = tuple(name for name, _, kind, _ in SERVICES if kind == "table")
    spec = NewBusiness(
        name="Salón Benchmark",
        hours=hours,
        whatsapp_number="+525550009999",
        services=[NewService(name, minutes, 20000) for name, minutes, _, _ in SERVICES],
        staff=[
            NewStaff(
                f"Estilista {i}",
                f"+5255700000{i:02d}",
                role="owner" if i == 0 else "employee",
                services=chairs if i < 7 else tables,
            )
            for i in range(10)
        ],
        spots=[NewSpot(f"Silla {i}", services=chairs) for i in range(4)]
        + [NewSpot(f"Mesa {i}", kind="table", services=tables) for i in range(2)],
        settings={"horizon_days": 90, "min_notice_min": 60},
    )
    return create_business(spec)


def fill_agenda(org):
    """Lay 5,000 non-overlapping appointments over 60 days, respecting staff and spots."""
    rng = random.Random(7)
    location = Location.get(Location.org == org)
    services = {s.name: s for s in Service.select().where(Service.org == org)}
    staff = list(Staff.select().where(Staff.org == org).order_by(Staff.id))
    spots = {s.id: s for s in Spot.select().where(Spot.org == org)}
    hosts = {}
    for link in SpotService.select():
        hosts.setdefault(link.service_id, []).append(link.spot_id)
    customer_ids = [
        Customer.create(org=org, phone=f"+5256{i:08d}", name=f"Cliente {i}").id for i in range(400)
    ]
    rows, spot_free = [], {}
    open_days = [NOW.astimezone(TZ).date() + dt.timedelta(days=d) for d in range(DAYS)]
    per_staff_day = 1.5 * TARGET / (len(open_days) * len(staff))  # thinned below
    for day in open_days:
        for member in staff:
            offered = [s for s in services.values() if _does(member, s)]
            t = dt.datetime.combine(day, dt.time(8), tzinfo=TZ).astimezone(dt.UTC)
            close = dt.datetime.combine(day, dt.time(22), tzinfo=TZ).astimezone(dt.UTC)
            budget = int(per_staff_day) + (rng.random() < per_staff_day % 1)
            while budget and t < close:
                service = rng.choices(offered, [WEIGHTS[s.name] for s in offered])[0]
                end = t + dt.timedelta(minutes=service.duration_min)
                spot = next((s for s in hosts[service.id] if spot_free.get(s, t) <= t), None)
                if end > close or spot is None:
                    t += dt.timedelta(minutes=15)
                    continue
                spot_free[spot] = end
                rows.append(
                    dict(
                        org=org.id,
                        location=location.id,
                        customer=rng.choice(customer_ids),
                        service=service.id,
                        staff=member.id,
                        spot=spots[spot].id,
                        start_at=t,
                        end_at=end,
                        busy_until=end,
                        status="booked",
                        created_at=NOW,
                        updated_at=NOW,
                        scheduled_at=NOW,
                    )
                )
                budget -= 1
                t = end + dt.timedelta(minutes=rng.choice((0, 0, 15, 30)))
    rows = rng.sample(rows, min(TARGET, len(rows)))
    for number, row in enumerate(sorted(rows, key=lambda r: r["start_at"]), start=1):
        row["number"] = number
    with db.atomic():
        for i in range(0, len(rows), 500):
            Appointment.insert_many(rows[i : i + 500]).execute()
    return len(rows)


_skills: dict = {}


def _does(member, service):
    from domain.models import StaffService

    if member.id not in _skills:
        _skills[member.id] = {
            link.service_id for link in StaffService.select().where(StaffService.staff == member)
        }
    return service.id in _skills[member.id]


def measure(kind: str, repeat: int) -> dict:
    fresh_database(kind)
    _skills.clear()
    org = build_salon()
    total = Appointment.select().count()
    service = Service.get(Service.org == org, Service.name == "Corte de dama")
    clock = FixedClock(NOW)
    first_day = NOW.astimezone(TZ).date()
    start = dt.datetime.combine(first_day, dt.time(0), tzinfo=TZ).astimezone(dt.UTC)
    end = start + dt.timedelta(days=14)
    in_span = len(list(_appointments(org, start, end, None)))
    slots = free_slots(org, service, first_day, 14, clock=clock)
    listing, floor = interleaved_ms(
        lambda: free_slots(org, service, first_day, 14, clock=clock),
        lambda: list(_appointments(org, start, end, None)),
        repeat,
    )
    version = server_version(kind)
    db.close()
    return dict(
        kind=kind,
        version=version,
        total=total,
        in_span=in_span,
        slots=len(slots),
        listing=listing,
        floor=floor,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print("salon: 10 staff, 6 spots, 8 services; 14 days of 'Corte de dama' with any staff")
    for kind in [args.only] if args.only else ["sqlite", "postgres"]:
        r = measure(kind, args.repeat)
        print(
            f"{r['version']:<18} appointments {r['total']:>5} ({r['in_span']} in the 14 days)  "
            f"free times {r['slots']:>4}  list {r['listing']:6.2f} ms (median of {args.repeat})  "
            f"floor {r['floor']:6.2f} ms  ratio {r['listing'] / r['floor']:4.2f}x"
        )


if __name__ == "__main__":
    main()
