"""The Rasa action server: Yume's actions answering the payloads a Rasa assistant sends.

Each test starts the real action server process (python -m rasa_sdk --actions
bot.rasa_actions) on the test's database and posts to /webhook what Rasa would: the domain of
examples/rasa, the tracker's slots, and the slot candidates as trailing SlotSet events. The
server runs on the real clock, so dates are chosen from the real today.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from domain import booking
from domain.clock import SystemClock
from domain.models import Appointment, Customer, Location
from tests.factories import customer, salon, service, staff

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "examples/rasa/domain.yml").read_text(encoding="utf-8"))
PHONE = "+525530000009"
MEXICO_CITY, TIJUANA = ZoneInfo("America/Mexico_City"), ZoneInfo("America/Tijuana")


@pytest.fixture
def action_server(database_url, database, free_port):
    env = {**os.environ, "SANIC_HOST": "127.0.0.1", "DATABASE_URL": database_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "rasa_sdk", "--actions", "bot.rasa_actions", "-p", str(free_port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{free_port}"
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


def call(base, action, slots, *, candidates=None, entities=(), text="", sender=PHONE) -> dict:
    """One action run as Rasa asks for it; the slot candidates are the trailing SlotSets."""
    candidates = candidates or {}
    events = [{"event": "action", "name": "action_listen"}]
    events.append({"event": "user", "text": text, "parse_data": {"entities": list(entities)}})
    events += [{"event": "slot", "name": k, "value": v} for k, v in candidates.items()]
    payload = {
        "next_action": action,
        "sender_id": sender,
        "version": "3.6.20",
        "domain": EXAMPLE,
        "tracker": {
            "sender_id": sender,
            "slots": {**slots, **candidates},
            "latest_message": {"text": text, "intent": {}, "entities": list(entities)},
            "events": events,
            "paused": False,
            "followup_action": None,
            "active_loop": {"name": "booking_form"} if action.startswith("validate") else {},
            "latest_action_name": "action_listen",
        },
    }
    request = urllib.request.Request(
        f"{base}/webhook",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 200
        return json.loads(answer.read())


def validate(base, slots, candidates, entities=(), text="") -> tuple[dict, str]:
    """The booking form's validation: {slot: value} it returns, and what it says."""
    answer = call(
        base, "validate_booking_form", slots, candidates=candidates, entities=entities, text=text
    )
    values = {e["name"]: e["value"] for e in answer["events"] if e["event"] == "slot"}
    return values, " ".join(r["text"] for r in answer["responses"])


def says(answer: dict) -> str:
    return " ".join(r["text"] for r in answer["responses"])


def duckling(day: dt.date, at: str, tz: ZoneInfo) -> str:
    """An instant as Duckling writes it, in the zone it ran in."""
    moment = dt.datetime.combine(day, dt.time.fromisoformat(at), tzinfo=tz)
    return moment.isoformat(timespec="milliseconds")


def time_entity(value, grain: str) -> dict:
    return {
        "entity": "time",
        "value": value,
        "extractor": "DucklingEntityExtractor",
        "additional_info": {"value": value, "grain": grain, "type": "value"},
    }


def next_monday() -> dt.date:
    """Monday of next week, in Mexico City: always ahead, always open."""
    today = dt.datetime.now(MEXICO_CITY).date()
    return today + dt.timedelta(days=7 - today.weekday())


def test_every_action_of_the_example_is_served(action_server):
    with urllib.request.urlopen(f"{action_server}/actions", timeout=5) as answer:
        served = {a["name"] for a in json.loads(answer.read())}
    assert set(EXAMPLE["actions"]) <= served
    assert set(EXAMPLE["forms"]["booking_form"]["required_slots"]) <= set(EXAMPLE["slots"])


