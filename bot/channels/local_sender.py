"""The sender used when Twilio is not configured (`make run`, the simulator).

Nothing leaves the machine: each message is logged (with any login link hidden: `make login`
prints one for whoever runs the server) and gets a local SID, and the dispatcher
records it in the conversation like a real one, so the simulator shows reminders and notices
arriving. WhatsApp's 24-hour rule does not apply here, so plain text is always used.
"""

from __future__ import annotations

import logging
import secrets

from bot.channels.twilio_sender import Accepted, Outgoing, Seen
from domain.phones import mask_phone
from domain.redact import redact

log = logging.getLogger(__name__)


class LocalSender:
    requires_templates = False

    def send(self, message: Outgoing) -> Accepted:
        sid = "SMlocal" + secrets.token_hex(13)
        log.info(
            "local message %s from %s to %s: %s",
            sid,
            message.sender,
            mask_phone(message.recipient),
            # A login link or code is for its phone alone, never for the log.
            redact(message.body).replace("\n", " / ")[:200] if not message.content_sid else "",
        )
        return Accepted(sid=sid, status="sent")

    def recent(self, *, sender: str, recipient: str, limit: int = 50) -> list[Seen]:
        return []  # a local send cannot end in an unknown state
