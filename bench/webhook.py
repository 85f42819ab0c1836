"""The webhook under load: gunicorn (2 workers) on PostgreSQL, 200 customers booking at once.

Each simulated customer holds a real booking conversation over signed Twilio webhooks on
127.0.0.1, answering what the bot asks (confirm, name, pick a time) until it is booked. Three
runs: no pause between messages (the most the server can take), 1-3 s between messages (an
impossibly fast typist), and 5-15 s (people reading and typing on a phone). A trivial Flask
endpoint under the same gunicorn settings and the same load generator is measured in the
same run, for scale.

    python bench/webhook.py [--customers 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from html import unescape
from urllib.parse import urlencode

from common import ROOT, fresh_database, machine

from bot.channels.twilio import sign
from domain.businesses import NewBusiness, NewService, NewSpot, NewStaff, create_business
from domain.db import db
from domain.hours import parse_hhmm

TOKEN = "bench-token"
FIRST = ("Ana", "Luis", "María", "Jorge", "Lucía", "Pedro", "Rosa", "Carlos", "Sofía", "Diego")
LAST = ("Pérez", "López", "García", "Díaz", "Hernández", "Martínez", "Ruiz", "Torres")
TRIVIAL_APP = "webhook_trivial:app"


def build_business() -> str:
    """A big salon open every day 8-22 with 10 stylists and 10 chairs; returns its number."""
    number = "+525550008888"
    create_business(
        NewBusiness(
            name="Salón Carga",
            whatsapp_number=number,
            hours={d: [(parse_hhmm("08:00"), parse_hhmm("22:00"))] for d in range(7)},
            services=[NewService("Corte de caballero", 30, 18000), NewService("Tinte", 90, 90000)],
            staff=[
                NewStaff(
                    f"Estilista {i}", f"+5255800000{i:02d}", role="owner" if i == 0 else "employee"
                )
                for i in range(10)
            ],
            spots=[NewSpot(f"Silla {i}") for i in range(10)],
            settings={"min_notice_min": 0},
        )
    )
    db.close()
    return number


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    target: str, port: int, workers: int, env: dict, chdir: str, threads: int = 1
) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--threads",
            str(threads),
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--chdir",
            chdir,
            target,
        ],
        env={**os.environ, **env},
        cwd=ROOT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)  # waiting for the server process to listen
    process.kill()
    raise RuntimeError(f"gunicorn did not start on {port}")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


async def post(port: int, path: str, body: bytes, headers: dict) -> tuple[float, int, str]:
    """One HTTP/1.1 POST on a fresh connection; (seconds, status, body)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
        f"Content-Length: {len(body)}\r\n{head}\r\n".encode()
        + body
    )
    await writer.drain()
    raw = await reader.read()
    writer.close()
    elapsed = time.perf_counter() - started
    status = int(raw.split(b" ", 2)[1]) if raw else 0
    return elapsed, status, raw.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


def next_line(reply: str, name: str) -> str | None:
    """What a customer answers to the bot's last reply; None when booked."""
    if "Tu cita quedó agendada" in reply:
        return None
    if "A nombre de quién" in reply:
        return name
    if "Lo confirmo" in reply:
        return "si"
    if re.search(r"\b1\. ", reply):
        return "1"
    return "menú"


async def customer(i: int, port: int, number: str, think: tuple[float, float], stats: dict):
    rng = random.Random(i)
    phone = f"+5256{i:08d}"
    url = f"http://127.0.0.1:{port}/webhooks/twilio"
    day = rng.choice(["mañana", "pasado mañana", "el lunes", "el martes", "el viernes"])
    line = f"corte de caballero {day} a las {rng.randint(9, 20)}"
    for turn in range(12):
        form = {
            "MessageSid": f"SM{i:08d}{turn:04d}{rng.getrandbits(64):020x}",
            "From": f"whatsapp:+521{phone[3:]}",
            "To": f"whatsapp:{number}",
            "Body": line,
            "ProfileName": "",
            "NumMedia": "0",
        }
        body = urlencode(form).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": sign(TOKEN, url, form),
        }
        elapsed, status, text = await post(port, "/webhooks/twilio", body, headers)
        stats["latencies"].append(elapsed)
        stats["later"].append(elapsed) if turn else stats["first"].append(elapsed)
        stats["errors"] += status != 200
        reply = unescape(" ".join(re.findall(r"<Message>(.*?)</Message>", text, re.S)))
        line = next_line(reply, f"{FIRST[i % 10]} {LAST[i // 10 % 8]}")
        if line is None:
            stats["booked"] += 1
            return
        if think[1]:
            await asyncio.sleep(rng.uniform(*think))  # the customer typing
    stats["stuck"] += 1


