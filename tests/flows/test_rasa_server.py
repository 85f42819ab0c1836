"""The Rasa action server: Yume's actions answering Rasa's real /webhook payloads."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from domain import booking
from domain.clock import SystemClock
from domain.models import Appointment, Customer
from tests.factories import customer, salon, service, staff

ROOT = Path(__file__).resolve().parents[2]
PHONE = "+525530000009"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def action_server(database_url, database):
    port = free_port()
    env = {**os.environ, "SANIC_HOST": "127.0.0.1", "DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "flows.rasa_actions", "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=1) as answer:
                if answer.status == 200:
                    break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"action server did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)  # waiting for another process to listen, not for time to pass
    yield base
    process.send_signal(2)  # it stops on SIGINT
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def call(base: str, action: str, slots: dict, events: list | None = None) -> dict:
    payload = {
        "next_action": action,
        "sender_id": PHONE,
        "version": "3.10.0",
        "domain": {
            "forms": {"booking_form": {"required_slots": ["service", "staff", "date", "time"]}},
            "slots": {},
        },
        "tracker": {
            "sender_id": PHONE,
            "slots": slots,
            "latest_message": {"text": "", "intent": {}, "entities": []},
            "events": events or [],
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "booking_form"},
            "latest_action_name": "action_listen",
        },
    }
    request = urllib.request.Request(
        f"{base}/webhook",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def next_weekday_noon(tz: str) -> dt.datetime:
    """A weekday at noon a few days from the real today: the server runs on the real clock."""
    day = dt.datetime.now(ZoneInfo(tz)).date() + dt.timedelta(days=3)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo(tz))


def test_rasa_can_check_book_list_and_cancel_through_yumes_actions(action_server):
    org = salon()
    service_id, sofia = service(org, "Corte de dama").id, staff(org, "Sofía").id
    when = next_weekday_noon(org.timezone)
    slots = {
        "business_code": org.code,
        "service": service_id,
        "staff": sofia,
        "date": when.date().isoformat(),
        "time": "12:00",
        "customer_name": "Paola Núñez",
    }

    free = call(action_server, "action_check_availability", slots)
    assert any("12:00 p.m." in r["text"] for r in free["responses"])

    booked = call(action_server, "action_book_appointment", slots)
    assert "¡Listo! Corte de dama con Sofía" in booked["responses"][0]["text"]
    number = next(e["value"] for e in booked["events"] if e["name"] == "appointment_number")
    appointment = Appointment.get(Appointment.org == org, Appointment.number == number)
    assert appointment.start_at == when.astimezone(dt.UTC)
    assert Customer.get_by_id(appointment.customer_id).name == "Paola Núñez"

    again = call(action_server, "action_book_appointment", slots)
    assert "Sofía ya tiene una cita a esa hora" in again["responses"][0]["text"]

    listed = call(action_server, "action_list_appointments", {"business_code": org.code})
    assert f"#{number} Corte de dama con Sofía" in listed["responses"][0]["text"]

    cancelled = call(
        action_server,
        "action_cancel_appointment",
        {"business_code": org.code, "appointment_number": number},
    )
    assert "cancelé" in cancelled["responses"][0]["text"]
    assert Appointment.get_by_id(appointment.id).status == "cancelled"


def test_rasa_gets_the_same_slot_validation_as_the_flows(action_server):
    org = salon()
    sunday = next_weekday_noon(org.timezone).date()
    while sunday.weekday() != 6:
        sunday += dt.timedelta(days=1)
    slots = {"business_id": org.id, "service": service(org, "Manicure").id}
    answer = call(
        action_server,
        "validate_booking_form",
        slots,
        events=[
            {"event": "slot", "name": "staff", "value": staff(org, "Sofía").id},
            {"event": "slot", "name": "date", "value": sunday.isoformat()},
        ],
    )
    values = {e["name"]: e["value"] for e in answer["events"] if e["event"] == "slot"}
    texts = " ".join(r["text"] for r in answer["responses"])
    assert values["staff"] is None and "Sofía no hace Manicure" in texts
    assert values["date"] is None and "domingos estamos cerrados" in texts


def test_another_business_code_never_reaches_this_ones_appointments(action_server):
    ours, theirs = salon(), salon()
    from tests.conftest import local  # noqa: F401
    from tests.factories import service, staff

    mine = booking.book(
        ours,
        customer=customer(ours, "Paola Núñez", PHONE),
        service=service(ours, "Tinte"),
        staff=staff(ours, "Ana"),
        start=next_weekday_noon(ours.timezone).astimezone(dt.UTC),
        clock=SystemClock(),
    )
    answer = call(
        action_server,
        "action_cancel_appointment",
        {"business_code": theirs.code, "appointment_number": mine.number},
    )
    assert "No encontré" in answer["responses"][0]["text"]
    assert Appointment.get_by_id(mine.id).status == "booked"