def test_slot_values_as_rasa_sends_them(action_server):
    org = salon()
    monday = next_monday()
    dama, sofia = service(org, "Corte de dama").id, staff(org, "Sofía").id
    base = {"business_code": org.code}
    chosen = {**base, "service": dama, "staff": sofia, "date": monday.isoformat()}
    at_five = duckling(monday, "17:00", MEXICO_CITY)
    afternoon = {
        "from": duckling(monday, "12:00", MEXICO_CITY),
        "to": duckling(monday, "19:00", MEXICO_CITY),
    }
    cases = [
        # (slots already set, candidates, entities, expected values, said)
        (base, {"service": "corte de dama"}, [], {"service": dama}, ""),
        (base, {"service": "CORTE DE DAMA"}, [], {"service": dama}, ""),
        (base, {"service": "korte de dama"}, [], {"service": dama}, ""),
        (base, {"service": "manicur"}, [], {"service": service(org, "Manicure").id}, ""),
        (base, {"service": "corte"}, [], {"service": None}, "Corte de dama o Corte de caballero"),
        (base, {"service": "masaje"}, [], {"service": None}, "No encontré ese servicio"),
        (base, {"service": str(dama)}, [], {"service": dama}, ""),
        ({**base, "service": dama}, {"staff": "sofi"}, [], {"staff": sofia}, ""),
        ({**base, "service": dama}, {"staff": "SOFÍA"}, [], {"staff": sofia}, ""),
        ({**base, "service": dama}, {"staff": "quien sea"}, [], {"staff": "any"}, ""),
        (
            {**base, "service": service(org, "Corte de caballero").id},
            {"staff": "karlos"},
            [],
            {"staff": staff(org, "Carlos").id},
            "",
        ),
        ({**base, "service": dama}, {"staff": "carlos"}, [], {"staff": None}, "Carlos no hace"),
        ({**base, "service": dama}, {"staff": "pedro"}, [], {"staff": None}, "No encontré a esa"),
        (
            {**base, "service": dama},
            {"date": duckling(monday, "00:00", MEXICO_CITY)},
            [time_entity(duckling(monday, "00:00", MEXICO_CITY), "day")],
            {"date": monday.isoformat()},
            "",
        ),
        (
            {**base, "service": dama},
            {"date": f"{monday.isoformat()}T00:00:00.000Z"},
            [],
            {"date": monday.isoformat()},
            "",
        ),
        ({**base, "service": dama}, {"date": afternoon}, [], {"date": monday.isoformat()}, ""),
        (
            {**base, "service": dama},
            {"date": "el próximo lunes"},
            [],
            {"date": monday.isoformat()},
            "",
        ),
        (
            {**base, "service": dama},
            {"date": monday.isoformat()},
            [],
            {"date": monday.isoformat()},
            "",
        ),
        (
            {**base, "service": dama},
            {"date": "cuando puedas"},
            [],
            {"date": None},
            "No entendí la fecha",
        ),
        (chosen, {"time": at_five}, [time_entity(at_five, "hour")], {"time": "17:00"}, ""),
        (chosen, {"time": duckling(monday, "15:00", TIJUANA)}, [], {"time": "17:00"}, ""),
        (chosen, {"time": "a las 5"}, [], {"time": "17:00"}, ""),
        (chosen, {"time": "5pm"}, [], {"time": "17:00"}, ""),
        (chosen, {"time": "5"}, [], {"time": "17:00"}, ""),
        (chosen, {"time": "17:00"}, [], {"time": "17:00"}, ""),
        (chosen, {"time": "a las 10 de la noche"}, [], {"time": None}, "no estamos abiertos"),
        (chosen, {"time": afternoon}, [], {"time": None}, "en ese horario tengo: 12:00 p.m."),
        (
            base,
            {"customer_name": "me llamo Paola Núñez"},
            [],
            {"customer_name": "Paola Núñez"},
            "",
        ),
        (
            {**base, "service": dama},
            {"date": at_five},
            [time_entity(at_five, "hour")],
            {"date": monday.isoformat(), "time": "17:00"},  # "el lunes a las 5" in one entity
            "",
        ),
    ]
    for slots, candidates, entities, expected, said in cases:
        values, text = validate(action_server, slots, candidates, entities)
        for name, value in expected.items():
            assert values.get(name) == value, (candidates, values, text)
        assert said in text, (candidates, text)


