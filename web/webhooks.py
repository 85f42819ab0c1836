"""POST /webhooks/twilio: WhatsApp messages from Twilio, answered with TwiML."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from bot.channels.twilio import parse_inbound, signature_is_valid, twiml

bp = Blueprint("webhooks", __name__)


@bp.post("/webhooks/twilio")
def twilio_inbound():
    return answer_twilio(request.form, request.headers.get("X-Twilio-Signature", ""), public_url())


def public_url() -> str:
    """The URL Twilio signed: the configured public base (a proxy hides it from us) + path."""
    base = current_app.config["YUME"].app.public_base_url.rstrip("/")
    query = request.query_string.decode()
    return f"{base}{request.path}" + (f"?{query}" if query else "")


def answer_twilio(form, signature: str, url: str) -> Response:
    """Check the signature, hand the message to the engine, answer TwiML."""
    token = current_app.config["YUME"].twilio.auth_token
    if token and not signature_is_valid(token, url, form, signature):
        current_app.logger.warning("webhook: bad or missing Twilio signature")
        return Response("firma inválida", status=403, mimetype="text/plain")
    reply = current_app.extensions["yume.engine"].receive(parse_inbound(form))
    return Response(twiml(reply), mimetype="text/xml")
