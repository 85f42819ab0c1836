"""Staff commands read by rules: "agenda mañana", "bloquear viernes 3 a 5pm doctor", "noshow 44".

The verb may come first or later, with typos and without accents ("completar 41", "la 41 ya
quedó", "no vino la 44"). Dates and times come from the same parser customers use. A message
with a time range and no verb ("ponme comida de 2 a 3 mañana") reads as a block.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable

from bot.nlu.text import best_match, normalize
from bot.nlu.when import parse_date_range, parse_time_range, parse_when
from domain.phones import normalize_phone
from flows.understanding import Command

VERBS = {
    "agenda": ("agenda", "citas", "hoy", "pendientes"),
    "bloquear": ("bloquear", "bloquea", "bloqueo", "ponme", "apartame", "aparta"),
    "desbloquear": ("desbloquear", "desbloquea", "quitar bloqueo", "libera", "liberar"),
    "cerrar": ("cerrar", "cierra", "cerramos", "cerrado"),
    "walkin": ("walkin", "walk in", "walk-in", "sin cita", "llego", "llegó"),
    "completar": (
        "completar",
        "completa",
        "completada",
        "terminada",
        "terminar",
        "hecha",
        "lista",
    ),
    "noshow": ("noshow", "no show", "no vino", "no llego", "falto", "no asistio"),
    "cancelar": ("cancelar", "cancela", "cancelada"),
    "mover": ("mover", "mueve", "mueva", "cambiar", "cambia", "pasar"),
    "cliente": ("cliente", "buscar", "busca", "quien es"),
    "nota": ("nota", "anota", "anotar", "apunta"),
    "panel": ("panel", "dashboard", "tablero", "pagina", "liga", "link"),
    "ayuda": ("ayuda", "comandos", "help", "que puedo hacer"),
}
SINGLE_FORMS = {form: verb for verb, forms in VERBS.items() for form in forms if " " not in form}
AS_CUSTOMER = re.compile(r"\bcomo cliente\b")
NUMBER = re.compile(
    r"(?:#\s?|\b(?:la|el|cita|numero|no\.?)\s)(\d{1,6})\b|^(\d{1,6})\b|\b(\d{1,6})$"
)
PHONE = re.compile(r"\+?\d[\d\s-]{8,16}\d")
TWO_HOURS = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*(?:a|-|hasta)\s*(\d{1,2})(?::(\d\d))?\b")


def read_command(
    text: str,
    now: dt.datetime,
    *,
    hours_for: Callable[[dt.date], list[tuple[dt.time, dt.time]]] | None = None,
    service_names: tuple[tuple[int, str], ...] = (),
) -> Command | None:
    """The staff command in text, or None when it is not one. `now` is local wall time."""
    plain = normalize(text)
    if not plain:
        return None
    if AS_CUSTOMER.search(plain):
        return Command("as_customer")
    verb, rest = _verb(plain)
    span = parse_time_range(text, now, hours_for=hours_for)
    if verb is None and span is not None:
        verb = "bloquear"
    if verb is None:
        return None
    if verb in ("bloquear", "cerrar", "agenda", "walkin", "mover"):
        return _with_when(verb, text, rest, now, span, hours_for, service_names)
    return Command(verb, number=_number(rest), text=_words_after(text, verb))


def _verb(plain: str) -> tuple[str | None, str]:
    """The earliest verb in the message (typos allowed); return it and the rest of the text."""
    found: list[tuple[int, str, str]] = []
    for verb, forms in VERBS.items():
        for form in forms:
            at = f" {plain} ".find(f" {form} ") if " " in form else -1
            if at >= 0:
                found.append((at, verb, form))
    offset = 0
    for i, word in enumerate(plain.split()):
        # Exact forms anywhere ("la 41 ya quedó completada"); typos only near the start, where
        # a command's verb goes, so ordinary words further on are not mistaken for one.
        best = _closest(word, typos=i < 2)
        if best:
            found.append((offset, best, word))
        offset += len(word) + 1
    if not found:
        return None, plain
    _, verb, form = min(found)
    return verb, f" {plain} ".replace(f" {form} ", " ", 1).strip()


def _closest(word: str, typos: bool = True) -> str | None:
    if word == "hoy":
        return "agenda"
    if word in SINGLE_FORMS:
        return SINGLE_FORMS[word]
    if not typos or word.isdigit() or len(word) < 5:
        return None
    match = difflib.get_close_matches(word, SINGLE_FORMS, n=1, cutoff=0.8)
    return SINGLE_FORMS[match[0]] if match else None


def _number(rest: str) -> int | None:
    match = NUMBER.search(rest.strip())
    if not match:
        return None
    return int(next(group for group in match.groups() if group))


def _with_when(verb, text, rest, now, span, hours_for, service_names) -> Command:
    when = parse_when(text, now, hours_for=hours_for)
    everyone = bool(re.search(r"\btod[oa]s\b|\bnegocio\b|\bequipo\b", rest))
    if verb == "cerrar":
        days = parse_date_range(text, now)
        first, last = days if days else (None, None)
        return Command(verb, date=first, until=last, text=_reason(text, verb))
    if verb == "bloquear":
        if span is None:
            return Command(verb, date=when.date, text=_reason(text, verb), problem=_problem(rest))
        day, start, end = span
        return Command(verb, date=day, start=start, end=end, text=_reason(text, verb))
    if verb == "mover":
        return Command(verb, number=_number(rest), date=when.date, start=when.time)
    if verb == "walkin":
        return Command(
            verb,
            start=when.time,
            date=when.date,
            text=_walk_in_name(when.blank_out(text), service_names),
            phone=_phone(text),
            service_ids=_services(when.blank_out(text), service_names),
        )
    return Command(verb, date=when.date, everyone=everyone)


def _problem(rest: str) -> str | None:
    """Why a block's hours cannot be read, when two hours are there but make no range."""
    match = TWO_HOURS.search(rest)
    if match and int(match.group(1)) > int(match.group(3)):
        return "backwards"
    return "missing"


