"""Staff writing to a customer through the business's WhatsApp, and the customer's answers.

A staff member, from their phone or the dashboard, writes to a customer: the message leaves
from the business's number through the outbox (kind `staff_message`), signed with the staff
member's first name, and is written into the customer's conversation with who sent it. For
the next `relay_hours` the customer's replies are not the bot's: they are kept in that
conversation (the dashboard shows them) and forwarded to the staff member on WhatsApp (kind
`customer_reply`). The chat goes back to the bot when that time is over or when the staff
member lets it go.

Employees write to the customers of their own appointments, owners to any customer. A
customer who wrote "baja" only gets messages about one of their appointments. Outside
WhatsApp's 24-hour window a message can only go as the approved template of its kind.
"""

from __future__ import annotations

import datetime as dt

from domain import audit, notice_texts, outbox
from domain.db import db
from domain.errors import InvalidInput
from domain.models import Appointment, Conversation, Customer, Message, Organization, Staff

KIND = "staff_message"
REPLY_KIND = "customer_reply"
MAX_TEXT = 1000
# WhatsApp's window is 24 hours; a margin keeps "it can go now" true until it is sent.
WINDOW = dt.timedelta(hours=24) - dt.timedelta(minutes=10)


def templates_for(twilio) -> frozenset[str] | None:
    """Kinds with an approved template (twilio.templates); None when no Twilio is configured,
    so nothing is subject to WhatsApp's 24-hour rule (the simulator, `make run`)."""
    if not (twilio.account_sid and twilio.auth_token):
        return None
    return frozenset(twilio.templates)


def may_write(staff: Staff | None, customer: Customer, appointment: Appointment | None) -> bool:
    """Owners (and platform operators, staff None) write to anyone; employees to their own."""
    if staff is None or staff.is_owner:
        return True
    if appointment is not None:
        return appointment.staff_id == staff.id
    return (
        Appointment.select()
        .where(
            Appointment.customer == customer,
            Appointment.staff == staff,
            Appointment.status != "cancelled",
        )
        .exists()
    )


def conversation_with(org: Organization, channel_number: str, phone: str, now) -> Conversation:
    """The customer's chat with the business's number, created if they never wrote."""
    conversation, _ = Conversation.get_or_create(
        channel_number=channel_number,
        phone=phone,
        defaults={"org": org, "role": "customer", "created_at": now, "updated_at": now},
    )
    return conversation


def why_not(
    customer: Customer,
    appointment: Appointment | None,
    conversation: Conversation | None,
    now: dt.datetime,
    templates: frozenset[str] | None,
) -> str | None:
    """Why this message cannot go now (Spanish, for the staff member), or None if it can.

    `templates` are the kinds with an approved WhatsApp template; None when the channel has
    no 24-hour rule (the simulator, no Twilio).
    """
    name = customer.name or "Este cliente"
    if not customer.phone:
        return f"{name} no tiene WhatsApp registrado."
    if customer.opted_out_at is not None and appointment is None:
        return (
            f"{name} pidió no recibir mensajes; solo puedo escribirle sobre una de sus citas "
            "(por ejemplo: mensaje #41: …)."
        )
    if templates is None or window_open(conversation, now) or KIND in templates:
        return None
    return (
        f"No puedo mandárselo ahora: {name} no ha escrito al negocio en las últimas 24 horas "
        "y WhatsApp solo deja escribirle con una plantilla aprobada, que este negocio todavía "
        f"no tiene (tipo «{KIND}»). Puedes llamarle al "
        f"{notice_texts.display_phone(customer.phone)}."
    )


def window_open(conversation: Conversation | None, now: dt.datetime) -> bool:
    last = conversation.last_inbound_at if conversation is not None else None
    return last is not None and now - last < WINDOW


def signed(text: str, author_name: str, org: Organization) -> str:
    first = notice_texts.first_name(author_name) or "El equipo"
    return f"{text}\n— {first}, {org.name}"


def clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Escribe el mensaje que quieres mandar.")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"El mensaje puede tener hasta {MAX_TEXT} caracteres.")
    return text


