"""Answers to what customers ask about the business, from the business's own data.

Prices and durations, opening hours on a day (holidays and closures included), the address
with a map link, the services (and what there is instead of one they do not offer), who works
which days, payment methods and the owner's own questions. Any flow may be in progress: the
answer is said first, and the conversation then goes back to where it was.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace

from domain import fmt, outbox
from domain.availability import default_location, is_open_on
from domain.faq import questions as owner_questions
from domain.hours import WEEKDAYS, load_hours, working_hours
from domain.info import map_link, payment_methods
from domain.models import Appointment, FaqEntry, Service, Staff
from flows.base import Turn
from flows.understanding import Understanding
from flows.validation import closed_text, offered_services

SERVICE = "{name} cuesta {price} y dura {duration}."
ALL_PRICES = "Estos son nuestros servicios:\n{lines}"
NOT_OFFERED = "No hacemos {what}."
INSTEAD = "Lo más parecido que tenemos: {names}."
WE_HAVE = "Tenemos: {names}."
OPEN_ON = "El {day} abrimos de {hours}"
OPEN_ON_WEEKDAY = "Los {weekday} atendemos de {hours}"
CLOSED_ON_WEEKDAY = "Los {weekday} estamos cerrados."
NEXT_OPEN = "Abrimos de nuevo el {day}, de {hours}"
WEEK = "Nuestro horario: {hours}"
NOT_YET_OPEN = "Ahorita todavía no abrimos: hoy atendemos de {hours}"
ADDRESS = "Estamos en {address}."
NO_ADDRESS = "No tengo la dirección a la mano; escribe *asesor* y alguien del equipo te la pasa."
WORKS = "{name} atiende {days}."
DOES_NOT_WORK = "{name} no atiende los {weekday}; atiende {days}."
WHO_WORKS = "Los {weekday} atienden {names}."
NOBODY_WORKS = "Los {weekday} no atiende nadie del equipo."
PAYMENT = "Aceptamos {methods}."
PAYMENT_YES = "Sí, aceptamos {asked}."
PAYMENT_NO = "No aceptamos {asked}. Aceptamos {methods}."
NO_DATA = "Esa no la sé. Si quieres, escribe *asesor* y alguien del equipo te responde por aquí."
OFFER_ONE = "¿Te agendo una cita? Dime qué día te acomoda."
OFFER_ANY = "¿Te agendo una cita? Dime qué servicio y qué día."

PLURAL_WEEKDAY = re.compile(r"\blos (lunes|martes|miercoles|jueves|viernes|sabados|domingos)\b")
NOW_WORDS = re.compile(r"\b(?:ahorita|ahora|en este momento|ya)\b")
METHODS = {
    "tarjeta": ("tarjeta",), "credito": ("credito", "tarjeta"), "debito": ("debito", "tarjeta"),
    "efectivo": ("efectivo",), "transferencia": ("transferencia", "spei"), "spei": ("spei",),
    "deposito": ("deposito",), "vales": ("vales",), "paypal": ("paypal",),
    "mercado pago": ("mercado pago",), "amex": ("amex", "american express"),
}  # fmt: skip


def _say(turn: Turn, *texts: str) -> None:
    """Say sentences that may end in "p.m.", with one period."""
    turn.say(*(fmt.sentence(text) for text in texts if text))


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
        rest = WE_HAVE.format(names=_joined([s.name for s in offered_services(turn.org)]))
    turn.say(f"{NOT_OFFERED.format(what=what)} {rest}")


def _ranges_text(ranges) -> str:
    return " y de ".join(f"{fmt.clock_time(a)} a {fmt.clock_time(b)}" for a, b in ranges)


def _hours(turn: Turn, said: Understanding) -> None:
    location = default_location(turn.org)
    hours = load_hours(location.hours)
    plural = PLURAL_WEEKDAY.search(_plain(said.text))
    if plural:
        weekday = _weekday_index(plural.group(1))
        ranges = hours.get(weekday, [])
        name = _plural(weekday)
        _say(
            turn,
            OPEN_ON_WEEKDAY.format(weekday=name, hours=_ranges_text(ranges))
            if ranges
            else CLOSED_ON_WEEKDAY.format(weekday=name),
        )
        return
    day = said.date or (turn.today if NOW_WORDS.search(_plain(said.text)) else None)
    if day is None:
        _say(turn, WEEK.format(hours=_week_text(hours)))
        return
    if not is_open_on(turn.org, day, location):
        _say(turn, closed_text(turn.org, day, location), _next_open(turn, day, hours))
        return
    ranges = hours.get(day.weekday(), [])
    local_now = turn.now.astimezone(turn.tz)
    if day == turn.today and ranges and local_now.time() < ranges[0][0]:
        _say(turn, NOT_YET_OPEN.format(hours=_ranges_text(ranges)))
        return
    _say(turn, OPEN_ON.format(day=fmt.day(day), hours=_ranges_text(ranges)))


def _next_open(turn: Turn, day: dt.date, hours) -> str:
    for offset in range(1, 31):
        candidate = day + dt.timedelta(days=offset)
        if is_open_on(turn.org, candidate):
            ranges = hours.get(candidate.weekday(), [])
            return fmt.sentence(
                NEXT_OPEN.format(day=fmt.day(candidate), hours=_ranges_text(ranges))
            )
    return ""


def _week_text(hours) -> str:
    groups: list[tuple[list[int], list]] = []
    for weekday in range(7):
        ranges = hours.get(weekday, [])
        if groups and groups[-1][1] == ranges and groups[-1][0][-1] == weekday - 1:
            groups[-1][0].append(weekday)
        else:
            groups.append(([weekday], ranges))
    parts = []
    for days, ranges in groups:
        label = _days_label(days)
        parts.append(f"{label} de {_ranges_text(ranges)}" if ranges else f"{label} cerrado")
    return "; ".join(parts)


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


def _staff_days(turn: Turn, said: Understanding) -> None:
    location_hours = load_hours(default_location(turn.org).hours)
    team = list(
        Staff.select()
        .where(Staff.org == turn.org, Staff.active == True)  # noqa: E712
        .order_by(Staff.position, Staff.id)
    )
    asked_day = said.date.weekday() if said.date else None
    named = [m for m in team if m.id in said.staff_ids]
    if not named and asked_day is not None:
        working = [m.name for m in team if _works(m, location_hours).get(asked_day)]
        weekday = _plural(asked_day)
        turn.say(
            WHO_WORKS.format(weekday=weekday, names=_joined(working))
            if working
            else NOBODY_WORKS.format(weekday=weekday)
        )
        return
    for member in named or team:
        days = sorted(_works(member, location_hours))
        text = _days_label(days) if len(days) > 1 else f"los {_plural(days[0])}" if days else ""
        text = f"de {text}" if " a " in text else text
        if asked_day is not None and asked_day not in days:
            turn.say(DOES_NOT_WORK.format(name=member.name, weekday=_plural(asked_day), days=text))
        else:
            turn.say(WORKS.format(name=member.name, days=text))


def _works(member: Staff, location_hours) -> dict:
    return working_hours(location_hours, load_hours(member.hours) if member.hours else None)


def _payment(turn: Turn, said: Understanding) -> None:
    methods = payment_methods(turn.org)
    if not methods:
        turn.say(NO_DATA)
        return
    plain = _plain(said.text)
    asked = [word for word in METHODS if re.search(rf"\b{word}\b", plain)]
    listed = _joined(methods)
    if not asked:
        turn.say(PAYMENT.format(methods=listed))
        return
    accepted = _plain(" ".join(methods))
    ok = [w for w in asked if any(alias in accepted for alias in METHODS[w])]
    if ok and len(ok) == len(asked):
        turn.say(PAYMENT_YES.format(asked=_joined([_said_method(said.text, w) for w in ok])))
    else:
        missing = [_said_method(said.text, w) for w in asked if w not in ok]
        turn.say(PAYMENT_NO.format(asked=_joined(missing), methods=listed))


def _said_method(text: str, word: str) -> str:
    plain = _plain(text)
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
    "hours": _hours,
    "address": _address,
    "staff_days": _staff_days,
    "payment": _payment,
    "faq": _faq,
    "unknown": _unknown,
}


def faq_catalog(turn: Turn) -> tuple[tuple[int, str], ...]:
    return tuple((e.id, e.question) for e in owner_questions(turn.org))


# --- little helpers -----------------------------------------------------------------------


def _plain(text: str) -> str:
    """Lowercase, no accents, words separated by single spaces."""
    folded = unicodedata.normalize("NFKD", (text or "").lower())
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def _joined(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} y {items[-1]}"


def _plural(weekday: int) -> str:
    name = WEEKDAYS[weekday]
    return name if name.endswith("s") else f"{name}s"


def _weekday_index(word: str) -> int:
    plain = [_plain(w) for w in WEEKDAYS]
    word = word[:-1] if word.endswith("s") and word[:-1] in plain else word
    return plain.index(word)


def _days_label(days: list[int]) -> str:
    if not days:
        return ""
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        WEEKDAYS[r[0]] if len(r) == 1 else f"{WEEKDAYS[r[0]]} a {WEEKDAYS[r[-1]]}" for r in runs
    ]
    return _joined(parts)
