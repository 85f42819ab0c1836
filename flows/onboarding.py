"""Onboarding: a new business sets itself up by chatting with Yume's own number.

business name → owner's name → type → services (several per message) → hours → staff
(optional) → address (optional) → summary with corrections → confirm → the business exists,
with a WhatsApp number for its customers (from the pool, bought, or Yume's shared number with
the business's code). `reiniciar` starts over; an abandoned setup expires after a day.
"""

from __future__ import annotations

from typing import Protocol

import phonenumbers
from phonenumbers import timezone as phone_zones
from statemachine import State

from domain import team
from domain.businesses import NewBusiness, NewService, NewSpot, NewStaff, create_business
from domain.errors import DomainError
from domain.hours import describe, load_hours
from domain.models import Staff
from domain.phones import normalize_phone
from flows import onboarding_texts as say
from flows.base import Flow
from flows.onboarding_edits import apply_edit, fold
from flows.understanding import SetupEdit, Understanding

TYPES = (
    ("Salón de belleza", "salón"),
    ("Barbería", "barbería"),
    ("Uñas", "uñas"),
    ("Spa", "spa"),
    ("Estética", "estética"),
    ("Otro", "otro"),
)
TYPE_WORDS = {"salon": 0, "barber": 1, "una": 2, "nail": 2, "spa": 3, "estetica": 4}
DONE_WORDS = (
    "listo",
    "ya",
    "es todo",
    "eso es todo",
    "ya esta",
    "nada mas",
    "no",
    "fin",
    "solo yo",
)


class NumberSource(Protocol):
    """Where a new business's WhatsApp number comes from (a pool, or bought from Twilio)."""

    def acquire(self, business_name: str) -> str | None: ...

    def release(self, number: str) -> None: ...


