"""POST /webhooks/twilio/status: Twilio's delivery reports for what the outbox sent.

Twilio signs each report; a report whose X-Twilio-Signature does not match the public URL
(public_base_url + path + query) is refused with 403 and changes nothing, as is any report on
a public host without TWILIO_AUTH_TOKEN (see web/webhooks.py). The `n` in the query is the
notification id the dispatcher put in the callback URL, so a report that arrives before the
dispatcher recorded the message's SID still finds its row.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, request

from bot.channels.twilio_sender import describe_error
from domain import delivery
from web.webhooks import authentic

bp = Blueprint("status", __name__)


@bp.post("/webhooks/twilio/status")
def status_callback():
    if not authentic(request.form, request.headers.get("X-Twilio-Signature", ""), _url()):
        abort(403)
    sid = request.form.get("MessageSid", "")
    status = request.form.get("MessageStatus", "").lower()
    if not sid or not status:
        return "", 204
    code = request.form.get("ErrorCode", "")
    notification = request.args.get("n", "")
    delivery.record_status(
        sid=sid,
        provider_status=status,
        sender=request.form.get("From", "").split(":", 1)[-1],
        now=current_app.extensions["yume.clock"].now(),
        notification_id=int(notification) if notification.isdigit() else None,
        reason=describe_error(int(code)) if code.isdigit() else "",
    )
    return "", 204


def _url() -> str:
    url = current_app.config["YUME"].app.public_base_url.rstrip("/") + request.path
    if request.query_string:
        url += "?" + request.query_string.decode()
    return url
