"""Reading an owner's messages during onboarding: the pieces, and corrections to the summary.

"cambia el precio del corte a 180", "la barba dura 30 min", "quita la barba", "agrega tinte
2 hrs 900", "el horario es lunes a sábado 9 a 7", "cambia el nombre a Barbería El Güero 2",
"la dirección es Av. Juárez 10", "quita a Pedro", "agrega a Juan 5512345678".
"""

from __future__ import annotations

import re

from bot.nlu.catalog import parse_services, parse_staff_entries, parse_weekly_hours
from bot.nlu.text import normalize
from domain.hours import dump_hours
from flows.understanding import SetupEdit

PRICE = re.compile(
    r"\bprecio (?:de(?:l| la| los| las)? )?(?P<what>.+?) (?:a|en|es de|es) \$?(?P<n>\d+)"
)
PRICE_AFTER = re.compile(
    r"\b(?:el |la )?(?P<what>.+?) (?:cuesta|vale|a) \$?(?P<n>\d+) ?(?:pesos)?$"
)
DURATION = re.compile(
    r"\bduracion (?:de(?:l| la)? )?(?P<what>.+?) (?:a|en|es de|es) (?P<n>\d+) ?(?:min|minutos)?"
)
DURATION_AFTER = re.compile(r"\b(?:el |la )?(?P<what>.+?) dura (?P<n>\d+) ?(?:min|minutos)")
REMOVE = re.compile(
    r"^(?:quita|quitar|borra|borrar|elimina|eliminar|sin) (?:el |la |los |las |a )?(?P<what>.+)$"
)
ADD = re.compile(
    r"^\s*(?:agrega|agregar|añade|añadir|anade|suma|también|tambien)\s+"
    r"(?:a |el |la )?(?P<rest>.+)$",
    re.IGNORECASE,
)
NAME = re.compile(
    r"\b(?:el nombre (?:es|del negocio es)|cambia el nombre a|se llama)\s+(?P<v>.+)$", re.I
)
ADDRESS = re.compile(r"\b(?:la direccion es|direccion:?|cambia la direccion a)\s+(?P<v>.+)$", re.I)
HOURS = re.compile(r"\bhorario\b")
SPOTS = re.compile(
    r"\b(?P<n>\d{1,2}|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez) "
    r"(?:sillas?|sillones?|lugares|estaciones|cabinas?|camas?)\b"
)
NUMBER_WORDS = {
    "un": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
}


def read_setup(text: str) -> dict:
    """Everything onboarding may need from one message, read once."""
    return {
        "services": [s.__dict__ for s in parse_services(text)],
        "hours": dump_hours(parse_weekly_hours(text) or {}) or None,
        "staff": parse_staff_entries(text),
        "edit": read_edit(text),
    }


def read_edit(text: str) -> SetupEdit | None:
    """A correction to the onboarding summary, or None."""
    plain = normalize(text)
    if HOURS.search(plain) and (hours := parse_weekly_hours(text)):
        return SetupEdit("hours", None, dump_hours(hours))
    if match := SPOTS.search(plain):
        count = NUMBER_WORDS.get(match["n"]) or int(match["n"])
        return SetupEdit("spots", None, count)
    if match := PRICE.search(plain) or PRICE_AFTER.search(plain):
        return SetupEdit("price", match["what"], int(match["n"]))
    if match := DURATION.search(plain) or DURATION_AFTER.search(plain):
        return SetupEdit("duration", match["what"], int(match["n"]))
    if match := NAME.search(text):
        return SetupEdit("name", None, match["v"].strip(" ."))
    if match := ADDRESS.search(_fold_accents(text)):
        return SetupEdit("address", None, text[match.start("v") :].strip())
    if match := REMOVE.search(plain):
        return SetupEdit("remove", match["what"], None)
    if match := ADD.search(text.strip()):
        services = parse_services(match["rest"])
        if services and services[0].duration_min and services[0].price_pesos is not None:
            return SetupEdit("add_service", None, services[0].__dict__)
        people = parse_staff_entries(match["rest"])
        if people and people[0][1]:
            return SetupEdit("add_staff", people[0][0], people[0][1])
    return None


def _fold_accents(text: str) -> str:
    return text.replace("ó", "o").replace("Ó", "O")
