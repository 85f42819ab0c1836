"""What every conversation flow shares: the turn being answered and the machine base class.

A flow is a python-statemachine `StateMachine` whose state lives on the Conversation row
(`model=conversation, state_field="state"`) and whose working data lives in
`conversation.slots`. Flows read an Understanding, ask domain services, and say things through
the Turn; they never send anything themselves and never touch HTTP.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar
from zoneinfo import ZoneInfo

from statemachine import StateMachine

from domain.clock import Clock
from domain.models import Conversation, Customer, Organization, Staff
from flows.understanding import Understanding


@dataclass
class Turn:
    """One inbound message being answered: who, where, when, what they said, what we say."""

    org: Organization | None  # None while a new business is being set up
    conversation: Conversation
    clock: Clock
    said: Understanding
    customer: Customer | None = None
    staff: Staff | None = None
    handoff_hours: int = 12
    replies: list[str] = field(default_factory=list)
    understood: bool = True
    memo: dict = field(default_factory=dict)  # what this turn already read (see validation)
    login_link: Callable[[Staff], str] | None = None  # a fresh single-use dashboard link
    numbers: object | None = None  # where a new business's WhatsApp number comes from
    next_intent: str | None = None  # a flow asks the engine to start another one
    next_slots: dict = field(default_factory=dict)  # what that flow starts with
    pricing: str = ""  # what Yume costs, as the platform's operator wrote it (onboarding)
    # Kinds with an approved WhatsApp template (for messages outside the 24-hour window);
    # None when the channel has no such rule (no Twilio: the simulator).
    templates: frozenset[str] | None = None
    relay_hours: int = 4  # how long a customer's replies go to the staff member who wrote
    next_said: Understanding | None = None  # the message that flow should read first
    fresh: bool = False  # the conversation starts with this message (so we greet)

    def say(self, *texts: str) -> None:
        self.replies.extend(text for text in texts if text)

    def puzzled(self, *texts: str) -> None:
        """Say something and count this turn as not understood."""
        self.understood = False
        self.say(*texts)

    def __post_init__(self) -> None:
        if self.org is not None:
            self.memo["org"] = self.org

    @property
    def now(self) -> dt.datetime:
        return self.clock.now()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.org.timezone)

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(self.tz).date()

    @property
    def actor(self) -> str:
        """Who is acting, for the booking rules and the notices: staff at work, or a customer
        (a staff member booking for themselves is a customer)."""
        if self.staff is not None and self.conversation.role == "staff":
            return f"staff:{self.staff.id}"
        return "customer"


class Flow(StateMachine):
    """Base of every conversation flow."""

    flow_name: ClassVar[str] = ""  # `name` belongs to python-statemachine (the class name)
    idle_minutes: ClassVar[int | None] = None  # None: the app's conversation_idle_minutes
    # What each state waits for, so the NLU reads short answers in context.
    expects: ClassVar[dict[str, str]] = {}
    # A re-asked question (a self-transition) runs the state's prompt again.
    enable_self_transition_entries = True

    def __init__(self, conversation: Conversation, turn: Turn):
        self.turn = turn
        super().__init__(model=conversation, state_field="state")

    @property
    def slots(self) -> dict:
        return self.model.slots

    @property
    def finished(self) -> bool:
        return self.states_map[self.current_state_value].final

    @classmethod
    def expecting(cls, state: str | None, slots: dict) -> tuple[str | None, int]:
        """(what the state waits for, how many numbered options it showed)."""
        return cls.expects.get(state or "", None), len(slots.get("options") or [])

    def begin(self, said: Understanding | None = None) -> None:
        """Start the flow; a message that already says something is read as the first answer."""
        if said is not None and (said.service_ids or said.staff_ids or said.says_when):
            self.handle(said)
        else:
            self.send("advance")

    def handle(self, said: Understanding) -> None:
        """Take the person's message in the current state."""
        raise NotImplementedError

    def help(self) -> None:
        """Explain the current step; by default, ask it again."""
        self.prompt()

    def remind(self) -> None:
        """After answering a question: ask again what the current step waits for."""
        self.prompt()

    def prompt(self) -> None:
        """Ask again what the current state waits for."""
        method = getattr(self, f"on_enter_{self.current_state_value}", None)
        if method:
            method()
