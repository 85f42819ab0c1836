"""Outbox dispatch throughput: N due notifications, real rq workers, the fake Twilio on loopback.

Writes the notifications (half to people who wrote in the last 24 hours, so plain text; half
as approved templates), starts `rq worker` processes with Yume's worker class, enqueues the
dispatch job the way rq-scheduler does, and times until nothing is left to send. Then it
checks what the fake Twilio received: every notification exactly once.

    python bench/dispatch.py [--notifications 10000] [--workers 2] [--only sqlite|postgres]
        [--database-url URL] [--redis-url redis://127.0.0.1:6379/1]

--database-url drops and rebuilds that database's schema (PostgreSQL: its public schema);
without it a fresh benchmark database is created as for the other benchmarks.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from common import fresh_database, machine, server_version
from redis import Redis
from rq import Queue, Worker

from domain.businesses import create_business
from domain.db import connect_database, db, open_database
from domain.demo import demo_spec
from domain.migrate import upgrade
from domain.models import Conversation, Notification
from domain.settings import ROOT
from tests.fakes.twilio_server import FakeTwilio

QUEUE = "yume-bench"
BUSINESSES = 20
TEMPLATES = '{"owner_new_booking": "HX' + "3" * 32 + '"}'


def prepare(kind: str, url: str | None) -> str:
    """A migrated, empty database of that kind; return its URL."""
    if not url:
        return fresh_database(kind)
    if kind == "postgres":
        admin = open_database(url)
        admin.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
        admin.execute_sql("CREATE SCHEMA public")
        admin.close()
    connect_database(url)
    upgrade()
    return url


def write_notifications(count: int) -> None:
    now = dt.datetime.now(dt.UTC)
    orgs = [create_business(demo_spec(number=f"+52558000{i:04d}")) for i in range(BUSINESSES)]
    rows, chats = [], []
    for i in range(count):
        org = orgs[i % BUSINESSES]
        phone = f"+5256{i:08d}"
        if i % 2 == 0:  # wrote recently: the 24-hour window is open
            chats.append(
                {
                    "channel_number": org.whatsapp_number,
                    "phone": phone,
                    "org": org.id,
                    "last_inbound_at": now - dt.timedelta(hours=1),
                    "slots": {},
                }
            )
        rows.append(
            {
                "org": org.id,
                "recipient": phone,
                "kind": "owner_new_booking",
                "body": f"Nueva cita #{i} en {org.name}",
                "variables": {"1": f"#{i}"},
                "dedup_key": f"bench:{i}",
                "due_at": now,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
        )
    with db.atomic():
        for start in range(0, count, 500):
            Conversation.insert_many(chats[start : start + 500]).execute()
            Notification.insert_many(rows[start : start + 500]).execute()


def start_workers(count: int, env: dict, redis_url: str) -> list[subprocess.Popen]:
    rq = str(Path(sys.executable).parent / "rq")
    command = [rq, "worker", "-q", "-w", "scheduler.worker.Worker", "--url", redis_url, QUEUE]
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        for _ in range(count)
    ]
    connection = Redis.from_url(redis_url)
    deadline = time.monotonic() + 60
    while len(Worker.all(queue=Queue(QUEUE, connection=connection))) < count:
        if time.monotonic() > deadline:
            raise SystemExit("the rq workers did not start")
        time.sleep(0.1)
    return workers


def drain(redis_url: str, workers: int) -> float:
    """Enqueue dispatch jobs (one per worker, again whenever one ends) until nothing is due."""
    queue = Queue(QUEUE, connection=Redis.from_url(redis_url))
    started = time.perf_counter()
    jobs = [queue.enqueue("scheduler.jobs.dispatch_outbox") for _ in range(workers)]
    while True:
        left = Notification.select().where(Notification.status.in_(("pending", "sending")))
        if not left.exists():
            return time.perf_counter() - started
        for i, job in enumerate(jobs):
            if job.get_status(refresh=True) in ("finished", "failed", "stopped", "canceled"):
                jobs[i] = queue.enqueue("scheduler.jobs.dispatch_outbox")
        time.sleep(0.2)  # one connection, polled gently: the workers need the CPU


def check(fake: FakeTwilio, count: int) -> dict:
    per_row = collections.Counter(
        parse_qs(urlsplit(m["status_callback"]).query)["n"][0] for m in fake.messages
    )
    statuses = collections.Counter(n.status for n in Notification.select(Notification.status))
    return {
        "received": len(fake.messages),
        "duplicates": sum(c - 1 for c in per_row.values()),
        "missing": count - len(per_row),
        "templates": sum(1 for m in fake.messages if m["content_sid"]),
        "statuses": dict(statuses),
    }


def run(kind: str, args) -> None:
    url = prepare(kind, args.database_url if kind == args.url_kind else None)
    write_notifications(args.notifications)
    version = server_version(kind)
    db.close()
    fake = FakeTwilio().start()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": args.redis_url,
        "TWILIO_ACCOUNT_SID": fake.account_sid,
        "TWILIO_AUTH_TOKEN": fake.auth_token,
        "TWILIO_API_BASE_URL": fake.url,
        "TWILIO_TEMPLATES": TEMPLATES,
        "PUBLIC_BASE_URL": "https://yume.example.mx",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    Queue(QUEUE, connection=Redis.from_url(args.redis_url)).empty()
    workers = start_workers(args.workers, env, args.redis_url)
    load_before = os.getloadavg()[0]
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    try:
        elapsed = drain(args.redis_url, args.workers)
        fake_cpu = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(self_before)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                worker.kill()
        fake.stop()
    workers_cpu = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(children_before)
    found = check(fake, args.notifications)
    n = args.notifications
    print(
        f"{version}, {args.workers} rq workers: {n} notifications drained in {elapsed:.1f} s "
        f"= {n / elapsed:.0f} per second; duplicates {found['duplicates']}, "
        f"missing {found['missing']}"
    )
    print(
        f"  received {found['received']} ({found['templates']} as templates), statuses "
        f"{found['statuses']}; CPU per notification: rq workers {workers_cpu / n * 1000:.2f} ms, "
        f"fake Twilio {fake_cpu / n * 1000:.2f} ms (the database's own CPU not counted)"
    )
    print(
        f"  load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} cpus"
    )
    db.close()


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--database-url", help="PostgreSQL URL to rebuild and use")
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
    )
    args = parser.parse_args()
    args.url_kind = "postgres" if args.database_url else None
    print(f"machine: {machine()}")
    print(
        f"{args.notifications} due notifications for {BUSINESSES} businesses (half inside the "
        "24-hour window, half as templates); rq workers; fake Twilio on 127.0.0.1"
    )
    for kind in [args.only] if args.only else ["postgres", "sqlite"]:
        run(kind, args)


if __name__ == "__main__":
    main()
