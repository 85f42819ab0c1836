"""Which flow runs: escape words first, then questions, then the flow in progress, then what
the person asked.

Escape words work in every state: *menú* goes back to the menu, *cancelar* leaves what is in
progress, *ayuda* explains the step, *asesor* hands the chat to the team. Questions about the
business are answered wherever the conversation is, and it goes on from there. Right after a
booking (or a reminder), "mejor el miércoles a la misma hora" or "no voy a poder, cancélala"
is about that appointment. The greeting only opens a conversation. After three replies in a
row that are not understood, the menu comes back with the offer of a person.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace

from bot.nlu.text import normalize
from bot.nlu.understand import Expecting
from domain import customers
from flows import answers, appointments, handoff, reminder, voice
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
WAITING = "Claro, aquí estoy. Cuando quieras, dime en qué te ayudo."
CANT_MAKE_IT = (
    "Tu cita: {line}\n¿Quieres cambiarla a otro día u hora, o cancelarla? Dime, por ejemplo, "
    '"cámbiala al viernes a las 5" o "cancélala".'
)
NOTHING_BOOKED = "No tienes citas próximas. ¿Quieres agendar una? Escribe *agendar*."
# Topics after which we offer to book.
OFFER_AFTER = frozenset(("price", "duration", "services", "offered", "hours", "staff_days"))
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


def expire_if_idle(conversation, now, default_minutes: int) -> bool:
    """A conversation idle longer than its flow allows starts fresh (onboarding waits a day).

    True when the conversation starts (again) with this message.
    """
    flow = FLOWS.get(conversation.flow or "")
    minutes = (flow.idle_minutes if flow else None) or default_minutes
    if conversation.updated_at < now - dt.timedelta(minutes=minutes):
        _reset(conversation)
        conversation.misunderstood = 0
        return True
    # A chat made for this message (bot.router: a phone that left a team) greets too, although
    # it carries the number's last message time for WhatsApp's window.
    return conversation.last_inbound_at is None or getattr(conversation, "started", False)


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
    if said.formal is not None:
        conversation.formal = said.formal
    if _escape(turn, said):
        pass
    elif (
        reminded is not None
        and not _in_flow(turn)
        and reminder.answer(turn, reminded, said, payload)
    ):
        pass
    else:
        _answer_and_go_on(turn, said)
    while turn.next_intent:
        intent, slots, carried = turn.next_intent, turn.next_slots, turn.next_said
        turn.next_intent, turn.next_slots, turn.next_said = None, {}, None
        _reset(conversation)
        _start(turn, intent, carried, slots)
    _count_understanding(turn)
    if conversation.role == CUSTOMER_MODE and conversation.flow in (None, "menu"):
        conversation.role = "staff"  # done as a customer: back to commands
    if conversation.formal:
        turn.replies[:] = [voice.formal(text) for text in turn.replies]


def _answer_and_go_on(turn: Turn, said: Understanding) -> None:
    """Answer the questions first; then the flow in progress, or what else was asked."""
    asked = answers.answer(turn, said)
    rest = answers.remainder(said) if asked else said
    if _leaves_offer(turn, rest):
        return
    if _in_flow(turn) and not _switches(turn, rest):
        flow = _flow(turn)
        if asked and not _actionable(rest):
            flow.remind()
            return
        flow.handle(rest)
        if flow.finished:
            _finish(turn)
    elif asked and not _actionable(rest):
        if set(said.questions) & OFFER_AFTER or said.unknown_services:
            _start(turn, "book", None, answers.offer(turn, said))
    else:
        _start_from(turn, rest)


def _actionable(said: Understanding) -> bool:
    """Whether a message says anything a flow can act on (besides its questions)."""
    rest = replace(said, questions=(), unknown_services=(), faq_id=None)
    return rest.found_anything and rest.intent not in ("greet", "thanks", "wait")


def _leaves_offer(turn: Turn, said: Understanding) -> bool:
    """After "¿te agendo uno?": anything but a yes or a wish leaves the offer quietly."""
    slots = turn.conversation.slots or {}
    if turn.conversation.flow != "booking" or not slots.get("offered"):
        return False
    wishes = said.yes is True or said.service_mentions or said.says_when or said.choice
    if wishes or said.soonest or said.staff_ids or said.relative or said.choices:
        return False
    _reset(turn.conversation)
    if said.intent == "thanks" or said.yes is False:
        turn.say(THANKS)
        return True
    return False


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
    """An explicit request for another task leaves the current one.

    While booking, "cámbiala" and "cancela" are about what is being booked, unless the
    message speaks of an appointment ("mi cita").
    """
    wanted = STARTS.get(said.intent or "") or (
        "list" if said.intent == "my_appointments" else None
    )
    if wanted is None or wanted == turn.conversation.flow:
        return False
    if turn.conversation.flow == "booking" and wanted in ("reschedule", "cancel"):
        return "cita" in normalize(said.text)
    return True


def _start_from(turn: Turn, said: Understanding) -> None:
    """No task in progress: start what was asked (with all it says), or work the menu."""
    conversation = turn.conversation
    recent = {"appointment": _recent(turn)} if _recent(turn) else {}
    intent = "cancel_appointment" if said.intent == "abandon" else said.intent
    if intent == "cancel_appointment":
        _start(turn, intent, said, recent)
    elif intent == "reschedule" or _is_change(turn, said, bool(recent)):
        _start(turn, "reschedule", said, recent)
    elif intent == "cant_make_it" and said.says_when and appointments.upcoming(turn):
        _start(turn, "reschedule", said, recent)  # "no puedo mañana, ¿tienes el viernes?"
    elif intent == "cant_make_it":
        _cant_make_it(turn, recent.get("appointment"))
    elif intent in STARTS or intent in ("my_appointments", "handoff"):
        _start(turn, intent, said)
    elif intent == "wait":
        turn.say(WAITING)
    elif conversation.flow == "menu":
        flow = _flow(turn)
        flow.handle(said)
        if flow.finished:
            _reset(conversation)
    elif said.choice and said.choice <= 5:
        menu = _start(turn, "menu", said, {"greet": False}, quiet=True)
        menu.handle(said)
    elif _books(said):
        _start(turn, "book", said)
    else:
        _start(turn, "menu", said)


def _books(said: Understanding) -> bool:
    """Wishes without a service ("para mi hija", "lo antes posible") start a booking."""
    return bool(said.relative or said.soonest or said.staff_ids)


def _is_change(turn: Turn, said: Understanding, recent: bool) -> bool:
    """ "mejor el miércoles a la misma hora": a new time for an appointment the person has."""
    if said.service_mentions or said.intent in ("book", "my_appointments"):
        return False
    moves = said.wants_change or said.shift is not None
    moves |= recent and bool(said.says_when or said.staff_ids)
    return moves and bool(appointments.upcoming(turn))


def _cant_make_it(turn: Turn, number: int | None) -> None:
    mine = appointments.upcoming(turn)
    chosen = [a for a in mine if a.number == number] or (mine if len(mine) == 1 else [])
    if not mine:
        turn.say(NOTHING_BOOKED)
    elif chosen:
        turn.say(CANT_MAKE_IT.format(line=appointments.line(turn, chosen[0])))
    else:
        _start(turn, "reschedule", turn.said)


def _recent(turn: Turn) -> int | None:
    """The appointment this chat just booked or moved, while the chat goes on."""
    return (turn.conversation.slots or {}).get("recent")


def _finish(turn: Turn) -> None:
    """A flow ended: remember the appointment it booked or moved, for "mejor a las 6"."""
    conversation = turn.conversation
    slots = conversation.slots or {}
    number = slots.get("appointment")
    keep = conversation.flow in ("booking", "reschedule") and number
    _reset(conversation)
    if keep:
        conversation.slots = {"recent": number, "visit": slots.get("visit") or [number]}


def _start(
    turn: Turn,
    intent: str,
    said: Understanding | None,
    slots: dict | None = None,
    quiet: bool = False,
):
    conversation = turn.conversation
    recent, conversation_slots = _recent(turn), conversation.slots
    _reset(conversation)
    if intent == "my_appointments":
        appointments.list_appointments(turn)
        return None
    if intent == "handoff":
        handoff.hand_off(turn)
        return None
    name = "menu" if intent == "menu" else STARTS[intent]
    conversation.flow = name
    kept = {"recent": recent, "visit": (conversation_slots or {}).get("visit")} if recent else {}
    conversation.slots = {**kept, **(slots or {})}
    if quiet:
        conversation.state = "awaiting_choice"
    if name == "booking" and said is not None:
        prefill_booking(conversation.slots, said)
    flow = FLOWS[name](conversation, turn)
    if not quiet:
        flow.begin(said if intent != "menu" else None)
    if flow.finished:
        _finish(turn)
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
