"""Which flow runs: escape words first, then the flow in progress, then what the person asked.

Escape words work in every state: *menú* goes back to the menu, *cancelar* leaves what is in
progress, *ayuda* explains the step, *asesor* hands the chat to the team. After three replies
in a row that are not understood, the menu comes back with the offer of a person.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from bot.nlu.understand import Expecting
from domain import customers
from flows import appointments, handoff, reminder
from flows.base import Flow, Turn
from flows.booking import BookingFlow
from flows.booking import prefill as prefill_booking
from flows.cancel import CancelFlow
from flows.menu import MenuFlow
from flows.onboarding import OnboardingFlow
from flows.reschedule import RescheduleFlow
from flows.staff import StaffFlow
from flows.understanding import Understanding

FLOWS: dict[str, type[Flow]] = {
    flow.flow_name: flow
    for flow in (MenuFlow, BookingFlow, RescheduleFlow, CancelFlow, StaffFlow, OnboardingFlow)
}
STARTS = {"book": "booking", "reschedule": "reschedule", "cancel_appointment": "cancel"}
MISUNDERSTOOD_LIMIT = 3
log = logging.getLogger(__name__)

EMPTY = "¿En qué te ayudo? Escribe *menú* para ver las opciones."
LEFT = "Listo, lo dejamos aquí."
THANKS = "¡Con gusto! Si necesitas algo más, escribe *menú*."
OFFER_PERSON = (
    "Parece que no te estoy entendiendo. Si prefieres, escribe *asesor* y alguien del equipo "
    "te atiende."
)
HELP_TAIL = "Escribe *menú* para volver al inicio o *asesor* para hablar con alguien del equipo."
OPTED_OUT = (
    "Listo, ya no te enviaremos recordatorios ni promociones. Si cambias de opinión, "
    "escribe *alta*."
)
OPTED_IN = "¡Listo! Volverás a recibir tus recordatorios de citas."


def expecting(turn: Turn, reminder_open: bool) -> Expecting:
    """What the conversation waits for, before the message is read."""
    conversation = turn.conversation
    flow = FLOWS.get(conversation.flow or "")
    if flow is None:
        return Expecting("menu", 3 if reminder_open else 5)
    what, options = flow.expecting(conversation.state, conversation.slots or {})
    return Expecting(what, options)


CUSTOMER_MODE = "customer_mode"  # a staff member booking for themselves
AS_CUSTOMER = "Va, te atiendo como cliente. Al terminar vuelves a tus comandos."


RESTART = re.compile(r"^\s*(?:reiniciar|empezar de nuevo|volver a empezar)\s*$", re.IGNORECASE)
RESTARTED = "Empezamos de nuevo."


def expire_if_idle(conversation, now, default_minutes: int) -> None:
    """A conversation idle longer than its flow allows starts fresh (onboarding waits a day)."""
    flow = FLOWS.get(conversation.flow or "")
    minutes = (flow.idle_minutes if flow else None) or default_minutes
    if conversation.updated_at < now - dt.timedelta(minutes=minutes):
        _reset(conversation)
        conversation.misunderstood = 0


def run_onboarding_turn(turn: Turn) -> None:
    """A new business setting itself up; *reiniciar* starts over."""
    conversation, said = turn.conversation, turn.said
    _drop_stale_state(conversation)
    if RESTART.match(said.text) and conversation.flow == "onboarding":
        _reset(conversation)
        turn.say(RESTARTED)
    if conversation.flow != "onboarding":
        _reset(conversation)
        conversation.flow = "onboarding"
        flow = OnboardingFlow(conversation, turn)
        flow.begin(said)
    else:
        flow = OnboardingFlow(conversation, turn)
        flow.handle(said)
    if flow.finished:
        _reset(conversation)


def run_staff_turn(turn: Turn) -> None:
    """A staff member's message: their commands, or the customer side when they ask for it."""
    conversation, said = turn.conversation, turn.said
    _drop_stale_state(conversation)
    if said.command and said.command.verb == "as_customer":
        conversation.role = CUSTOMER_MODE
        turn.say(AS_CUSTOMER)
        _start(turn, "book", said)
        return
    if conversation.flow != "staff":
        _reset(conversation)
        conversation.flow = "staff"
    StaffFlow(conversation, turn).handle(said)
    _count_understanding(turn, staff=True)


