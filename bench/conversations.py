"""Replay the conversation suites and count what succeeds and what a person spends.

Customers: every transcript of the customer corpus (tests/conversations/test_transcripts.py
and test_corpus_*.py) is played through the real signed webhook twice, each time on a fresh
copy of a migrated SQLite database: once with the rules alone, once with the LLM fallback
switched on against a fake OpenAI server on 127.0.0.1 that understands nothing (so every
LLM call is visible, and a conversation that needs the LLM cannot succeed). A transcript
succeeds when the customer would notice nothing wrong (the same check as the tests). It
reports both shares, messages per completed booking, and the questions about the business
that were answered from its data. Staff commands and onboarding are replayed as before.

    python bench/conversations.py
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import machine
from onboarding import onboarding_figures

from bot.nlu.understand import Catalog, read_rules
from domain.clock import FixedClock
from domain.db import connect_database, db
from domain.migrate import upgrade
from domain.models import Message, Organization, Service
from domain.settings import load_settings
from flows.answers import NO_DATA
from tests.conftest import PUBLIC_URL, TWILIO_TOKEN, local
from tests.conversations import customer
from tests.conversations import test_corpus_again as again
from tests.conversations import test_corpus_changes as changes
from tests.conversations import test_corpus_dates as dates
from tests.conversations import test_corpus_more as more
from tests.conversations import test_corpus_people as people
from tests.conversations import test_corpus_questions as questions
from tests.conversations import test_corpus_services as services
from tests.conversations import test_onboarding as onboarding
from tests.conversations import test_staff as staff_cases
from tests.conversations import test_transcripts as transcripts
from tests.conversations.chat import Chat
from tests.factories import salon
from tests.fakes.openai_server import FakeOpenAI
from web import create_app

START = local("2026-12-02", "09:00")
CUSTOMER_SUITES = (transcripts, questions, changes, dates, services, people, more, again)


class Databases:
    """Fresh SQLite databases, copied from one migrated template."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="yume-conversations-"))
        self.template = self.folder / "template.db"
        connect_database(f"sqlite:///{self.template}")
        upgrade()
        db.close()
        self.count = 0

    def fresh(self) -> str:
        self.count += 1
        path = self.folder / f"run{self.count}.db"
        shutil.copy(self.template, path)
        return f"sqlite:///{path}"

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def fresh_app(databases: Databases, llm_url: str | None):
    environ = {
        "DATABASE_URL": databases.fresh(),
        "SECRET_KEY": "bench-" + "k" * 40,  # Twilio configured: a real key is needed
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "PUBLIC_BASE_URL": PUBLIC_URL,
    }
    if llm_url:
        environ |= {
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": llm_url,
            "OPENAI_TIMEOUT_SECONDS": "2",
        }
    settings = load_settings(environ=environ)
    clock = FixedClock(START)
    app = create_app(settings, clock=clock)
    connect_database(settings.database.url)
    return app.test_client(), clock


class Tally:
    """Customer messages replayed, LLM calls, and questions asked and answered."""

    def __init__(self):
        self.turns = self.with_llm = self.asked = self.answered = 0

    def add(self, questions_too: bool = False) -> None:
        """Count the current database's inbound messages, then close it."""
        inbound = Message.select().where(Message.direction == "in")
        self.turns += inbound.count()
        self.with_llm += inbound.where(Message.used_llm == True).count()  # noqa: E712
        if questions_too:
            self._questions(inbound)
        db.close()

    def _questions(self, inbound) -> None:
        """Messages asking about the business, and those answered from its data."""
        org = Organization.select().first()
        services = tuple(
            Service.select(Service.id, Service.name).where(Service.org == org).tuples()
        )
        for message in inbound:
            said = read_rules(message.body, catalog=Catalog(services=services), now=START)
            if said.questions or said.unknown_services:
                self.asked += 1
                self.answered += bool(message.reply) and NO_DATA not in message.reply


def customer_cases() -> list:
    return [case for suite in CUSTOMER_SUITES for case in suite.CASES]


def play_customer(case, databases: Databases, llm_url: str | None, tally: Tally) -> bool:
    client, clock = fresh_app(databases, llm_url)
    found = customer.problems(case, client, clock)
    tally.add(questions_too=llm_url is None)
    return not found


def replay_staff(case, databases: Databases, llm_url: str, tally: Tally) -> int:
    client, clock = fresh_app(databases, llm_url)
    org = salon()
    if case.setup:
        case.setup(org, clock)
    chat = Chat(client, org.whatsapp_number, case.who, "")
    for i, (text, _facts) in enumerate(case.lines):
        if i in case.advance:
            clock.advance(minutes=case.advance[i])
        chat.say(text)
    tally.add()
    return len(case.lines)


def main() -> None:
    print(f"machine: {machine()}")
    databases = Databases()
    cases = customer_cases()
    rules, with_llm = Tally(), Tally()
    started = time.perf_counter()
    with FakeOpenAI() as fake:
        fake.answer({})  # understands nothing: the rules' reading stands
        by_rules = [play_customer(c, databases, None, rules) for c in cases]
        by_llm = [play_customer(c, databases, fake.base_url, with_llm) for c in cases]
        customer_requests = len(fake.requests)
        staff_tally = Tally()
        staff_costs = [
            replay_staff(c, databases, fake.base_url, staff_tally) for c in staff_cases.CASES
        ]
        client, clock = fresh_app(databases, fake.base_url)
        owner = Chat(client, onboarding.PLATFORM, onboarding.LUIS, "Luis")
        for text, _facts in [*onboarding.SETUP, ("sí", ())]:
            owner.say(text)
        assert Organization.get_or_none(Organization.name == "Barbería El Güero")
        onboarding_cost = len(onboarding.SETUP) + 1
        staff_tally.add()
        owners = onboarding_figures(lambda url: fresh_app(databases, url), fake.base_url)[0]
    elapsed = time.perf_counter() - started
    databases.remove()
    bookings = [len(c.lines) for c, ok in zip(cases, by_rules, strict=True) if ok and c.bookings]
    print(f"customer transcripts: {len(cases)}; played twice in {elapsed:.1f} s in all")
    print(
        f"succeed with the rules only: {sum(by_rules)}/{len(cases)} "
        f"({100 * sum(by_rules) / len(cases):.1f}%); {rules.turns} messages, none to an LLM"
    )
    print(
        f"succeed with the LLM fallback (fake server that understands nothing): "
        f"{sum(by_llm)}/{len(cases)} ({100 * sum(by_llm) / len(cases):.1f}%); "
        f"{with_llm.with_llm} of {with_llm.turns} messages went to the LLM "
        f"({customer_requests} requests)"
    )
    print(
        f"completed bookings: {len(bookings)}; messages per booking: "
        f"mean {statistics.mean(bookings):.2f}, fewest {min(bookings)}, most {max(bookings)}"
    )
    print(
        f"questions about the business: {rules.asked} asked, {rules.answered} answered from "
        f"its data ({100 * rules.answered / max(rules.asked, 1):.1f}%), the rest offered a person"
    )
    print(
        f"staff commands: {len(staff_costs)} tasks, {statistics.mean(staff_costs):.2f} "
        f"messages per task; onboarding: {onboarding_cost} messages to a working business; "
        f"staff and onboarding turns without the LLM: "
        f"{staff_tally.turns - staff_tally.with_llm}/{staff_tally.turns}"
    )
    print(owners)
    failed = [c.name for c, ok in zip(cases, by_rules, strict=True) if not ok]
    if failed:
        print("failing with the rules only: " + "; ".join(failed))


if __name__ == "__main__":
    main()
