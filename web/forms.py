"""Reading submitted forms field by field, with Spanish messages for what cannot be used."""

from __future__ import annotations

import datetime as dt
import re

from domain.hours import HoursError, parse_hhmm
from domain.phones import normalize_phone

MONEY = re.compile(r"^\$?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?$")
TWELVE = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s*m\.?$")


def _twelve(text: str) -> dt.time:
    """ "5:30 p.m.", "5 pm", "12:15 a.m." as a time; ValueError for anything else."""
    match = TWELVE.match(text.lower())
    if not match:
        raise ValueError(text)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if not 1 <= hour <= 12:
        raise ValueError(text)
    return dt.time(hour % 12 + (12 if match.group(3) == "p" else 0), minute)


class Form:
    """Parse values out of request data; each problem lands in `errors` under its field."""

    def __init__(self, data):
        self.data = data
        self.errors: dict[str, str] = {}

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def first_error(self) -> str | None:
        """The field of the first problem found, which the page puts in view."""
        return next(iter(self.errors), None)

    def raw(self, name: str) -> str:
        return (self.data.get(name) or "").strip()

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, label: str, *, required=True, max_len=200) -> str:
        value = " ".join(self.raw(name).split()) if max_len <= 200 else self.raw(name)
        if required and not value:
            self.error(name, f"Escribe {label}.")
        elif len(value) > max_len:
            self.error(name, f"{label.capitalize()}: hasta {max_len} caracteres.")
        return value

    def integer(self, name: str, label: str, low: int, high: int, *, required=True):
        text = self.raw(name)
        if not text:
            if required:
                self.error(name, f"Escribe {label}.")
            return None
        if not re.fullmatch(r"-?\d{1,9}", text):
            self.error(name, f"{label.capitalize()} debe ser un número entero.")
            return None
        value = int(text)
        if not low <= value <= high:
            self.error(name, f"{label.capitalize()} debe estar entre {low} y {high}.")
            return None
        return value

    def money(self, name: str, label: str) -> int | None:
        match = MONEY.match(self.raw(name))
        if not match:
            self.error(name, f"{label.capitalize()} debe ser una cantidad como 350 o 1,250.50.")
            return None
        pesos = int(match.group(1).replace(",", ""))
        return pesos * 100 + int((match.group(2) or "0").ljust(2, "0"))

    def phone(self, name: str, label="el WhatsApp", *, required=True) -> str | None:
        text = self.raw(name)
        if not text:
            if required:
                self.error(name, f"Escribe {label}.")
            return None
        phone = normalize_phone(text)
        if phone is None:
            self.error(name, "Ese número no parece válido; escribe los 10 dígitos.")
        return phone

    def date(self, name: str, label="la fecha") -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.raw(name))
        except ValueError:
            self.error(name, f"Elige {label}.")
            return None

    def time(self, name: str, label="la hora", *, required=True) -> dt.time | None:
        """A time as browsers send it (17:30) or as people write it (5:30 p.m., 5 pm)."""
        text = self.raw(name)
        if not text and not required:
            return None
        try:
            return parse_hhmm(text) if re.fullmatch(r"\d{1,2}:\d{2}", text) else _twelve(text)
        except (HoursError, ValueError):
            self.error(name, f"Escribe {label}, por ejemplo 5:30 p.m.")
            return None

    def choice(self, name: str, label: str, options) -> str | None:
        value = self.raw(name)
        if value not in options:
            self.error(name, f"Elige {label}.")
            return None
        return value

    def flag(self, name: str) -> bool:
        return self.raw(name) in ("1", "on", "true", "sí")

    def ids(self, name: str) -> list[int]:
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
        result = []
        for value in values:
            if not str(value).isdigit():
                self.error(name, "Hay una opción que no reconozco.")
                return []
            result.append(int(value))
        return result
