"""Answers to what customers ask about the business, from the business's own data.

Prices and durations, opening hours on a day (holidays and closures included), the address
with a map link, the services (and what there is instead of one they do not offer), who works
which days, payment methods and the owner's own questions. Any flow may be in progress: the
answer is said first, and the conversation then goes back to where it was.
"""

from __future__ import annotations

import re
from dataclasses import replace

from domain import fmt, outbox
from domain.availability import default_location
from domain.info import map_link, payment_methods
from domain.models import Appointment, FaqEntry, Service
from flows import opening
from flows.base import Turn
from flows.opening import folded, joined
from flows.understanding import Understanding
from flows.validation import offered_services

SERVICE = "{name} cuesta {price} y dura {duration}."
ALL_PRICES = "Estos son nuestros servicios:\n{lines}"
NOT_OFFERED = "No hacemos {what}."
INSTEAD = "Lo más parecido que tenemos: {names}."
WE_HAVE = "Tenemos: {names}."
ADDRESS = "Estamos en {address}."
NO_ADDRESS = "No tengo la dirección a la mano; escribe *asesor* y alguien del equipo te la pasa."
PAYMENT = "Aceptamos {methods}."
PAYMENT_YES = "Sí, aceptamos {asked}."
PAYMENT_NO = "No aceptamos {asked}. Aceptamos {methods}."
NO_DATA = "Esa no la sé. Si quieres, escribe *asesor* y alguien del equipo te responde por aquí."
OFFER_ONE = "¿Te agendo una cita? Dime qué día te acomoda."
OFFER_ANY = "¿Te agendo una cita? Dime qué servicio y qué día."

METHODS = {
    "tarjeta": ("tarjeta",), "credito": ("credito", "tarjeta"), "debito": ("debito", "tarjeta"),
    "efectivo": ("efectivo",), "transferencia": ("transferencia", "spei"), "spei": ("spei",),
    "deposito": ("deposito",), "vales": ("vales",), "paypal": ("paypal",),
    "mercado pago": ("mercado pago",), "amex": ("amex", "american express"),
}  # fmt: skip


def answer(turn: Turn, said: Understanding) -> bool:
    """Say the answers to what the message asks; True when anything was answered.

    A question about one service is remembered (slots["mentioned"]), so "ese" or "sí" can
    choose it afterwards.
    """
    said_before = len(turn.replies)
    for topic in said.questions:
        ANSWERS[topic](turn, said)
    if said.unknown_services:
        _not_offered(turn, said)
    asked = [s.id for s in asked_about(said, turn)] if said.service_mentions else []
    if len(asked) == 1:
        turn.conversation.slots["mentioned"] = asked[0]
    return len(turn.replies) > said_before


def remainder(said: Understanding) -> Understanding:
    """What is left of a message once its questions are answered.

    A date in a question about hours, and a service in a question about its price, belong to
    the question; a message that also asks to book keeps them.
    """
    if not (said.questions or said.unknown_services):
        return said
    books = said.intent in ("book", "reschedule", "cancel_appointment") or said.time is not None
    if books:
        return replace(said, questions=())
    kept = replace(
        said,
        questions=(),
        unknown_services=(),
        date=None,
        part_of_day=None,
        date_options=(),
        service_ids=(),
        service_mentions=(),
        staff_ids=(),
    )
    return replace(kept, intent=None if said.intent == "book" else said.intent)


def asked_about(said: Understanding, turn: Turn) -> list[Service]:
    """The services a question is about: those named, or the one being booked."""
    ids = [i for ids in said.service_mentions for i in ids]
    slots = turn.conversation.slots or {}
    if not ids and slots.get("service"):
        ids = visit_ids(slots)
    elif not ids and slots.get("recent"):  # "¿y cuánto va a ser?" right after booking
        ids = [a.service_id for a in recent_visit(turn, slots.get("visit") or [slots["recent"]])]
    services = {s.id: s for s in offered_services(turn.org)}
    return [services[i] for i in dict.fromkeys(ids) if i in services]


def visit_ids(slots: dict) -> list[int]:
    return list(slots.get("services") or [slots["service"]])


def recent_visit(turn: Turn, numbers: list[int]) -> list[Appointment]:
    """The appointments just booked in this chat (this customer's only)."""
    return list(
        Appointment.select().where(
            Appointment.org == turn.org,
            Appointment.number.in_(numbers),
            Appointment.customer == turn.customer,
            Appointment.status.in_(Appointment.ACTIVE),
        )
    )


