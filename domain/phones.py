"""Phone numbers: everything is stored in E.164 (+525512345678).

WhatsApp writes Mexican mobiles as +521 followed by ten digits, the dialling form before 2019;
it is the same person as +52 and the ten digits, so the 1 is dropped before anything else.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import timezone as phone_timezones

_NOISE = re.compile(r"[^\d+]")


def normalize_phone(raw: str | None, region: str = "MX") -> str | None:
    """Return the E.164 form of raw, or None when it is not a valid phone number."""
    if not raw:
        return None
    text = raw.strip()
    if ":" in text:  # "whatsapp:+52…"
        text = text.split(":", 1)[1]
    digits = _NOISE.sub("", text)
    if digits.count("+") > 1 or "+" in digits[1:]:
        return None
    if digits.startswith("+521") and len(digits) == 14:
        digits = "+52" + digits[4:]
    elif digits.startswith("521") and len(digits) == 13:
        digits = "+52" + digits[3:]
    elif digits.startswith("52") and len(digits) == 12:
        digits = "+" + digits
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(phone: str | None) -> str:
    """A stored phone the way people write it: "55 3000 0001" in Mexico, "+1 202-555-0123"
    elsewhere."""
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, "MX")
    except phonenumbers.NumberParseException:
        return phone
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 52
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def wa_me(phone: str | None) -> str:
    """The wa.me link that opens a WhatsApp chat with phone."""
    return f"https://wa.me/{phone.lstrip('+')}" if phone else ""


def mask_phone(phone: str | None) -> str:
    """A phone with its middle hidden, for logs: +52******5678."""
    if not phone:
        return ""
    text = phone.split(":", 1)[-1]
    if len(text) <= 6:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def whatsapp_address(phone: str) -> str:
    return phone if phone.startswith("whatsapp:") else f"whatsapp:{phone}"


def timezone_for(phone: str) -> str:
    """The owner's timezone from their number (+52 664… is Tijuana), Mexico City otherwise."""
    try:
        zones = phone_timezones.time_zones_for_number(phonenumbers.parse(phone))
    except phonenumbers.NumberParseException:
        return "America/Mexico_City"
    return (
        zones[0] if len(zones) == 1 and zones[0].startswith("America/") else "America/Mexico_City"
    )
