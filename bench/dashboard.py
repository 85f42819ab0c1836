"""How fast and how big are the dashboard's heaviest pages?

Builds a salon with 10 staff working 8:00–22:00 and 5,000 appointments this month (80 of
them today), then asks the real app (Flask's test client, an owner's session) for:
  - today's agenda grid (10 columns, 80 appointments),
  - the Resumen (today, this week and this month over the 5,000 appointments),
  - GET /api/v1/summary, the same figures as JSON,
and prints the median server time and the size of each answer, on SQLite and PostgreSQL.
Aim: under 50 ms and 80 KB each.

    python bench/dashboard.py [--repeat 30] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import random
import statistics
import time
from zoneinfo import ZoneInfo

from common import PG_NAME, PG_SERVER, fresh_database, machine, server_version

from domain.auth import create_api_token
from domain.businesses import NewBusiness, NewService, NewStaff, create_business
from domain.clock import FixedClock
from domain.db import db
from domain.hours import parse_hhmm
from domain.models import Appointment, Customer, Location, Organization, Service, Staff
from domain.settings import load_settings
from web import create_app

TZ = ZoneInfo("America/Mexico_City")
TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime.combine(TODAY, dt.time(9), tzinfo=TZ).astimezone(dt.UTC)
MONTH = [dt.date(2026, 12, d) for d in range(1, 32)]
TOTAL, ON_TODAY = 5000, 80
SERVICES = [("Corte de dama", 60), ("Corte de caballero", 30), ("Barba", 20), ("Tinte", 90)]
SERVICES += [("Peinado", 45), ("Manicure", 45), ("Pedicure", 60), ("Cejas", 20)]
STATUSES = ["completed"] * 6 + ["booked", "confirmed", "no_show", "cancelled"]
SOURCES = ["whatsapp"] * 5 + ["dashboard"] * 3 + ["walk_in"] * 2


def build_salon() -> Organization:
    hours = {d: [(parse_hhmm("08:00"), parse_hhmm("22:00"))] for d in range(7)}
    names = tuple(name for name, _ in SERVICES)
    return create_business(
        NewBusiness(
            name="Salón Benchmark",
            hours=hours,
            whatsapp_number="+525550009998",
            services=[NewService(name, minutes, 25000) for name, minutes in SERVICES],
            staff=[
                NewStaff(
                    f"Estilista {i}",
                    f"+5255710000{i:02d}",
                    role="owner" if i == 0 else "employee",
                    services=names,
                )
                for i in range(10)
            ],
            spots=[],
        )
    )


def fill_month(org: Organization) -> int:
    """5,000 appointments over December, back to back per person; 80 of them today."""
    rng = random.Random(11)
    location = Location.get(Location.org == org)
    services = list(Service.select().where(Service.org == org))
    staff = list(Staff.select().where(Staff.org == org).order_by(Staff.id))
    customers = [
        {"org": org.id, "phone": f"+5256{i:08d}", "name": f"Cliente {i}", "created_at": NOW}
        for i in range(800)
    ]
    with db.atomic():
        Customer.insert_many(customers).execute()
    customer_ids = [c.id for c in Customer.select(Customer.id).where(Customer.org == org)]
    other_days = [d for d in MONTH if d != TODAY]
    per_day = {d: (TOTAL - ON_TODAY) // len(other_days) for d in other_days}
    for d in other_days[: (TOTAL - ON_TODAY) % len(other_days)]:
        per_day[d] += 1
    per_day[TODAY] = ON_TODAY
    rows = []
    for day in MONTH:
        for i, member in enumerate(staff):
            count = per_day[day] // len(staff) + (i < per_day[day] % len(staff))
            t = dt.datetime.combine(day, dt.time(8), tzinfo=TZ).astimezone(dt.UTC)
            for _ in range(count):
                service = rng.choice(services)
                end = t + dt.timedelta(minutes=service.duration_min)
                status = rng.choice(STATUSES) if day < TODAY else rng.choice(STATUSES[6:9])
                rows.append(
                    dict(
                        org=org.id,
                        location=location.id,
                        customer=rng.choice(customer_ids),
                        service=service.id,
                        staff=member.id,
                        start_at=t,
                        end_at=end,
                        busy_until=end,
                        status=status,
                        source=rng.choice(SOURCES),
                        price_cents=service.price_cents,
                        created_at=NOW,
                        updated_at=NOW,
                        scheduled_at=NOW,
                    )
                )
                t = end + dt.timedelta(minutes=rng.choice((0, 0, 5, 10)))
    for number, row in enumerate(sorted(rows, key=lambda r: r["start_at"]), start=1):
        row["number"] = number
    with db.atomic():
        for i in range(0, len(rows), 500):
            Appointment.insert_many(rows[i : i + 500]).execute()
        Organization.update(next_number=len(rows) + 1).where(Organization.id == org.id).execute()
    db.execute_sql("ANALYZE")  # what autovacuum (or SQLite's optimizer) would know by now
    return len(rows)


def timed(client, url: str, repeat: int, headers=None) -> tuple[float, int, int]:
    """Median milliseconds, bytes and gzipped bytes of GET url."""
    for _ in range(3):  # warm caches: templates, the connection pool
        client.get(url, headers=headers)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    body = response.get_data()
    return statistics.median(timings), len(body), len(gzip.compress(body))


def measure(kind: str, repeat: int) -> list[tuple]:
    url = fresh_database(kind)
    org = build_salon()
    total = fill_month(org)
    settings = load_settings(
        environ={"DATABASE_URL": url, "SECRET_KEY": "bench", "PUBLIC_BASE_URL": "https://x.mx"}
    )
    clock = FixedClock(NOW)
    app = create_app(settings, clock=clock)
    client = app.test_client()
    owner = Staff.get(Staff.org == org, Staff.role == "owner")
    with client.session_transaction() as session:
        session["staff_id"] = owner.id
    _token, raw = create_api_token(org, "bench", clock.now())
    version = server_version(kind)
    results = [
        (
            "agenda, 10 staff, 80 appointments",
            *timed(client, f"/panel/agenda/?dia={TODAY}", repeat),
        ),
        (f"Resumen over {total:,} appointments", *timed(client, "/panel/resumen/", repeat)),
        (
            "GET /api/v1/summary",
            *timed(client, "/api/v1/summary", repeat, {"Authorization": f"Bearer {raw}"}),
        ),
    ]
    db.close()
    getattr(db.obj, "close_all", lambda: None)()
    return [(version, *row) for row in results]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"salon: 10 staff, 8 services, {TOTAL:,} appointments in December, {ON_TODAY} today")
    print(f"(PostgreSQL at {PG_SERVER}/{PG_NAME}; median of {args.repeat} requests each)")
    for kind in [args.only] if args.only else ["sqlite", "postgres"]:
        for version, what, ms, size, zipped in measure(kind, args.repeat):
            flag = "" if ms < 50 and size < 80 * 1024 else "  over the aim"
            print(
                f"{version:<18} {what:<36} {ms:6.1f} ms  {size / 1024:5.1f} KB"
                f"  ({zipped / 1024:4.1f} KB gzipped){flag}"
            )


if __name__ == "__main__":
    main()