def dst_change_days() -> tuple[dt.date, dt.date]:
    """The weekdays just before and just after Tijuana's next clock change."""
    day = dt.datetime.now(TIJUANA).date() + dt.timedelta(days=1)
    noon = dt.time(12)

    def offset(d):
        return dt.datetime.combine(d, noon, tzinfo=TIJUANA).utcoffset()

    while offset(day) == offset(day + dt.timedelta(days=1)):
        day += dt.timedelta(days=1)
    before, after = day, day + dt.timedelta(days=1)
    while before.weekday() >= 5:
        before -= dt.timedelta(days=1)
    while after.weekday() >= 5:
        after += dt.timedelta(days=1)
    return before, after


def test_duckling_offsets_across_tijuanas_clock_change(action_server):
    org = salon(timezone="America/Tijuana")
    org.horizon_days = 400
    org.save()
    before, after = dst_change_days()
    assert duckling(before, "10:00", TIJUANA)[-6:] != duckling(after, "10:00", TIJUANA)[-6:]
    dama, sofia = service(org, "Corte de dama").id, staff(org, "Sofía").id
    chosen = {"business_code": org.code, "service": dama, "staff": sofia}
    for day in (before, after):
        at_ten = duckling(day, "10:00", TIJUANA)
        values, text = validate(action_server, chosen, {"date": at_ten, "time": at_ten})
        assert (values["date"], values["time"]) == (day.isoformat(), "10:00"), text
    other_side = duckling(before, "12:00", TIJUANA)[-6:]  # Duckling with a fixed offset
    for value in (
        f"{after.isoformat()}T12:00:00.000{other_side}",
        duckling(after, "13:00", MEXICO_CITY),
    ):
        expected = dt.datetime.fromisoformat(value).astimezone(TIJUANA).strftime("%H:%M")
        values, text = validate(
            action_server, {**chosen, "date": after.isoformat()}, {"time": value}
        )
        assert values["time"] == expected, (value, text)
    starts = []
    for day in (before, after):
        slots = {
            **chosen,
            "date": duckling(day, "00:00", TIJUANA),
            "time": duckling(day, "10:00", TIJUANA),
        }
        assert "¡Listo!" in says(call(action_server, "action_book_appointment", slots))
        starts.append(dt.datetime.combine(day, dt.time(10), tzinfo=TIJUANA).astimezone(dt.UTC))
    booked = [a.start_at for a in Appointment.select().order_by(Appointment.start_at)]
    assert booked == starts and starts[0].hour != starts[1].hour  # the same 10:00, another UTC


def test_an_unknown_business_code_is_answered_and_fills_nothing(action_server):
    salon()
    values, text = validate(
        action_server, {"business_code": "NOEXISTE"}, {"service": "corte de dama", "staff": "sofi"}
    )
    assert values == {"service": None, "staff": None}
    assert "No encontré el negocio" in text
    for action in (
        "action_book_appointment",
        "action_list_appointments",
        "action_cancel_appointment",
    ):
        answer = call(
            action_server, action, {"business_code": "NOEXISTE", "appointment_number": 1}
        )
        assert "No encontré el negocio" in says(answer) and answer["events"] == []


