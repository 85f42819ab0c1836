"""POST /webhooks/twilio: WhatsApp messages from Twilio, answered with TwiML.

Every request must carry a valid X-Twilio-Signature for TWILIO_AUTH_TOKEN. Without a token the
webhook only runs on a loopback address (`make run`, tests): on a public host anyone could
post as any phone (the owner's included), so it answers 403 and stores nothing until the
token is set.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from bot.channels.twilio import parse_inbound, signature_is_valid, twiml

bp = Blueprint("webhooks", __name__)

REFUSED = "firma inválida"


@bp.post("/webhooks/twilio")
def twilio_inbound():
    return answer_twilio(request.form, request.headers.get("X-Twilio-Signature", ""), public_url())


def public_url() -> str:
    """The URL Twilio signed: the configured public base (a proxy hides it from us) + path."""
    base = current_app.config["YUME"].app.public_base_url.rstrip("/")
    query = request.query_string.decode()
    return f"{base}{request.path}" + (f"?{query}" if query else "")


def authentic(form, signature: str, url: str) -> bool:
    """Whether a Twilio request may be believed: signed with the token, or, with no token,
    received on a loopback address."""
    settings = current_app.config["YUME"]
    token = settings.twilio.auth_token
    if not token:
        if settings.is_local:
            return True
        current_app.logger.error(
            "webhook refused: TWILIO_AUTH_TOKEN is not set on a public host (%s)",
            settings.app.public_base_url,
        )
        return False
    if signature_is_valid(token, url, form, signature):
        return True
    current_app.logger.warning("webhook: bad or missing Twilio signature")
    return False


def answer_twilio(form, signature: str, url: str) -> Response:
    """Check the signature, hand the message to the engine, answer TwiML."""
    if not authentic(form, signature, url):
        return Response(REFUSED, status=403, mimetype="text/plain")
    return answer(form)


def answer(form) -> Response:
    """Hand a message already known to be authentic to the engine; answer TwiML."""
    reply = current_app.extensions["yume.engine"].receive(parse_inbound(form))
    return Response(twiml(reply), mimetype="text/xml")