async def run_customers(port, number, count, think) -> dict:
    stats = {"latencies": [], "first": [], "later": [], "errors": 0, "booked": 0, "stuck": 0}
    started = time.perf_counter()
    await asyncio.gather(*(customer(i, port, number, think, stats) for i in range(count)))
    stats["elapsed"] = time.perf_counter() - started
    return stats


async def run_trivial(port: int, clients: int, requests: int) -> dict:
    stats = {"latencies": [], "errors": 0}
    queue = list(range(requests))

    async def client():
        while queue:
            queue.pop()
            elapsed, status, _ = await post(port, "/ping", b"", {})
            stats["latencies"].append(elapsed)
            stats["errors"] += status != 200

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    stats["elapsed"] = time.perf_counter() - started
    return stats


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def describe(label: str, stats: dict, extra: str = "") -> str:
    latencies = stats["latencies"]
    rate = len(latencies) / stats["elapsed"]
    line = (
        f"{label:<38} {rate:8.1f} req/s  p50 {percentile(latencies, 0.5):7.1f} ms  "
        f"p99 {percentile(latencies, 0.99):7.1f} ms  errors {stats['errors']}{extra}"
    )
    if stats.get("later"):
        first, later = stats["first"], stats["later"]
        first_p99, later_p50 = percentile(first, 0.99), percentile(later, 0.5)
        line += (
            f"\n{'':<38} first messages (all sent at once) p99 {first_p99:.1f} ms;"
            f" later ones p50 {later_p50:.1f} ms, p99 {percentile(later, 0.99):.1f} ms"
        )
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (gthread when above 1)"
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    kind = f"gthread workers x {args.threads} threads" if args.threads > 1 else "sync workers"
    print(f"gunicorn {args.workers} {kind}, PostgreSQL, load generator on the same host")
    results = []
    saturated = 0.0

    trivial_port = free_port()
    trivial = start_gunicorn(
        TRIVIAL_APP, trivial_port, args.workers, {}, str(ROOT / "bench"), args.threads
    )
    try:
        trivial_stats = asyncio.run(run_trivial(trivial_port, args.customers, 20000))
    finally:
        stop(trivial)
    results.append(describe("trivial Flask endpoint", trivial_stats))

    runs = (
        ("booking, no pause", (0, 0)),
        ("booking, 1-3 s typing", (1.0, 3.0)),
        ("booking, 5-15 s typing", (5.0, 15.0)),
    )
    for label, think in runs:
        url = fresh_database("postgres")
        number = build_business()
        port = free_port()
        env = {
            "DATABASE_URL": url,
            "TWILIO_AUTH_TOKEN": TOKEN,
            "SECRET_KEY": secrets.token_urlsafe(48),  # Twilio configured: a real key is needed
            "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
            "SIMULATOR": "off",
            "LOG_LEVEL": "WARNING",
            "FLOOD_LIMIT_PER_MINUTE": "1000",
        }
        server = start_gunicorn(
            "web:create_app()", port, args.workers, env, str(ROOT), args.threads
        )
        try:
            stats = asyncio.run(run_customers(port, number, args.customers, think))
        finally:
            stop(server)
        extra = f"  booked {stats['booked']}/{args.customers}, stuck {stats['stuck']}"
        if not think[1]:
            saturated = len(stats["latencies"]) / stats["elapsed"]
        results.append(describe(f"{label} ({args.customers} customers)", stats, extra))
    print("\n".join(results))
    trivial_rate = len(trivial_stats["latencies"]) / trivial_stats["elapsed"]
    print(f"no-pause booking rate is {100 * saturated / trivial_rate:.0f}% of the trivial rate")


if __name__ == "__main__":
    main()
