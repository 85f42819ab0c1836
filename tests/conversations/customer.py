"""Customer transcripts, table-driven: a person's lines in, what they would notice out.

Each case is a chat with Estética Luna (see CONVERSATIONS.md) through the signed webhook, on
Wednesday 2 December 2026 at 09:00 in Mexico City ("mañana" is Thursday the 3rd). A case lists
what the person writes with the facts each reply must carry, and the outcome: the appointments
created (service, staff or None for anyone, local time), where the conversation stands, or a
custom check.

Facts are matched without regard to capitals. A fact starting with "!" must NOT be in the
reply. Whatever a case says, no reply to words asks for "un número del 1 al 5", and after the
first message the greeting ("Soy el asistente…") does not come back unless the case allows it.

`problems(case, client, clock)` plays a case and returns what went wrong (empty: it passed);
the tests and bench/conversations.py both use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain import booking
from domain.blocks import add_block
from domain.catalog import set_staff_hours
from domain.hours import parse_hhmm
from domain.models import Appointment, Conversation, Customer, Message, Notification
from tests.conftest import local
from tests.conversations.chat import Chat
from tests.factories import customer, salon, service, staff

ME = "+525530000001"
OTHER = "+525530000002"

NEVER = ("un número del 1 al",)
GREETING = "soy el asistente"

Booked = tuple[str, str | None, str]  # service, staff (None: anyone), "YYYY-MM-DD HH:MM" local


@dataclass
class Case:
    name: str
    lines: list[tuple[str, tuple[str, ...]]]
    booked: Booked | list[Booked] | None = None
    nothing_booked: bool = False
    ends: tuple[str | None, str | None] | None = None  # (flow, state) of the conversation
    setup: Callable | None = None  # (org, clock) -> None
    check: Callable | None = None  # (org, clock, chat) -> None; assert inside
    profile_name: str = "Mariana"
    advance: dict = field(default_factory=dict)  # clock moves before a line: {index: minutes}
    greeting_again: bool = False  # the greeting may come back after the first message

    @property
    def bookings(self) -> list[Booked]:
        if self.booked is None:
            return []
        return list(self.booked) if isinstance(self.booked, list) else [self.booked]


def problems(case: Case, client, clock, phone: str = ME) -> list[str]:
    """Play one case on a fresh Estética Luna; what a customer would find wrong."""
    org = salon()
    if case.setup:
        case.setup(org, clock)
    chat = Chat(client, org.whatsapp_number, phone, case.profile_name)
    found: list[str] = []
    for i, (text, facts) in enumerate(case.lines):
        if i in case.advance:
            clock.advance(minutes=case.advance[i])
        reply = chat.say(text).lower()
        for fact in facts:
            wanted = not fact.startswith("!")
            needle = fact.lstrip("!").lower()
            if (needle in reply) != wanted:
                found.append(f"{'missing' if wanted else 'unwanted'} {needle!r} after {text!r}")
        for needle in NEVER:
            if needle in reply:
                found.append(f"{needle!r} after {text!r}")
        if i and not case.greeting_again and GREETING in reply:
            found.append(f"the greeting came back after {text!r}")
    found += _outcome(case, org, clock, chat, phone)
    return [f"{line}\n{chat.transcript()}" for line in found[:1]] + found[1:]


def _outcome(case: Case, org, clock, chat: Chat, phone: str) -> list[str]:
    found = []
    made = booked_by(org, phone)
    for wanted in case.bookings:
        service_name, person, when = wanted
        if not any((s, w) == (service_name, when) and person in (None, p) for s, p, w in made):
            found.append(f"not booked: {wanted}; booked: {made}")
    if case.nothing_booked and Appointment.select().where(Appointment.org == org).count():
        found.append(f"something was booked: {made}")
    if case.ends:
        conversation = Conversation.get(Conversation.phone == phone)
        if (conversation.flow, conversation.state) != case.ends:
            found.append(f"ends in {(conversation.flow, conversation.state)}, not {case.ends}")
    if case.check:
        try:
            if case.check(org, clock, chat) is False:
                found.append("the check failed")
        except Exception as exc:  # noqa: BLE001 - a failed check is a finding, reported
            found.append(f"the check failed: {type(exc).__name__}: {exc}")
    return found


def booked_by(org, phone: str) -> list[tuple[str, str, str]]:
    """(service, staff, local time) of the phone's active appointments."""
    person = Customer.get_or_none(Customer.org == org, Customer.phone == phone)
    tz = ZoneInfo(org.timezone)
    return [
        (a.service.name, a.staff.name, a.start_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"))
        for a in Appointment.select().where(
            Appointment.customer == person, Appointment.status.in_(Appointment.ACTIVE)
        )
    ]


# Setups: what the business already holds when the customer writes.


def appointment_for(org, clock, phone, name, service_name, person, day, at) -> Appointment:
    return booking.book(
        org,
        customer=customer(org, name, phone),
        service=service(org, service_name),
        staff=staff(org, person),
        start=local(day, at),
        clock=clock,
    )


def mine_tomorrow_at_5(org, clock):
    """Mariana López: Corte de dama with Sofía, Thursday 3 December at 17:00."""
    appointment_for(
        org, clock, ME, "Mariana López", "Corte de dama", "Sofía", "2026-12-03", "17:00"
    )


def two_of_mine(org, clock):
    """Mine tomorrow at 5, and a Manicure with Carlos on Saturday the 5th at 11:00."""
    mine_tomorrow_at_5(org, clock)
    appointment_for(org, clock, ME, "Mariana López", "Manicure", "Carlos", "2026-12-05", "11:00")


def sofia_taken_at_5(org, clock):
    appointment_for(
        org, clock, OTHER, "Rosa Díaz", "Corte de dama", "Sofía", "2026-12-03", "17:00"
    )


def reminder_sent(org, clock):
    """Mine tomorrow at 5, and its reminder went out an hour ago."""
    mine_tomorrow_at_5(org, clock)
    appointment = Appointment.get(Appointment.org == org)
    Notification.create(
        org=org,
        recipient=ME,
        customer=appointment.customer,
        appointment=appointment,
        kind="reminder",
        body="Hola Mariana, te recordamos tu cita de mañana…",
        dedup_key=f"reminder:appointment:{appointment.id}",
        status="delivered",
        sent_at=clock.now() - dt.timedelta(hours=1),
    )


def holiday_on_saturday(org, clock):
    """Closed on Saturday 12 December for el Día de la Virgen."""
    add_block(
        org,
        start=local("2026-12-12", "00:00"),
        end=local("2026-12-13", "00:00"),
        reason="Día de la Virgen",
        kind="holiday",
    )


def weekdays_only(*names: str):
    """The named staff work Monday to Friday only."""

    def setup(org, clock):
        week = {d: [(parse_hhmm("10:00"), parse_hhmm("20:00"))] for d in range(5)}
        for name in names:
            set_staff_hours(staff(org, name), week)

    return setup


def both(*setups):
    def setup(org, clock):
        for each in setups:
            each(org, clock)

    return setup


# Checks: what the customer would find afterwards.


def my_appointment(org) -> Appointment:
    person = Customer.get(Customer.org == org, Customer.phone == ME)
    return Appointment.get(Appointment.customer == person)


def my_appointments(org) -> list[Appointment]:
    person = Customer.get(Customer.org == org, Customer.phone == ME)
    return list(Appointment.select().where(Appointment.customer == person))


def status_is(expected):
    def check(org, clock, chat):
        assert my_appointment(org).status == expected, my_appointment(org).status

    return check


def moved_to(day, at, person=None):
    def check(org, clock, chat):
        appointment = my_appointment(org)
        assert appointment.status in Appointment.ACTIVE, appointment.status
        assert appointment.start_at == local(day, at), appointment.start_at
        if person:
            assert appointment.staff.name == person, appointment.staff.name

    return check


def handed_off(org, clock, chat):
    conversation = Conversation.get(Conversation.phone == ME)
    assert conversation.handoff_until > clock.now()
    owner_notices = Notification.select().where(Notification.kind == "owner_handoff")
    assert [n.recipient for n in owner_notices] == ["+525511110001"]  # Ana, the owner
    assert chat.say("¿hola?") == ""  # the bot stays quiet while the team has the chat
    assert Message.select().where(Message.body == "¿hola?").count() == 1  # but keeps it


def my_name_is(expected):
    def check(org, clock, chat):
        person = Customer.get(Customer.org == org, Customer.phone == ME)
        assert person.name == expected, person.name

    return check


def attendee_is(expected, customer_name=None):
    """The visit is for `expected`; the phone's owner keeps their own name (if given)."""

    def check(org, clock, chat):
        appointment = my_appointment(org)
        assert appointment.attendee == expected, appointment.attendee
        if customer_name is not None:
            assert appointment.customer.name == customer_name, appointment.customer.name

    return check


def all_of(*checks):
    def check(org, clock, chat):
        for each in checks:
            if each(org, clock, chat) is False:
                return False
        return None

    return check