def test_a_full_booking_then_a_cancel_through_the_actions(action_server):
    org = salon()
    monday = next_monday()
    slots = {"business_code": org.code}

    def turn(candidates, entities=(), text=""):
        values, said = validate(action_server, slots, candidates, entities, text)
        slots.update(values)
        return values, said

    # Rasa's own form asks the next slot; the validation answers what each one means.
    sofia = staff(org, "Sofía").id
    values, _ = turn({"service": "corte de dama", "staff": "sofi"}, text="corte de dama con sofi")
    assert values == {"service": service(org, "Corte de dama").id, "staff": sofia}
    lunes = duckling(monday, "00:00", MEXICO_CITY)
    values, _ = turn({"date": lunes}, [time_entity(lunes, "day")], text="el próximo lunes")
    assert values == {"date": monday.isoformat()}
    values, _ = turn({"time": "a las 5"}, text="a las 5")
    assert values == {"time": "17:00", "assigned_staff": sofia}
    values, _ = turn({"customer_name": "soy Paola Núñez"}, text="soy Paola Núñez")
    assert values == {"customer_name": "Paola Núñez"}

    booked = call(action_server, "action_book_appointment", slots)
    assert "¡Listo! Corte de dama con Sofía, lunes" in says(booked) and "5:00 p.m." in says(booked)
    number = next(e["value"] for e in booked["events"] if e["name"] == "appointment_number")
    appointment = Appointment.get(Appointment.org == org, Appointment.number == number)
    assert appointment.start_at == dt.datetime.combine(monday, dt.time(17), tzinfo=MEXICO_CITY)
    assert Customer.get_by_id(appointment.customer_id).name == "Paola Núñez"
    again = call(action_server, "action_book_appointment", slots, sender="+525530000010")
    assert "Sofía ya tiene una cita a esa hora" in says(again)

    listed = call(action_server, "action_list_appointments", {"business_code": org.code})
    assert f"#{number} Corte de dama con Sofía" in says(listed)
    cancelled = call(
        action_server,
        "action_cancel_appointment",
        {"business_code": org.code, "appointment_number": float(number)},  # Duckling's number
        entities=[{"entity": "number", "value": float(number)}],
    )
    assert f"cancelé tu cita #{number}" in says(cancelled)
    assert Appointment.get_by_id(appointment.id).status == "cancelled"


def test_cancel_without_a_number_when_there_is_only_one(action_server):
    org = salon()
    mine = booking.book(
        org,
        customer=customer(org, "Paola Núñez", PHONE),
        service=service(org, "Tinte"),
        staff=staff(org, "Ana"),
        start=dt.datetime.combine(next_monday(), dt.time(12), tzinfo=MEXICO_CITY),
        clock=SystemClock(),
    )
    answer = call(action_server, "action_cancel_appointment", {"business_code": org.code})
    assert f"cancelé tu cita #{mine.number}" in says(answer)
    assert Appointment.get_by_id(mine.id).status == "cancelled"


def test_rasa_gets_the_same_slot_validation_as_the_flows(action_server):
    org = salon()
    sunday = next_monday() + dt.timedelta(days=6)
    values, text = validate(
        action_server,
        {"business_id": org.id, "service": service(org, "Manicure").id},
        {"staff": "Sofía", "date": sunday.isoformat()},
    )
    assert values["staff"] is None and "Sofía no hace Manicure" in text
    assert values["date"] is None and "domingos estamos cerrados" in text
    assert values["suggested_date"] == (sunday + dt.timedelta(days=1)).isoformat()


def test_another_business_code_never_reaches_this_ones_appointments(action_server):
    ours, theirs = salon(), salon()
    mine = booking.book(
        ours,
        customer=customer(ours, "Paola Núñez", PHONE),
        service=service(ours, "Tinte"),
        staff=staff(ours, "Ana"),
        start=dt.datetime.combine(next_monday(), dt.time(12), tzinfo=MEXICO_CITY),
        clock=SystemClock(),
    )
    answer = call(
        action_server,
        "action_cancel_appointment",
        {"business_code": theirs.code, "appointment_number": mine.number},
    )
    assert "No encontré esa cita" in says(answer)
    listed = call(action_server, "action_list_appointments", {"business_code": theirs.code})
    assert "No tienes citas próximas" in says(listed)
    values, _ = validate(
        action_server, {"business_code": theirs.code}, {"service": service(ours, "Tinte").id}
    )
    assert values["service"] is None
    assert Appointment.get_by_id(mine.id).status == "booked"
    assert Location.select().count() == 2
