"""Staff writing to a customer through the business's number, from WhatsApp.

"dile a la de las 4 que llego 10 min tarde", "mensaje #17: trae tu foto de referencia",
"mándale a Camila Ortiz: ya tenemos el tinte", and "dile que sí" to answer the customer who
wrote back last. Yume says to whom and what it will send and sends it after a yes, signed with
the staff member's first name; "suelta a Camila" gives that chat back to the bot. The rules
(who may write to whom, "baja", WhatsApp's 24-hour window) live in domain.staff_messages.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from domain import booking, staff_messages
from domain.errors import DomainError, NotFound
from domain.models import Appointment, Conversation, Customer
from domain.notice_texts import display_phone
from flows.base import Turn
from flows.staff_targets import (
    appointment_line,
    appointment_target,
    customer_line,
    customer_target,
    find_customers,
    name_then_rest,
)
from flows.understanding import Command

if TYPE_CHECKING:
    from flows.staff import StaffFlow

WHOM = (
    "¿A quién le escribo? Por ejemplo: dile a la de las 4 que llego 10 min tarde, o "
    "mándale a Rosa Díaz: ya llegó tu tinte."
)
NOT_YOURS = "La cita #{n} es de {who}; solo puedes escribir a los clientes de tus citas."


def start(flow: StaffFlow, command: Command) -> None:
    """Find whom the message is for (asking when several fit), then go on to the text."""
    turn = flow.turn
    if command.number is not None:
        try:
            appointment = booking.get_appointment(turn.org, command.number)
        except NotFound as error:
            turn.say(error.message)
            return
        with_appointment(flow, command, appointment)
    elif command.at is not None:
        found = appointment_target(turn, command)
        _settle(flow, command, found, with_appointment, appointment_line, "appointment")
    elif command.who:
        found, command = _customer_and_text(turn, command)
        _settle(flow, command, found, with_customer, customer_line, "customer")
    else:
        _to_last_writer(flow, command)


def _customer_and_text(turn: Turn, command: Command):
    """ "Rosa ya llegó tu tinte" without a colon: the name first, then the message."""
    found = customer_target(turn, command.who)
    if isinstance(found, str) and not command.message:
        people, name, rest = name_then_rest(turn, command.who)
        if people and rest:
            command = Command(command.verb, who=name, message=rest[:1].upper() + rest[1:])
            found = customer_target(turn, name)
    return found, command


def _settle(flow, command, found, go_on, line, kind) -> None:
    if isinstance(found, str):
        flow.turn.say(found)
    elif isinstance(found, list):
        flow.choose(kind, [_ident(x) for x in found], [line(flow.turn, x) for x in found], command)
    else:
        go_on(flow, command, found)


def _ident(item) -> int:
    return item.number if isinstance(item, Appointment) else item.id


def _to_last_writer(flow: StaffFlow, command: Command) -> None:
    """ "dile que sí": the customer this staff member is talking with, the latest first."""
    turn = flow.turn
    chats = staff_messages.open_relays(turn.staff, turn.now)
    if not chats:
        turn.puzzled(WHOM)
        return
    person = Customer.get_or_none((Customer.org == turn.org) & (Customer.phone == chats[0].phone))
    if person is None:
        turn.puzzled(WHOM)
        return
    with_customer(flow, command, person)


def with_appointment(flow: StaffFlow, command: Command, appointment: Appointment) -> None:
    turn = flow.turn
    if not staff_messages.may_write(turn.staff, appointment.customer, appointment):
        turn.say(NOT_YOURS.format(n=appointment.number, who=appointment.staff.name))
        return
    _compose(flow, command, appointment.customer, appointment)


def with_customer(flow: StaffFlow, command: Command, customer: Customer) -> None:
    if not staff_messages.may_write(flow.turn.staff, customer, None):
        flow.turn.say(f"{customer.name} no tiene citas contigo; solo puedes escribir a los tuyos.")
        return
    _compose(flow, command, customer, None)


def _compose(flow, command, customer, appointment) -> None:
    turn = flow.turn
    refusal = _refusal(turn, customer, appointment)
    if refusal:
        turn.say(refusal)
        return
    pending = {
        "do": "message",
        "customer": customer.id,
        "appointment": appointment.number if appointment else None,
        "text": command.message,
    }
    if not command.message:
        flow.wait_text(pending, f"¿Qué le digo a {customer.name or 'este cliente'}?")
        return
    ask(flow, pending)


def ask(flow: StaffFlow, pending: dict) -> None:
    """Show what will be sent, to whom, and ask before sending."""
    turn = flow.turn
    customer, appointment = _load(turn, pending)
    try:
        text = staff_messages.clean_text(pending["text"])
    except DomainError as error:
        turn.say(error.message)
        return
    about = f", por la cita #{appointment.number}" if appointment else ""
    body = staff_messages.signed(text, turn.staff.name, turn.org)
    note = ""
    chat = _chat(turn, customer)
    if turn.templates is not None and not staff_messages.window_open(chat, turn.now):
        note = "\nComo no ha escrito en las últimas 24 horas, va como mensaje de plantilla."
    flow.confirm(
        pending,
        f"Le escribo a {customer.name or 'este cliente'} ({display_phone(customer.phone)})"
        f"{about} desde el número del negocio:\n«{body}»{note}\n¿Lo mando?",
    )


def send(turn: Turn, pending: dict) -> None:
    customer, appointment = _load(turn, pending)
    refusal = _refusal(turn, customer, appointment)
    if refusal:
        turn.say(refusal)
        return
    staff_messages.send(
        turn.org,
        customer,
        pending["text"],
        author=turn.staff,
        author_name=turn.staff.name,
        actor=turn.actor,
        channel_number=turn.conversation.channel_number,
        now=turn.now,
        relay_hours=turn.relay_hours,
        nonce=secrets.token_urlsafe(12),
        appointment=appointment,
    )
    name = customer.name or "tu cliente"
    turn.say(
        f"Listo, se lo mandé a {name} desde el número del negocio. Si contesta en las "
        f"próximas {turn.relay_hours} horas, te paso su respuesta por aquí; para dejarle el "
        f"chat al asistente antes, escribe *suelta a {name.split()[0]}*."
    )


def release(turn: Turn, command: Command) -> None:
    """ "suelta a Camila": her chat goes back to the bot; without a name, all of mine."""
    chats = staff_messages.open_relays(turn.staff, turn.now)
    if command.text:
        phones = {c.phone for c in find_customers(turn, command.text)}
        phones |= {c.phone for c in find_customers(turn, command.text.split()[0])}
        chats = [c for c in chats if c.phone in phones]
    if not chats:
        turn.say("No tienes conversaciones abiertas con clientes.")
        return
    names = []
    for chat in chats:
        staff_messages.release(chat, actor=turn.actor, now=turn.now)
        person = Customer.get_or_none((Customer.org == turn.org) & (Customer.phone == chat.phone))
        names.append((person.name if person else "") or display_phone(chat.phone))
    joined = " y ".join(names)
    verb = "vuelve" if len(names) == 1 else "vuelven"
    turn.say(f"Listo: {joined} {verb} a hablar con el asistente.")


def _refusal(turn: Turn, customer: Customer, appointment: Appointment | None) -> str | None:
    return staff_messages.why_not(
        customer, appointment, _chat(turn, customer), turn.now, turn.templates
    )


def _chat(turn: Turn, customer: Customer) -> Conversation | None:
    if not customer.phone:
        return None
    return Conversation.get_or_none(
        (Conversation.channel_number == turn.conversation.channel_number)
        & (Conversation.phone == customer.phone)
    )


def _load(turn: Turn, pending: dict) -> tuple[Customer, Appointment | None]:
    customer = Customer.get((Customer.org == turn.org) & (Customer.id == pending["customer"]))
    number = pending.get("appointment")
    appointment = booking.get_appointment(turn.org, number) if number else None
    return customer, appointment
