"""Which appointment or customer a staff command is about, and whether this person may act.

By number ("#41"), by time ("la de las 4": today, unless a day is said) or by the customer's
name ("la de Rosa", "mándale a Camila"), typed with or without accents. Employees reach their
own appointments and customers, owners everyone's. When several fit, the caller shows them
numbered (`choice_text`) and asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

from peewee import fn

from domain import booking, customers, fmt
from domain.errors import NotFound
from domain.models import Appointment, Customer
from domain.notice_texts import display_phone
from domain.staff_messages import may_write
from flows.base import Turn
from flows.understanding import Command

HOW_TO_NAME = (
    "¿Qué cita? Escribe su número o su hora, por ejemplo: completar 41, o ya terminé con la "
    "de las 4."
)
NAME_FILLER = frozenset("a al la el de del con para en que mi su sr sra don dona".split())


def appointment_for(turn: Turn, number: int | None) -> Appointment | str:
    """The appointment #number, if this person may change it."""
    if number is None:
        return HOW_TO_NAME
    try:
        appointment = booking.get_appointment(turn.org, number)
    except NotFound as error:
        return error.message
    if not turn.staff.is_owner and appointment.staff_id != turn.staff.id:
        return f"La cita #{number} es de {appointment.staff.name}; solo puedes cambiar las tuyas."
    return appointment


def appointment_target(turn: Turn, command: Command) -> Appointment | list[Appointment] | str:
    """The appointment a command points at, several to choose from, or why there is none."""
    if command.number is not None:
        return appointment_for(turn, command.number)
    if command.at is not None:
        return _at_time(turn, command.on or turn.today, command.at)
    if command.who:
        found = find_customers(turn, command.who)
        if not found:
            return f"No encontré clientes con «{command.who[:40]}»."
        return _of_customers(turn, found, today_first=command.verb in ("completar", "noshow"))
    return HOW_TO_NAME


def _mine(turn: Turn):
    query = Appointment.with_people().where(
        Appointment.org == turn.org, Appointment.status != "cancelled"
    )
    if not turn.staff.is_owner:
        query = query.where(Appointment.staff == turn.staff)
    return query


def _at_time(turn: Turn, day: dt.date, at: dt.time) -> Appointment | list[Appointment] | str:
    """Appointments starting at that hour: the exact minute first, else within the hour."""
    start = dt.datetime.combine(day, at, tzinfo=turn.tz).astimezone(dt.UTC)
    found = list(
        _mine(turn)
        .where(Appointment.start_at >= start, Appointment.start_at < start + dt.timedelta(hours=1))
        .order_by(Appointment.start_at, Appointment.number)
    )
    exact = [a for a in found if a.start_at == start]
    found = exact or found
    if not found:
        who = "No hay citas" if turn.staff.is_owner else "No tienes citas"
        return fmt.sentence(f"{who} {day_words(turn, day)} a las {fmt.clock_time(at)}")
    return found[0] if len(found) == 1 else found


def _of_customers(turn: Turn, people: list[Customer], today_first: bool):
    start = dt.datetime.combine(turn.today, dt.time(0), tzinfo=turn.tz).astimezone(dt.UTC)
    found = list(
        _mine(turn)
        .where(Appointment.customer.in_([c.id for c in people]), Appointment.start_at >= start)
        .order_by(Appointment.start_at, Appointment.number)
    )
    if today_first:
        end = start + dt.timedelta(days=1)
        found = [a for a in found if a.start_at < end] or found
    if not found:
        name = people[0].name if len(people) == 1 else "Esa clienta o cliente"
        return f"{name} no tiene citas próximas" + ("." if turn.staff.is_owner else " contigo.")
    return found[0] if len(found) == 1 else found


def customer_target(turn: Turn, who: str) -> Customer | list[Customer] | str:
    """The customer a message is for, by name or phone, among those this person may write."""
    found = find_customers(turn, who)
    if not found:
        return f"No encontré clientes con «{who[:40]}»."
    allowed = [c for c in found if may_write(turn.staff, c, None)]
    if not allowed:
        return (
            f"{found[0].name or 'Ese cliente'} no tiene citas contigo: solo puedes escribir a "
            "los clientes de tus citas."
        )
    return allowed[0] if len(allowed) == 1 else allowed


def find_customers(turn: Turn, text: str, limit: int = 20) -> list[Customer]:
    """Customers whose name has every word typed (accents and case aside), or that phone."""
    if sum(ch.isdigit() for ch in text) >= 4:
        return customers.search(turn.org, text, limit=limit)
    words = [w for w in _fold(text).split() if w not in NAME_FILLER]
    if not words:
        return []
    query = Customer.select().where(Customer.org == turn.org)
    for word in words:
        # SQL narrows with a pattern where accented letters may stand; Python decides.
        pattern = "".join("_" if ch in "aeioun" else ch for ch in word)
        query = query.where(fn.LOWER(Customer.name) ** f"%{pattern}%")
    return [
        person
        for person in query.order_by(Customer.name, Customer.id).limit(limit * 5)
        if all(any(part.startswith(w) for part in _fold(person.name).split()) for w in words)
    ][:limit]


def name_then_rest(turn: Turn, text: str) -> tuple[list[Customer], str, str]:
    """ "Rosa Díaz le gusta el agua" -> ([Rosa Díaz], "Rosa Díaz", "le gusta el agua")."""
    words = text.split()
    for size in (3, 2, 1):
        if len(words) > size:
            name = " ".join(words[:size])
            found = find_customers(turn, name)
            if found:
                return found, name, " ".join(words[size:])
    return [], "", text


def day_words(turn: Turn, day: dt.date) -> str:
    if day == turn.today:
        return "hoy"
    if day == turn.today + dt.timedelta(days=1):
        return "mañana"
    return f"el {fmt.day(day)}"


def appointment_line(turn: Turn, a: Appointment) -> str:
    return (
        f"#{a.number} {fmt.when(a.start_at, turn.org.timezone)} {a.service.name} — "
        f"{a.customer.name or 'cliente'} ({a.staff.name})"
    )


def customer_line(turn: Turn, person: Customer) -> str:
    return f"{person.name or 'Sin nombre'} ({display_phone(person.phone)})"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# --- a command waiting for an answer is kept in the conversation's slots ------------------

DATES, TIMES = ("date", "until", "on"), ("start", "end", "at")


def saved(command: Command) -> dict:
    data = dataclasses.asdict(command)
    for key, value in data.items():
        if isinstance(value, dt.date | dt.time):
            data[key] = value.isoformat()
    if command.part_of_day:
        data["part_of_day"] = [t.isoformat() for t in command.part_of_day]
    return data


def restored(data: dict) -> Command:
    data = dict(data)
    for key in DATES:
        data[key] = dt.date.fromisoformat(data[key]) if data.get(key) else None
    for key in TIMES:
        data[key] = dt.time.fromisoformat(data[key]) if data.get(key) else None
    for key in ("service_ids", "staff_ids"):
        data[key] = tuple(data.get(key) or ())
    part = data.get("part_of_day")
    data["part_of_day"] = tuple(dt.time.fromisoformat(t) for t in part) if part else None
    return Command(**data)
