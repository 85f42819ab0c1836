"""*Usted* for customers who write in *usted*: one small, fixed set of forms.

Every text is written in *tú*; `formal` rewrites the forms our texts use, so both registers
stay consistent and live in one place. Names and the owner's own answers are left alone
because none of these forms appear in them by accident often enough to matter.
"""

from __future__ import annotations

import re

FORMS = (
    ("para ti", "para usted"),
    ("Si es para ti", "Si es para usted"),
    ("¿Te agendo", "¿Le agendo"),
    ("te agendo", "le agendo"),
    ("Te mandaré", "Le mandaré"),
    ("te mandaré", "le mandaré"),
    ("Te esperamos", "Lo esperamos"),
    ("te esperamos", "lo esperamos"),
    ("te acomoda", "le acomoda"),
    ("te interesa", "le interesa"),
    ("te gustaría", "le gustaría"),
    ("te ayudo", "le ayudo"),
    ("te responde", "le responde"),
    ("te atiende", "lo atiende"),
    ("te escribirá", "le escribirá"),
    ("te enviaremos", "le enviaremos"),
    ("te estoy entendiendo", "le estoy entendiendo"),
    ("te pasa", "se la pasa"),
    ("¿Quieres", "¿Desea"),
    ("Si quieres", "Si desea"),
    ("quieres", "desea"),
    ("Si prefieres", "Si prefiere"),
    ("necesitas", "necesita"),
    ("cambias de opinión", "cambia de opinión"),
    ("Volverás", "Volverá"),
    ("Escribe", "Escriba"),
    ("escribe", "escriba"),
    ("Responde", "Responda"),
    ("responde", "responda"),
    ("Elige", "Elija"),
    ("elige", "elija"),
    ("Dime", "Dígame"),
    ("dime", "dígame"),
    ("Puedes", "Puede"),
    ("puedes", "puede"),
    ("¿Me compartes", "¿Me comparte"),
    ("Tienes", "Tiene"),
    ("tienes", "tiene"),
    ("Tus", "Sus"),
    ("tus", "sus"),
    ("Tu", "Su"),
    ("tu", "su"),
)
_PATTERN = re.compile("|".join(rf"(?<![\wáéíóúñ]){re.escape(a)}(?![\wáéíóúñ])" for a, _ in FORMS))
_FORMAL = dict(FORMS)


def formal(text: str) -> str:
    """The same text in *usted*."""
    return _PATTERN.sub(lambda m: _FORMAL[m.group(0)], text)
