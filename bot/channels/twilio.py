"""Twilio's WhatsApp channel, inbound side: form fields in, TwiML out, signatures checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from domain.phones import normalize_phone

MAX_MESSAGE = 1500  # WhatsApp via Twilio allows 1,600 characters; leave room
# Control characters other than tab and newlines: PostgreSQL refuses NUL in text outright.
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


@dataclass(frozen=True)
class Inbound:
    """One message as Twilio delivered it, normalised."""

    sid: str
    from_address: str  # "whatsapp:+5215512345678", as sent
    to_address: str
    phone: str | None  # sender in E.164 (+525512345678), None if unreadable
    to_phone: str | None
    body: str
    profile_name: str = ""
    num_media: int = 0
    media_types: tuple[str, ...] = ()
    button_payload: str = ""
    latitude: str = ""
    raw: dict = field(default_factory=dict)

    @property
    def is_media_only(self) -> bool:
        return not self.body.strip() and (self.num_media > 0 or bool(self.latitude))


def parse_inbound(form) -> Inbound:
    """Read Twilio's form fields; unknown fields are kept in raw, never rejected."""
    raw = {key: form.get(key, "") for key in form.keys()}
    try:
        num_media = max(0, int(raw.get("NumMedia") or 0))
    except ValueError:
        num_media = 0
    media_types = tuple(raw.get(f"MediaContentType{i}", "") for i in range(min(num_media, 10)))
    body = clean_text(raw.get("Body", ""))
    button = clean_text(raw.get("ButtonPayload", ""))
    if not body and raw.get("ButtonText"):
        body = clean_text(raw["ButtonText"])
    return Inbound(
        sid=raw.get("MessageSid") or raw.get("SmsMessageSid") or "",
        from_address=raw.get("From", ""),
        to_address=raw.get("To", ""),
        phone=normalize_phone(raw.get("From", "")),
        to_phone=normalize_phone(raw.get("To", "")),
        body=body,
        profile_name=clean_text(raw.get("ProfileName", ""))[:120],
        num_media=num_media,
        media_types=media_types,
        button_payload=button,
        latitude=raw.get("Latitude", ""),
        raw=raw,
    )


def clean_text(text: str) -> str:
    """Text without control characters (but keeping tabs and line breaks)."""
    return text.translate(_CONTROL).replace("\x7f", "")


def signature_is_valid(auth_token: str, url: str, form, signature: str) -> bool:
    if not signature:
        return False
    return RequestValidator(auth_token).validate(url, form, signature)


def sign(auth_token: str, url: str, params: dict) -> str:
    """The X-Twilio-Signature Twilio would send for these form params (simulator, tests)."""
    return RequestValidator(auth_token).compute_signature(url, params)


def split_message(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split a long reply on paragraph, line or word boundaries, each part below limit."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit))
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        parts.append(text)
    return parts


def twiml(reply: str) -> str:
    """TwiML carrying the reply; an empty <Response/> when there is nothing to say."""
    response = MessagingResponse()
    for part in split_message(reply):
        response.message(part)
    return str(response)