def send(
    org: Organization,
    customer: Customer,
    text: str,
    *,
    author: Staff | None,
    author_name: str,
    actor: str,
    channel_number: str,
    now: dt.datetime,
    relay_hours: int,
    nonce: str,
    appointment: Appointment | None = None,
) -> Message | None:
    """Queue the message, show it in the customer's chat and route their replies to the
    author for `relay_hours`; None when this nonce was already sent."""
    text = clean_text(text)
    with db.atomic():
        conversation = conversation_with(org, channel_number, customer.phone, now)
        first = notice_texts.first_name(author_name) or "El equipo"
        notification = outbox.enqueue(
            org=org,
            recipient=customer.phone,
            customer=customer,
            appointment=appointment,
            kind=KIND,
            body=signed(text, author_name, org),
            variables=notice_texts.text("", first, org.name, text).variables,
            dedup_key=f"{KIND}:{conversation.id}:{nonce[:64]}",
            now=now,
        )
        if notification is None:
            return None
        message = Message.create(
            org=org,
            conversation=conversation,
            direction="out",
            from_number=channel_number,
            to_number=customer.phone,
            body=notification.body,
            status="queued",
            payload={
                "notification": notification.id,
                "by": "staff",
                "staff": author.id if author else None,
                "name": author_name,
            },
            created_at=now,
        )
        _relay(conversation, author, author_name, actor, now, relay_hours)
        audit.record(
            actor,
            KIND,
            now=now,
            org=org,
            customer=customer.id,
            appointment=appointment.number if appointment else None,
            notification=notification.id,
        )
    return message


def _relay(conversation, author, author_name, actor, now, hours) -> None:
    """Quiet the bot in the customer's chat and send their replies to the author."""
    until = now + dt.timedelta(hours=hours)
    conversation.flow = conversation.state = None  # whatever the bot was asking is over
    conversation.slots = {}
    conversation.relay_staff = author if author is not None and author.phone else None
    conversation.relay_until = until if conversation.relay_staff else None
    if conversation.handoff_until is None or conversation.handoff_until < until:
        conversation.handoff_until = until
    conversation.updated_at = now
    conversation.save()
    audit.record(
        actor,
        "handoff_take",
        now=now,
        org=conversation.org,
        conversation=conversation.id,
        name=author_name,
    )


def relaying_to(conversation: Conversation, now: dt.datetime) -> Staff | None:
    """The staff member this customer's messages go to now, if any."""
    if conversation.relay_staff_id is None or conversation.relay_until is None:
        return None
    if conversation.relay_until <= now:
        return None
    return Staff.get_or_none(
        (Staff.id == conversation.relay_staff_id) & (Staff.active == True)  # noqa: E712
    )


def forward_reply(conversation: Conversation, message: Message, staff: Staff, now) -> None:
    """Pass what the customer wrote on to the staff member who wrote to them."""
    customer = Customer.get_or_none(
        (Customer.org == conversation.org_id) & (Customer.phone == conversation.phone)
    )
    who = (customer.name if customer else "") or notice_texts.display_phone(conversation.phone)
    said = message.body.strip() or "(mandó una foto, un audio o un archivo; míralo en el panel)"
    outbox.enqueue(
        org=conversation.org,
        recipient=staff.phone,
        staff=staff,
        customer=customer,
        kind=REPLY_KIND,
        body=f"{who} te contestó:\n«{said}»\nPara responderle escribe: dile que …",
        variables=notice_texts.text("", who, said).variables,
        dedup_key=f"{REPLY_KIND}:message:{message.id}",
        now=now,
    )


def open_relays(staff: Staff, now: dt.datetime) -> list[Conversation]:
    """This staff member's open chats with customers, the latest to write first."""
    return list(
        Conversation.select()
        .where(
            Conversation.org == staff.org_id,
            Conversation.relay_staff == staff,
            Conversation.relay_until > now,
        )
        .order_by(Conversation.last_inbound_at.desc(nulls="LAST"), Conversation.id.desc())
    )


def release(conversation: Conversation, *, actor: str, now: dt.datetime) -> None:
    """Give the chat back to the bot."""
    conversation.relay_staff = None
    conversation.relay_until = None
    conversation.handoff_until = None
    conversation.updated_at = now
    conversation.save()
    audit.record(
        actor, "handoff_return", now=now, org=conversation.org, conversation=conversation.id
    )
