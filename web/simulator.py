"""The simulator: chat as any phone with any business, through the real webhook path.

On by default only on a loopback address (`make run`); on a public host only when switched on
(app.simulator: on), and then only for logged-in platform operators: anyone else gets a 404,
as if it did not exist. Its forms are CSRF-protected. Messages are built as Twilio would send
them, signed with the configured token, and handed to the same function the webhook uses, so
what works here works on WhatsApp. What it shows comes from transcripts and the outbox, which
never hold a login link or code (see domain/redact.py).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from bot.channels.twilio import sign
from domain.models import Conversation, Message, Notification, Organization
from domain.phones import normalize_phone
from domain.redact import redact
from web.security import protect
from web.viewer import viewer
from web.webhooks import answer, answer_twilio

bp = protect(Blueprint("simulator", __name__))

DEFAULT_PHONE = "+525530000001"


@bp.before_request
def operators_only_on_a_public_host():
    if current_app.config["YUME"].is_local:
        return
    who = viewer()
    if who is None or who.operator is None:
        abort(404)


def visible(text: str) -> str:
    """What the simulator may show of a stored text: never a secret, whenever it was stored."""
    return redact(text)


@bp.get("/simulator")
def page():
    settings = current_app.config["YUME"]
    businesses = list(Organization.select().order_by(Organization.id))
    numbers = [(b.whatsapp_number, b.name) for b in businesses if b.whatsapp_number]
    numbers.append((settings.twilio.platform_number, "Yume (número de la plataforma)"))
    to = request.args.get("to") or (numbers[0][0] if numbers else "")
    phone = normalize_phone(request.args.get("phone", "")) or DEFAULT_PHONE
    # The phone sees its whole chat with the number, across the conversations Yume keeps.
    chats = Conversation.select(Conversation.id).where(
        (Conversation.channel_number == to) & (Conversation.phone == phone)
    )
    messages = list(
        Message.select()
        .where(Message.conversation.in_(chats))
        .order_by(Message.created_at, Message.id)
        .limit(200)
    )
    notices = []
    org = Organization.get_or_none(Organization.whatsapp_number == to)
    if org is not None:
        notices = list(
            Notification.select()
            .where(Notification.org == org)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(30)
        )
    return render_template(
        "simulator.html",
        visible=visible,
        numbers=numbers,
        to=to,
        phone=phone,
        name=request.args.get("name", ""),
        messages=messages,
        notices=notices,
    )


@bp.post("/simulator")
def send():
    settings = current_app.config["YUME"]
    to = request.form.get("to", "")
    phone = normalize_phone(request.form.get("phone", "")) or DEFAULT_PHONE
    name = request.form.get("name", "")[:60]
    form = twilio_form(phone, to, request.form.get("body", ""), name, request.form.get("media"))
    url = settings.app.public_base_url.rstrip("/") + url_for("webhooks.twilio_inbound")
    token = settings.twilio.auth_token
    if token:
        answer_twilio(form, sign(token, url, form), url)
    else:  # a trusted, in-process message: on a public host the webhook itself refuses these
        answer(form)
    return redirect(url_for("simulator.page", to=to, phone=phone, name=name))


def twilio_form(phone: str, to: str, body: str, name: str, media: str | None) -> dict:
    """The form fields Twilio posts for a WhatsApp message (Mexican mobiles as +521…)."""
    sender = "+521" + phone[3:] if phone.startswith("+52") and len(phone) == 13 else phone
    form = {
        "SmsMessageSid": "",
        "MessageSid": "SM" + secrets.token_hex(16),
        "AccountSid": current_app.config["YUME"].twilio.account_sid or "AC" + "0" * 32,
        "From": f"whatsapp:{sender}",
        "To": f"whatsapp:{to}",
        "Body": body,
        "ProfileName": name,
        "WaId": sender.lstrip("+"),
        "NumMedia": "1" if media else "0",
        "NumSegments": "1",
        "ApiVersion": "2010-04-01",
    }
    form["SmsMessageSid"] = form["MessageSid"]
    if media:
        form["MediaContentType0"] = "image/jpeg"
        form["MediaUrl0"] = "https://api.twilio.com/simulated/media.jpg"
    return form