class OnboardingFlow(Flow):
    flow_name = "onboarding"
    idle_minutes = 24 * 60
    expects = {
        "awaiting_business_name": "text",
        "awaiting_owner_name": "name",
        "awaiting_type": "choice",
        "awaiting_services": "text",
        "awaiting_hours": "text",
        "awaiting_staff": "text",
        "awaiting_address": "text",
        "awaiting_confirmation": "yes_no",
    }

    start = State(initial=True)
    awaiting_business_name = State()
    awaiting_owner_name = State()
    awaiting_type = State()
    awaiting_services = State()
    awaiting_hours = State()
    awaiting_staff = State()
    awaiting_address = State()
    awaiting_confirmation = State()
    creating = State()
    done = State(final=True)

    _asking = (start, awaiting_business_name, awaiting_owner_name, awaiting_type)
    _asking += (awaiting_services, awaiting_hours, awaiting_staff, awaiting_address)
    _asking += (awaiting_confirmation,)
    advance = (
        awaiting_business_name.from_(*_asking, cond="needs_business_name")
        | awaiting_owner_name.from_(*_asking, cond="needs_owner_name")
        | awaiting_type.from_(*_asking, cond="needs_type")
        | awaiting_services.from_(*_asking, cond="collecting_services")
        | awaiting_hours.from_(*_asking, cond="needs_hours")
        | awaiting_staff.from_(*_asking, cond="collecting_staff")
        | awaiting_address.from_(*_asking, cond="needs_address")
        | awaiting_confirmation.from_(*_asking, unless="is_confirmed")
        | creating.from_(*_asking)
    )
    created = creating.to(done)
    failed = creating.to(awaiting_confirmation)
    del _asking

    # --- guards -------------------------------------------------------------------

    def needs_business_name(self) -> bool:
        return not self.slots.get("business_name")

    def needs_owner_name(self) -> bool:
        return not self.slots.get("owner_name")

    def needs_type(self) -> bool:
        return not self.slots.get("business_type")

    def collecting_services(self) -> bool:
        return not (self.slots.get("services") and self.slots.get("services_done"))

    def needs_hours(self) -> bool:
        return not self.slots.get("hours")

    def collecting_staff(self) -> bool:
        return not self.slots.get("staff_done")

    def needs_address(self) -> bool:
        return "address" not in self.slots

    def is_confirmed(self) -> bool:
        return bool(self.slots.get("confirmed"))

    # --- reading answers ------------------------------------------------------------

    def begin(self, said: Understanding | None = None) -> None:
        if said is not None:
            self.slots.update(_type_hint(said.text))
        self.send("advance")

    def handle(self, said: Understanding) -> None:
        reader = getattr(self, f"_read_{self.current_state_value.removeprefix('awaiting_')}")
        if not reader(said, said.setup or {}):
            self.turn.understood = False
            self.slots["quiet"] = bool(self.turn.replies)  # the reader already said what to do
        self.send("advance")

    def _quiet(self) -> bool:
        """Whether the question need not be asked again (an explanation was just given)."""
        return self.slots.pop("quiet", False)

    def _read_business_name(self, said, setup) -> bool:
        name = " ".join(said.text.split())[:80]
        if len(name) < 2:
            self.turn.say(say.NAME_PLEASE)
            return False
        self.slots["business_name"] = name
        return True

    def _read_owner_name(self, said, setup) -> bool:
        name = " ".join((said.name or said.text).split())[:60]
        if not any(ch.isalpha() for ch in name):
            return False
        self.slots["owner_name"] = name
        return True

    def _read_type(self, said, setup) -> bool:
        if said.choice and said.choice <= len(TYPES):
            self.slots["business_type"] = TYPES[said.choice - 1][1]
            return True
        hint = _type_hint(said.text)
        self.slots.update(hint)
        return bool(hint)

    def _read_services(self, said, setup) -> bool:
        if _is_done(said.text):
            if not self.slots.get("services"):
                self.turn.say(say.ONE_SERVICE_AT_LEAST)
                return False
            self.slots["services_done"] = True
            return True
        complete = [
            s
            for s in setup.get("services", [])
            if s["duration_min"] and s["price_pesos"] is not None
        ]
        missing = [s["name"] for s in setup.get("services", []) if s not in complete]
        known = {s["name"].casefold() for s in self.slots.get("services", [])}
        added = [s for s in complete if s["name"].casefold() not in known]
        self.slots.setdefault("services", []).extend(added)
        self.slots["just_added"] = [s["name"] for s in added]
        if missing:
            self.turn.say(say.service_missing(missing))
        return bool(added)

    def _read_hours(self, said, setup) -> bool:
        if not setup.get("hours"):
            self.turn.say(say.HOURS_AGAIN)
            return False
        self.slots["hours"] = setup["hours"]
        return True

    def _read_staff(self, said, setup) -> bool:
        pending = self.slots.pop("staff_without_phone", None)
        if _is_done(said.text) or said.yes is False:
            self.slots["staff_done"] = True
            return True
        people = setup.get("staff") or []
        if pending and not people:
            people = [(pending, said.text)]
        elif pending and people and people[0][1] is None:
            people = [(pending, said.text)]
        for name, phone in people:
            if phone is None and any(ch.isdigit() for ch in name):
                self.turn.say(say.bad_phone(name.rstrip("0123456789 ")))
                return False
            if phone is None:
                self.slots["staff_without_phone"] = name
                self.turn.say(say.staff_phone(name))
                return True
            normalized = normalize_phone(phone)
            if normalized is None or normalized == self.turn.conversation.phone:
                self.turn.say(say.bad_phone(name))
                return False
            self.slots.setdefault("staff", []).append({"name": name, "phone": normalized})
        self.slots["just_added"] = [name for name, _ in people]
        return bool(people)

    def _read_address(self, said, setup) -> bool:
        text = " ".join(said.text.split())
        self.slots["address"] = "" if _is_done(text) or said.yes is False else text[:200]
        return True

    def _read_confirmation(self, said, setup) -> bool:
        edit: SetupEdit | None = setup.get("edit")
        if edit is not None:
            message = apply_edit(self.slots, edit)
            self.turn.say(message)
            return not message.startswith("No")
        if said.yes is True:
            self.slots["confirmed"] = True
            return True
        self.turn.say(say.WHAT_TO_CHANGE)
        self.slots["quiet"] = True
        return True

    # --- asking -------------------------------------------------------------------

    def on_enter_awaiting_business_name(self) -> None:
        if self._quiet():
            return
        self.turn.say(say.WELCOME)

    def on_enter_awaiting_owner_name(self) -> None:
        if self._quiet():
            return
        self.turn.say(say.OWNER_NAME)

    def on_enter_awaiting_type(self) -> None:
        self.slots["options"] = list(range(1, len(TYPES) + 1))
        self.turn.say(say.business_type([label for label, _ in TYPES]))

    def on_enter_awaiting_services(self) -> None:
        if self._quiet():
            return
        added = self.slots.pop("just_added", None)
        if added:
            self.turn.say(say.services_noted(self.slots["services"][-len(added) :]))
        elif not self.slots.get("services"):
            self.turn.say(say.services_first(self.slots["owner_name"]))

    def on_enter_awaiting_hours(self) -> None:
        if self._quiet():
            return
        self.turn.say(say.HOURS)

    def on_enter_awaiting_staff(self) -> None:
        added = self.slots.pop("just_added", None)
        if self._quiet() or self.slots.get("staff_without_phone"):
            return
        self.turn.say(say.staff_noted(added) if added else say.STAFF)

    def on_enter_awaiting_address(self) -> None:
        if self._quiet():
            return
        self.turn.say(say.ADDRESS)

    def on_enter_awaiting_confirmation(self) -> None:
        self.slots["options"] = []
        if self._quiet():
            return
        self.turn.say(say.summary(self.slots, describe(load_hours(self.slots["hours"]))))

    def on_enter_creating(self) -> None:
        turn, slots = self.turn, self.slots
        number = turn.numbers.acquire(slots["business_name"]) if turn.numbers else None
        try:
            org = create_business(self._spec(number), invited_by=slots["owner_name"], now=turn.now)
        except DomainError as error:
            if number:
                turn.numbers.release(number)
            slots.pop("confirmed", None)
            turn.say(f"{error.message} {say.WHAT_TO_CHANGE}")
            self.send("failed")
            return
        owner = Staff.get((Staff.org == org) & (Staff.role == "owner"))
        conversation = turn.conversation
        conversation.org, conversation.role = org, "staff"
        link = turn.login_link(owner) if turn.login_link else None
        turn.say(say.welcome_aboard(org, conversation.channel_number, link))
        turn.say(team.invited_text([p["name"] for p in slots.get("staff", []) if p["phone"]]))
        self.send("created")

    def _spec(self, number: str | None) -> NewBusiness:
        slots = self.slots
        owner_phone = self.turn.conversation.phone
        return NewBusiness(
            name=slots["business_name"],
            business_type=slots["business_type"],
            timezone=timezone_for(owner_phone),
            address=slots.get("address", ""),
            whatsapp_number=number,
            hours=load_hours(slots["hours"]),
            services=[
                NewService(s["name"], s["duration_min"], s["price_pesos"] * 100)
                for s in slots["services"]
            ],
            spots=[NewSpot(f"Silla {i + 1}") for i in range(slots["spots"])]
            if slots.get("spots")
            else None,
            staff=[NewStaff(slots["owner_name"], owner_phone, role="owner")]
            + [NewStaff(p["name"], p["phone"]) for p in slots.get("staff", [])],
        )


def timezone_for(phone: str) -> str:
    """The owner's timezone from their number (+52 664… is Tijuana), Mexico City otherwise."""
    try:
        zones = phone_zones.time_zones_for_number(phonenumbers.parse(phone))
    except phonenumbers.NumberParseException:
        return "America/Mexico_City"
    return (
        zones[0] if len(zones) == 1 and zones[0].startswith("America/") else "America/Mexico_City"
    )


def _type_hint(text: str) -> dict:
    plain = fold(text)
    for word, index in TYPE_WORDS.items():
        if word in plain:
            return {"business_type": TYPES[index][1]}
    return {}


def _is_done(text: str) -> bool:
    plain = fold(text)
    plain = " ".join(plain.replace(".", " ").replace("!", " ").split())
    return plain in DONE_WORDS
