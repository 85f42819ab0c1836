"""Onboarding: a new business sets itself up by chatting with Yume's own number.

business name → owner's name → type (unless already said) → services → hours → staff → address
(not for home visits) → summary with corrections → confirm → the business exists, with a
WhatsApp number for its customers (from the pool, bought, or Yume's shared number with the
business's code). Each answer is read for the question asked (flows/onboarding_answers.py);
a question or an aside is answered and the pending question asked again; a correction of
something already said is applied at any step. `reiniciar` starts over; an abandoned setup
expires after a day.
"""

from __future__ import annotations

from typing import Protocol

from statemachine import State

from domain import team
from domain.businesses import NewBusiness, NewService, NewStaff, create_business, spots_of
from domain.errors import DomainError
from domain.hours import load_hours
from domain.models import Staff
from domain.phones import timezone_for
from flows import onboarding_answers as read
from flows import onboarding_people as people
from flows import onboarding_texts as say
from flows.base import Flow
from flows.onboarding_edits import apply_edit, late_correction, set_type
from flows.understanding import Understanding


class NumberSource(Protocol):
    """Where a new business's WhatsApp number comes from (a pool, or bought from Twilio)."""

    def acquire(self, business_name: str) -> str | None: ...

    def release(self, number: str) -> None: ...