def run_turn(turn: Turn, reminded=None, payload: str = "") -> None:
    """Answer one message: the replies are collected on the turn."""
    conversation, said = turn.conversation, turn.said
    _drop_stale_state(conversation)
    if _escape(turn, said):
        pass
    elif (
        reminded is not None
        and not _in_flow(turn)
        and reminder.answer(turn, reminded, said, payload)
    ):
        pass
    elif _in_flow(turn) and not _switches(turn, said):
        flow = _flow(turn)
        flow.handle(said)
        if flow.finished:
            _reset(conversation)
    else:
        _start_from(turn, said)
    while turn.next_intent:
        intent, slots = turn.next_intent, turn.next_slots
        turn.next_intent, turn.next_slots = None, {}
        _reset(conversation)
        _start(turn, intent, None, slots)
    _count_understanding(turn)
    if conversation.role == CUSTOMER_MODE and conversation.flow in (None, "menu"):
        conversation.role = "staff"  # done as a customer: back to commands


def _escape(turn: Turn, said: Understanding) -> bool:
    conversation = turn.conversation
    if said.empty:
        turn.puzzled(EMPTY)
    elif said.intent == "opt_out" and turn.customer:
        customers.opt_out(turn.customer, turn.now)
        turn.say(OPTED_OUT)
    elif said.intent == "opt_in" and turn.customer:
        customers.opt_in(turn.customer)
        turn.say(OPTED_IN)
    elif said.intent == "handoff":
        _reset(conversation)
        handoff.hand_off(turn)
    elif said.intent == "menu":
        _start(turn, "menu", said)
    elif said.intent == "abandon" and _in_flow(turn):
        turn.say(LEFT)
        _start(turn, "menu", said, {"greet": False})
    elif said.intent == "help" and _in_flow(turn):
        _flow(turn).help()
        turn.say(HELP_TAIL)
    elif said.intent == "thanks" and not _in_flow(turn):
        turn.say(THANKS)
    else:
        return False
    return True


def _in_flow(turn: Turn) -> bool:
    return turn.conversation.flow not in (None, "menu")


def _switches(turn: Turn, said: Understanding) -> bool:
    """An explicit request for another task leaves the current one."""
    wanted = STARTS.get(said.intent or "") or (
        "list" if said.intent == "my_appointments" else None
    )
    return wanted is not None and wanted != turn.conversation.flow


def _start_from(turn: Turn, said: Understanding) -> None:
    """No task in progress: start what was asked (with all it says), or work the menu."""
    conversation = turn.conversation
    intent = "cancel_appointment" if said.intent == "abandon" else said.intent
    if intent in STARTS or intent in ("my_appointments", "handoff"):
        _start(turn, intent, said)
    elif conversation.flow == "menu":
        flow = _flow(turn)
        flow.handle(said)
        if flow.finished:
            _reset(conversation)
    elif said.choice and said.choice <= 5:
        menu = _start(turn, "menu", said, {"greet": False}, quiet=True)
        menu.handle(said)
    else:
        _start(turn, "menu", said)


def _start(
    turn: Turn,
    intent: str,
    said: Understanding | None,
    slots: dict | None = None,
    quiet: bool = False,
):
    conversation = turn.conversation
    _reset(conversation)
    if intent == "my_appointments":
        appointments.list_appointments(turn)
        return None
    if intent == "handoff":
        handoff.hand_off(turn)
        return None
    name = "menu" if intent == "menu" else STARTS[intent]
    conversation.flow = name
    conversation.slots = dict(slots or {})
    if quiet:
        conversation.state = "awaiting_choice"
    if name == "booking" and said is not None:
        prefill_booking(conversation.slots, said)
    flow = FLOWS[name](conversation, turn)
    if not quiet:
        flow.begin(said if intent != "menu" else None)
    if flow.finished:
        _reset(conversation)
    return flow


def _drop_stale_state(conversation) -> None:
    """A state saved by an older version of a flow starts the conversation over."""
    flow = FLOWS.get(conversation.flow or "")
    if conversation.flow and (flow is None or conversation.state not in flow.states_map):
        log.warning(
            "conversation %s had unknown state %s/%s",
            conversation.id,
            conversation.flow,
            conversation.state,
        )
        _reset(conversation)


def _flow(turn: Turn) -> Flow:
    return FLOWS[turn.conversation.flow](turn.conversation, turn)


def _reset(conversation) -> None:
    conversation.flow = None
    conversation.state = None
    conversation.slots = {}


def _count_understanding(turn: Turn, staff: bool = False) -> None:
    conversation = turn.conversation
    if turn.understood:
        conversation.misunderstood = 0
        return
    conversation.misunderstood += 1
    if conversation.misunderstood >= MISUNDERSTOOD_LIMIT and not staff:
        conversation.misunderstood = 0
        turn.replies.clear()  # no fourth try at the same question: the way out instead
        turn.say(OFFER_PERSON)
        _start(turn, "menu", None, {"greet": False})
