"""Replay the conversation suites and count what a customer, a stylist or an owner spends.

For every transcript of tests/conversations (customers, staff commands, onboarding) this
replays the person's lines through the real signed webhook, with the LLM switched on against
a fake OpenAI server on 127.0.0.1 that understands nothing, so every LLM call is visible.
It reports messages per completed booking (and the fewest), messages per staff command and
per onboarding, and the share of turns the rules handled without calling the LLM.

    python bench/conversations.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from zoneinfo import ZoneInfo

from common import machine
from onboarding import onboarding_figures

from domain.clock import FixedClock
from domain.db import connect_database, db
from domain.migrate import upgrade
from domain.models import Appointment, Customer, Message, Organization
from domain.settings import load_settings
from tests.conftest import PUBLIC_URL, TWILIO_TOKEN, local
from tests.conversations import test_onboarding as onboarding
from tests.conversations import test_staff as staff_cases
from tests.conversations import test_transcripts as customer_cases
from tests.conversations.chat import Chat
from tests.factories import salon
from tests.fakes.openai_server import FakeOpenAI
from web import create_app


def fresh_app(llm_url: str):
    path = tempfile.mkdtemp(prefix="yume-conversations-")
    settings = load_settings(
        environ={
            "DATABASE_URL": f"sqlite:///{path}/bench.db",
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "PUBLIC_BASE_URL": PUBLIC_URL,
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": llm_url,
            "OPENAI_TIMEOUT_SECONDS": "2",
        }
    )
    clock = FixedClock(START)
    app = create_app(settings, clock=clock)
    connect_database(settings.database.url)
    upgrade()
    return app.test_client(), clock


START = local("2026-12-02", "09:00")


class Tally:
    """Turns replayed, and how many of them called the LLM."""

    def __init__(self):
        self.turns = self.with_llm = 0

    def add(self) -> None:
        """Count the current database's inbound messages, then close it."""
        inbound = Message.select().where(Message.direction == "in")
        self.turns += inbound.count()
        self.with_llm += inbound.where(Message.used_llm == True).count()  # noqa: E712
        db.close()


def replay(case, llm_url: str, phone: str, tally: Tally) -> tuple[int, bool]:
    """One transcript in a database of its own, from Wednesday 09:00 as in the tests."""
    client, clock = fresh_app(llm_url)
    org = salon()
    if case.setup:
        case.setup(org, clock)
    chat = Chat(client, org.whatsapp_number, phone, getattr(case, "profile_name", ""))
    for i, (text, _facts) in enumerate(case.lines):
        if i in case.advance:
            clock.advance(minutes=case.advance[i])
        chat.say(text)
    done = booked(org, phone, case) if hasattr(case, "booked") else True
    tally.add()
    return len(case.lines), done


def booked(org, phone: str, case) -> bool:
    if not case.booked:
        return False
    service, person, when = case.booked
    customer = Customer.get_or_none(Customer.org == org, Customer.phone == phone)
    tz = ZoneInfo(org.timezone)
    return any(
        (a.service.name, a.staff.name, a.start_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"))
        == (service, person, when)
        for a in Appointment.select().where(Appointment.customer == customer)
    )


def main() -> None:
    print(f"machine: {machine()}")
    tally = Tally()
    with FakeOpenAI() as fake:
        fake.answer({})  # understands nothing: the rules' reading stands
        started = time.perf_counter()
        booking_costs = []
        for case in customer_cases.CASES:
            sent, done = replay(case, fake.base_url, customer_cases.ME, tally)
            if done:
                booking_costs.append(sent)
        staff_costs = [replay(c, fake.base_url, c.who, tally)[0] for c in staff_cases.CASES]
        client, clock = fresh_app(fake.base_url)
        owner = Chat(client, onboarding.PLATFORM, onboarding.LUIS, "Luis")
        for text, _facts in [*onboarding.SETUP, ("sí", ())]:
            owner.say(text)
        assert Organization.get_or_none(Organization.name == "Barbería El Güero")
        onboarding_cost = len(onboarding.SETUP) + 1
        tally.add()
        elapsed = time.perf_counter() - started
        owners = onboarding_figures(fresh_app, fake.base_url)[0]
    turns, with_llm = tally.turns, tally.with_llm
    print(
        f"customer transcripts: {len(customer_cases.CASES)}, staff: {len(staff_cases.CASES)}, "
        f"onboarding: 1; {turns} messages replayed in {elapsed:.1f} s"
    )
    print(
        f"completed bookings: {len(booking_costs)}; messages per booking: "
        f"mean {statistics.mean(booking_costs):.2f}, fewest {min(booking_costs)}, "
        f"most {max(booking_costs)}"
    )
    print(
        f"staff commands: {len(staff_costs)} tasks, {statistics.mean(staff_costs):.2f} "
        f"messages per task; onboarding: {onboarding_cost} messages to a working business"
    )
    print(
        f"turns handled without the LLM: {turns - with_llm}/{turns} "
        f"({100 * (turns - with_llm) / turns:.1f}%); "
        f"{len(fake.requests)} requests reached the fake LLM"
    )
    print(owners)


if __name__ == "__main__":
    main()