class OnboardingFlow(Flow):
    flow_name = "onboarding"
    idle_minutes = 24 * 60
    expects = {
        "awaiting_business_name": "business_name",
        "awaiting_owner_name": "owner_name",
        "awaiting_type": "business_type",
        "awaiting_services": "services",
        "awaiting_hours": "hours",
        "awaiting_staff": "staff",
        "awaiting_address": "address",
        "awaiting_confirmation": "summary",
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
        return "address" not in self.slots and not read.skips_address(self.slots)

    def is_confirmed(self) -> bool:
        return bool(self.slots.get("confirmed"))

    # --- reading answers ------------------------------------------------------------

    def begin(self, said: Understanding | None = None) -> None:
        self.turn.say(say.WELCOME)
        setup = (said.setup if said is not None else None) or {}
        # the welcome itself says how setting up works
        asides = [t for t in setup.get("asides") or [] if t != "start"]
        self._answer_asides({**setup, "asides": asides}, "business_name")
        if setup.get("answer"):
            if setup["name"]:
                self.slots["business_name"] = setup["name"][:80]
            read.business_name(self.slots, {**setup, "intro": True, "name": ""})
        elif setup.get("mentioned_type"):
            set_type(self.slots, setup["mentioned_type"])
        self.send("advance")

    def handle(self, said: Understanding) -> None:
        setup = said.setup or {}
        state = self.current_state_value.removeprefix("awaiting_")
        self._answer_asides(setup, state)
        if not setup.get("answer"):
            self._ask_again(state)
            return
        setup = self._after_late_corrections(setup, state)
        if setup is None:
            self._ask_again(state)
            return
        understood, reply = self._read(state, said, setup)
        self.turn.say(reply)
        self.turn.understood = understood
        self.slots["quiet"] = "?" in reply or (not understood and bool(reply))
        self.slots["from"] = self.current_state_value
        self.send("advance")

    def _after_late_corrections(self, setup: dict, state: str) -> dict | None:
        """Apply corrections of earlier answers made now; what is left to read as the answer
        to the pending question (None: nothing, ask it again)."""
        phone = self.turn.conversation.phone
        pieces = setup.get("pieces") or [{"edit": setup.get("edit"), "setup": None}]
        rest, applied = [], False
        for piece in pieces:
            said = late_correction(self.slots, piece["edit"], state, phone)
            if said:
                self.turn.say(said)
                applied = True
            elif not piece.get("filler"):
                rest.append(piece["setup"])
        if not applied:
            return setup  # no correction of an earlier answer: the message is the answer
        return rest[0] if len(rest) == 1 and rest[0] is not None else None

    def _read(self, state: str, said: Understanding, setup: dict) -> tuple[bool, str]:
        owner_phone = self.turn.conversation.phone
        if state == "business_name":
            return read.business_name(self.slots, setup)
        if state == "owner_name":
            return read.owner_name(self.slots, setup)
        if state == "type":
            return read.business_type(self.slots, setup, said.choice)
        if state in ("services", "hours", "address"):
            return getattr(read, state)(self.slots, setup)
        if state == "staff":
            return people.staff(self.slots, setup, owner_phone)
        edits = setup.get("edits") or [e for e in [setup.get("edit")] if e is not None]
        if edits:  # "el facial cuesta 850 y son 2 cabinas": each one applied, each one said
            done = [apply_edit(self.slots, edit, owner_phone) for edit in edits]
            return any(ok for ok, _ in done), "\n".join(reply for _, reply in done)
        if setup.get("yes") is True:
            self.slots["confirmed"] = True
            return True, ""
        if setup.get("yes") is False:
            self.slots["quiet"] = True
            return True, say.WHAT_TO_CHANGE
        return False, say.NOT_UNDERSTOOD_CHANGE + say.WHAT_TO_CHANGE

    def _answer_asides(self, setup: dict, state: str) -> None:
        pricing = getattr(self.turn, "pricing", "") or say.ASIDES["question"]
        for topic in dict.fromkeys(setup.get("asides") or []):
            self.turn.say(say.aside(topic, pricing, state))

    def _ask_again(self, state: str) -> None:
        self.slots.pop("quiet", None)
        self.slots["again"] = True
        self.send("advance")

    # --- asking -------------------------------------------------------------------

    def _asks(self, text: str) -> None:
        """Ask the state's question, unless the reply so far already asked it."""
        again = self.slots.pop("again", False)
        stayed = self.slots.pop("from", None) == self.current_state_value
        if self.slots.pop("quiet", False) and stayed and not again:
            return
        self.turn.say(text)

    def on_enter_awaiting_business_name(self) -> None:
        self._asks(say.BUSINESS_NAME)

    def on_enter_awaiting_owner_name(self) -> None:
        self._asks(say.OWNER_NAME)

    def on_enter_awaiting_type(self) -> None:
        self.slots["options"] = list(range(1, len(say.TYPES) + 1))
        other = self.slots.get("asking_other_type")
        self._asks(say.OTHER_TYPE if other else say.business_type())

    def on_enter_awaiting_services(self) -> None:
        self.slots["options"] = []
        if self.slots.get("services_pending"):
            self._asks(say.service_missing(self.slots["services_pending"]))
        elif self.slots.get("services"):
            self._asks(say.MORE_SERVICES)
        else:
            self._asks(say.services_first(self.slots["owner_name"], self.slots["business_type"]))

    def on_enter_awaiting_hours(self) -> None:
        self._asks(say.HOURS)

    def on_enter_awaiting_staff(self) -> None:
        pending = self.slots.get("staff_pending")
        if pending:
            self._asks(say.staff_phone(pending[0]))
        elif self.slots.get("staff"):
            self._asks(say.staff_noted(self.slots["staff"], more=True))
        else:
            self._asks(say.STAFF)

    def on_enter_awaiting_address(self) -> None:
        self._asks(say.ADDRESS)

    def on_enter_awaiting_confirmation(self) -> None:
        self.slots.pop("from", None)
        self.slots.pop("again", None)
        if self.slots.pop("quiet", False):
            return
        self.turn.say(say.summary(self.slots))

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
        spots = None
        if read.skips_address(slots):
            spots = []
        elif slots.get("spots"):
            spots = spots_of(slots["spots"]["kind"], slots["spots"]["count"])
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
            spots=spots,
            staff=[NewStaff(slots["owner_name"], owner_phone, role="owner")]
            + [NewStaff(p["name"], p["phone"]) for p in slots.get("staff", [])],
        )
