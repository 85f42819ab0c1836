"""A person chatting with a business through the real, signed Twilio webhook."""

from __future__ import annotations

import itertools
import re
from html import unescape

from bot.channels.twilio import sign
from tests.conftest import PUBLIC_URL, TWILIO_TOKEN

WEBHOOK = "/webhooks/twilio"
_sids = itertools.count(1)


def twilio_form(phone: str, to: str, body: str, name: str = "", **extra) -> dict:
    """The fields Twilio posts for a WhatsApp message; Mexican mobiles arrive as +521…."""
    sender = "+521" + phone[3:] if phone.startswith("+52") and len(phone) == 13 else phone
    form = {
        "MessageSid": f"SM{next(_sids):032x}",
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{sender}",
        "To": f"whatsapp:{to}",
        "Body": body,
        "ProfileName": name,
        "WaId": sender.lstrip("+"),
        "NumMedia": "0",
        "NumSegments": "1",
        "SmsStatus": "received",
        "ApiVersion": "2010-04-01",
    }
    form.update(extra)
    return form


def post(client, form: dict, signature: str | None = None):
    if signature is None:
        signature = sign(TWILIO_TOKEN, PUBLIC_URL + WEBHOOK, form)
    return client.post(WEBHOOK, data=form, headers={"X-Twilio-Signature": signature})


def replies(response) -> list[str]:
    """The texts of the <Message> elements of a TwiML answer."""
    body = response.get_data(as_text=True)
    return [unescape(m) for m in re.findall(r"<Message>(.*?)</Message>", body, re.S)]


class Chat:
    """One phone writing to one business number."""

    def __init__(self, client, to: str, phone: str = "+525530000001", name: str = "Mariana"):
        self.client, self.to, self.phone, self.name = client, to, phone, name
        self.log: list[tuple[str, str]] = []

    def say(self, text: str = "", **extra) -> str:
        response = post(self.client, twilio_form(self.phone, self.to, text, self.name, **extra))
        assert response.status_code == 200, response.get_data(as_text=True)
        reply = "\n".join(replies(response))
        self.log.append((text, reply))
        assert "m.." not in reply, f"a doubled period after a.m./p.m.:\n{reply}"
        return reply

    def transcript(self) -> str:
        return "\n".join(f"> {said}\n< {reply}" for said, reply in self.log)
