"""Bookings per second on one salon: one client in sequence, then 8 clients at once.

Each booking is the real service call: availability for that day, locks, the conflict checks
under the lock, the insert and its events, in one transaction. Clients book distinct times, so
the figure is throughput, not conflict handling (tests cover conflicts).

    python bench/booking.py [--bookings 400] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import queue
import threading
import time
from zoneinfo import ZoneInfo

from availability import NOW, TZ, build_salon_without_agenda
from common import fresh_database, machine, server_version

from domain import booking
from domain.clock import FixedClock
from domain.db import db
from domain.models import Customer, Service


def targets(count: int, tz: ZoneInfo):
    """Distinct (day, time) pairs: every 30 minutes from 08:00, ten stylists a time."""
    first = NOW.astimezone(tz).date() + dt.timedelta(days=1)
    produced = 0
    day = 0
    while True:
        for minutes in range(0, 14 * 60, 30):
            wall = dt.datetime.combine(first + dt.timedelta(days=day), dt.time(8), tzinfo=tz)
            start = (wall + dt.timedelta(minutes=minutes)).astimezone(dt.UTC)
            for _ in range(4):  # four chairs
                yield start
                produced += 1
                if produced == count:
                    return
        day += 1


def run(kind: str, count: int, clients: int) -> tuple[float, int, int]:
    fresh_database(kind)
    org = build_salon_without_agenda()
    service = Service.get(Service.org == org, Service.name == "Corte de caballero")
    people = [
        Customer.create(org=org, phone=f"+5256{i:08d}", name=f"Cliente {i}").id
        for i in range(count)
    ]
    clock = FixedClock(NOW)
    work: queue.Queue = queue.Queue()
    for i, start in enumerate(targets(count, TZ)):
        work.put((people[i], start))
    db.close()
    done, failed = [], []

    def client():
        try:
            while True:
                try:
                    customer_id, start = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    booking.book(
                        org,
                        customer=Customer.get_by_id(customer_id),
                        service=service,
                        start=start,
                        clock=clock,
                    )
                    done.append(1)
                except Exception as error:  # noqa: BLE001 - counted and reported
                    failed.append(repr(error))
        finally:
            db.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failed:
        print(f"  failures: {len(failed)}, e.g. {failed[0]}")
    return len(done) / elapsed, len(done), len(failed)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=400)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"salon: 10 staff, 6 spots; {args.bookings} bookings of a 30-minute service, any staff")
    for kind in [args.only] if args.only else ["sqlite", "postgres"]:
        for clients in (1, 8):
            rate, ok, failed = run(kind, args.bookings, clients)
            version = server_version(kind)
            db.close()
            print(
                f"{version:<18} clients {clients}  {rate:7.1f} bookings/s  "
                f"({ok} booked, {failed} failed)"
            )


if __name__ == "__main__":
    main()