def _reason(text: str, verb: str) -> str:
    """Words left after the verb, dates and times: "doctor", "Navidad"."""
    when = parse_when(text, dt.datetime(2000, 1, 3, 12))
    cleaned = when.blank_out(text)
    cleaned = re.sub(
        r"\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?\s*(?:a|-|hasta|al)\s*\d{1,2}"
        r"(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?",
        " ",
        cleaned,
        flags=re.I,
    )
    cleaned = re.sub(r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}\b", " ", cleaned)
    words = [w for w in cleaned.split() if normalize(w) not in _FILLER]
    if words and _closest(normalize(words[0])) == verb:
        words = words[1:]
    return " ".join(words).strip(" ,.-:")[:200]


_FILLER = {
    "de",
    "del",
    "a",
    "al",
    "el",
    "la",
    "las",
    "los",
    "por",
    "para",
    "y",
    "hasta",
    "me",
    "ponme",
    "bloquear",
    "bloquea",
    "cerrar",
    "cierra",
    "dic",
    "diciembre",
    "todo",
    "dia",
}


def _walk_in_name(text: str, service_names) -> str:
    """What is left of a walk-in after the verb, service, time and phone: the person's name."""
    words = PHONE.sub(" ", text).split()
    names = {w for _, name in service_names for w in normalize(name).split()}
    skip = names | {"walkin", "walk", "in", "sin", "cita", "de", "a", "las", "con", "para"}
    kept = [w for w in words if normalize(w) not in skip and not normalize(w).isdigit()]
    kept = [w for w in kept if not re.fullmatch(r"[\d:.apm]+", normalize(w))]
    return " ".join(kept)[:120]


def _services(text: str, service_names) -> tuple[int, ...]:
    found = best_match(text, [name for _, name in service_names])
    if not found:
        return ()
    top = found[0].score
    ids = {name: ident for ident, name in service_names}
    return tuple(ids[m.name] for m in found if m.score >= top - 0.05)


def _phone(text: str) -> str | None:
    match = PHONE.search(text)
    return normalize_phone(match.group()) if match else None


def _words_after(text: str, verb: str) -> str:
    """The text after the verb and the appointment number: a reason, a name, a note."""
    words = text.split()
    for i, word in enumerate(words[:3]):
        if _closest(normalize(word)) == verb:
            words = words[i + 1 :]
            break
    if words and re.fullmatch(r"#?\d{1,6}", words[0]):
        words = words[1:]
    return " ".join(words).strip()