def offer(turn: Turn, said: Understanding) -> dict | None:
    """After an answer outside a booking: offer to book. Returns the booking's first slots."""
    services = asked_about(said, turn) or [
        s for s in offered_services(turn.org) if s.id in said.similar_services
    ]
    if len(services) == 1:
        turn.say(OFFER_ONE)
        return {"service": services[0].id, "offered": True}
    turn.say(OFFER_ANY)
    return {"offered": True}


# --- one function per topic -------------------------------------------------------------


def _service_line(service: Service) -> str:
    return SERVICE.format(
        name=service.name,
        price=fmt.price(service.price_cents),
        duration=fmt.duration(service.duration_min),
    )


def _prices(turn: Turn, said: Understanding) -> None:
    services = asked_about(said, turn)
    if services:
        turn.say(" ".join(_service_line(s) for s in services))
        return
    lines = "\n".join(
        f"• {s.name} — {fmt.duration(s.duration_min)}, {fmt.price(s.price_cents)}"
        for s in offered_services(turn.org)
    )
    turn.say(ALL_PRICES.format(lines=lines))


def _durations(turn: Turn, said: Understanding) -> None:
    if "price" not in said.questions:
        _prices(turn, said)


def _services(turn: Turn, said: Understanding) -> None:
    if "price" not in said.questions:
        _prices(turn, replace(said, service_mentions=()))


def _offered(turn: Turn, said: Understanding) -> None:
    services = asked_about(said, turn)
    if services:
        turn.say("Sí. " + " ".join(_service_line(s) for s in services))


def _not_offered(turn: Turn, said: Understanding) -> None:
    what = " ni ".join(said.unknown_services)
    similar = [s for s in offered_services(turn.org) if s.id in said.similar_services]
    if similar:
        names = " o ".join(
            f"{s.name} ({fmt.price(s.price_cents)}, {fmt.duration(s.duration_min)})"
            for s in similar
        )
        rest = INSTEAD.format(names=names)
    else:
        rest = WE_HAVE.format(names=joined([s.name for s in offered_services(turn.org)]))
    turn.say(f"{NOT_OFFERED.format(what=what)} {rest}")


def _address(turn: Turn, said: Understanding) -> None:
    location = default_location(turn.org)
    if not location.address and location.latitude is None:
        turn.say(NO_ADDRESS)
        return
    where = ADDRESS.format(address=location.address) if location.address else ""
    turn.say("\n".join(part for part in (where, map_link(location)) if part))
    if location.latitude is not None and turn.customer is not None:
        _send_pin(turn, location)


def _send_pin(turn: Turn, location) -> None:
    """WhatsApp's location message, right after the text: the business on the map."""
    label = " — ".join(part for part in (turn.org.name, location.address) if part)
    pin = f"geo:{location.latitude:.6f},{location.longitude:.6f}|{label}"
    outbox.enqueue(
        recipient=turn.conversation.phone,
        kind="location",
        body=label,
        dedup_key=f"location:{turn.conversation.id}:{outbox.stamp(turn.now)}",
        now=turn.now,
        org=turn.org,
        customer=turn.customer,
        variables={"persistent_action": [pin]},
    )


def _payment(turn: Turn, said: Understanding) -> None:
    methods = payment_methods(turn.org)
    if not methods:
        turn.say(NO_DATA)
        return
    plain = folded(said.text)
    asked = [word for word in METHODS if re.search(rf"\b{word}\b", plain)]
    listed = joined(methods)
    if not asked:
        turn.say(PAYMENT.format(methods=listed))
        return
    accepted = folded(" ".join(methods))
    ok = [w for w in asked if any(alias in accepted for alias in METHODS[w])]
    if ok and len(ok) == len(asked):
        turn.say(PAYMENT_YES.format(asked=joined([_said_method(said.text, w) for w in ok])))
    else:
        missing = [_said_method(said.text, w) for w in asked if w not in ok]
        turn.say(PAYMENT_NO.format(asked=joined(missing), methods=listed))


def _said_method(text: str, word: str) -> str:
    plain = folded(text)
    match = re.search(rf"\b(?:tarjeta de )?{word}\b", plain)
    return match.group(0) if match else word


def _faq(turn: Turn, said: Understanding) -> None:
    entry = FaqEntry.get_or_none((FaqEntry.org == turn.org) & (FaqEntry.id == said.faq_id))
    if entry is not None:
        turn.say(entry.answer)


def _unknown(turn: Turn, said: Understanding) -> None:
    turn.say(NO_DATA)


ANSWERS = {
    "price": _prices,
    "duration": _durations,
    "services": _services,
    "offered": _offered,
    "hours": opening.hours,
    "address": _address,
    "staff_days": opening.staff_days,
    "payment": _payment,
    "faq": _faq,
    "unknown": _unknown,
}
