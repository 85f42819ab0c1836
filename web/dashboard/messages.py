"""Writing to a customer's WhatsApp from an appointment's or a client's page.

The message leaves from the business's number, signed with the writer's first name; the
customer's replies show in Chats and, for the next hours, reach the writer's own
WhatsApp (domain.staff_messages). Employees write to the customers of their appointments,
owners to anyone.
"""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, request, url_for

from domain import booking, customers, staff_messages
from domain.errors import DomainError
from domain.models import Conversation
from web.dashboard import blueprint, clock, settings
from web.forms import Form
from web.viewer import login_required, viewer

bp = blueprint("messages", __name__, "/mensajes")


@bp.app_context_processor
def helpers() -> dict:
    """What the message form (dashboard/_staff_message.html) asks while a page renders."""
    return {
        "may_message": lambda person, appointment=None: staff_messages.may_write(
            viewer().staff, person, appointment
        ),
        "message_refusal": _refusal,
        "relay_hours": lambda: settings().app.staff_relay_hours,
        "new_nonce": lambda: secrets.token_urlsafe(12),
    }


@bp.post("/cita/<int:number>")
@login_required
def to_appointment(number: int):
    appointment = booking.get_appointment(viewer().org, number)
    return _send(appointment.customer, appointment, url_for("agenda.show", number=number))


@bp.post("/cliente/<int:customer_id>")
@login_required
def to_customer(customer_id: int):
    person = customers.get_customer(viewer().org, customer_id)
    return _send(person, None, url_for("customers.show", customer_id=customer_id))


def _send(person, appointment, back: str):
    who, now = viewer(), clock().now()
    if not staff_messages.may_write(who.staff, person, appointment):
        abort(403)
    form = Form(request.form)
    refusal = _refusal(person, appointment)
    try:
        if refusal:
            raise DomainError(refusal)
        sent = staff_messages.send(
            who.org,
            person,
            form.raw("text"),
            author=who.staff,
            author_name=who.staff.name if who.staff else "El equipo",
            actor=who.actor,
            channel_number=_channel(who.org),
            now=now,
            relay_hours=settings().app.staff_relay_hours,
            nonce=form.raw("nonce") or secrets.token_urlsafe(12),
            appointment=appointment,
        )
    except DomainError as error:
        flash(error.message, "error")
        return redirect(back), 303
    name = person.name or "tu cliente"
    flash(f"Mensaje enviado a {name}." if sent else "Ese mensaje ya se había enviado.")
    return redirect(back), 303


def _refusal(person, appointment=None) -> str | None:
    chat = None
    if person.phone:
        chat = Conversation.get_or_none(
            (Conversation.channel_number == _channel(viewer().org))
            & (Conversation.phone == person.phone)
        )
    templates = staff_messages.templates_for(settings().twilio)
    return staff_messages.why_not(person, appointment, chat, clock().now(), templates)


def _channel(org) -> str:
    return org.whatsapp_number or settings().twilio.platform_number
