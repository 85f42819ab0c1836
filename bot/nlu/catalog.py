"""Read what an owner writes while setting up a business on WhatsApp.

`parse_services` reads "Corte 30 min $150, barba 20 min 100"; `parse_weekly_hours` reads
"lunes a viernes 10 a 8, sábado 10 a 3"; `parse_staff_entries` reads "Pedro 5512345678 y
Juan 3312345678". Anything missing (a price, a duration) comes back as None so the flow can
ask for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.nlu._numbers import IndexMap, spell_numbers
from bot.nlu._patterns import RANGE_END
from bot.nlu.text import normalize_with_map


@dataclass(frozen=True)
class ParsedService:
    name: str
    duration_min: int | None
    price_pesos: int | None


def _prepare(text: str, keep: str) -> tuple[str, IndexMap]:
    norm, positions = normalize_with_map(text, keep=keep)
    return spell_numbers(norm, [(i, i) for i in positions])


def _original(text: str, index: IndexMap, start: int, end: int) -> str:
    return text[index[start][0] : index[end - 1][1] + 1]


# --- services ----------------------------------------------------------------------------

_DURATION = re.compile(
    r"(?<![\w$])(?:(?P<h>\d{1,2}(?:[.,]\d)?) ?(?:horas|hora|hrs|hr|hs|h)\b(?: ?(?:y )?"
    r"(?:(?P<hm>\d{1,2}) ?(?:minutos|minuto|mins|min|m)\b|(?P<half>media|cuarto)\b))?"
    r"|(?P<hh>\d{1,2})[:h](?P<mm>[0-5]\d) ?(?:horas|hora|hrs|hr|h\b)?"
    r"|(?P<min>\d{1,3}) ?(?:minutos|minuto|mins|min|m\b|')"
    r"|(?P<word>hora y media|hora y cuarto|media hora|hora)\b)"
)
_PRICE = re.compile(
    r"\$ ?(?P<p>\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,]\d{1,2}\b)?(?: ?(?:pesos|mxn|mn)\b)?"
    r"|(?<![\w$.,])(?P<q>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2}\b)? ?(?:pesos|mxn|mn|varos|\$)"
    r"|(?<![\w$.,:])(?P<bare>\d{1,3}(?:,\d{3})+|\d{2,6})(?:\.\d{1,2})?(?![\w:])"
)
_ITEM_SPLIT = re.compile(r"\n|;|•|\s\*\s|(?:^|\s)-\s")
_NOT_A_SERVICE = frozenset(("listo", "ya", "es todo", "eso es todo", "nada mas", "no", "fin"))
_EDGE_WORDS = frozenset(
    "y e de del a al por en con cuesta cuestan precio precios dura duracion el la los las un "
    "x cada son es servicio servicios tambien mas otro otra que".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _duration_minutes(m: re.Match[str]) -> int:
    if m["word"]:
        return {"hora y media": 90, "hora y cuarto": 75, "media hora": 30}.get(m["word"], 60)
    if m["hh"]:
        return int(m["hh"]) * 60 + int(m["mm"])
    if m["min"]:
        return int(m["min"])
    hours = float(m["h"].replace(",", "."))
    extra = int(m["hm"] or 0) + {"media": 30, "cuarto": 15}.get(m["half"] or "", 0)
    return round(hours * 60) + extra


def _price_pesos(m: re.Match[str]) -> int:
    digits = (m["p"] or m["q"] or m["bare"]).replace(",", "").replace(".", "")
    return int(digits)


def _clean_name(raw: str) -> str:
    """Trim connector words and punctuation around a service or staff name."""
    words = raw.split()
    while words and words[0].lower().strip(".:-,") in _EDGE_WORDS:
        words.pop(0)
    while words and words[-1].lower().strip(".:-,") in _EDGE_WORDS:
        words.pop()
    name = " ".join(words).strip(" .:-*•()")
    return name[:1].upper() + name[1:]


def _attributes(norm: str) -> list[tuple[int, int, str, int]]:
    """Durations and prices in a chunk as (start, end, kind, value), in order."""
    found: list[tuple[int, int, str, int]] = []
    claimed = bytearray(len(norm))
    for pattern, kind in ((_DURATION, "duration"), (_PRICE, "price")):
        for m in pattern.finditer(norm):
            if any(claimed[m.start() : m.end()]):
                continue
            value = _duration_minutes(m) if kind == "duration" else _price_pesos(m)
            found.append((m.start(), m.end(), kind, value))
            claimed[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found)


def _add_names(items: list[dict], gap: str) -> None:
    """Words between attributes name a service; after a comma or an attribute, a new one."""
    for n, fragment in enumerate(gap.split(",")):
        name = _clean_name(fragment)
        if not _WORD.search(name):
            continue
        if n == 0 and items and items[-1]["duration"] is None and items[-1]["price"] is None:
            items[-1]["name"] = _clean_name(f"{items[-1]['name']} {name}")
        else:
            items.append({"name": name, "duration": None, "price": None})


def _services_in_chunk(chunk: str) -> list[ParsedService]:
    norm, index = _prepare(chunk, keep="$.,:'")
    items: list[dict] = []
    pos = 0
    for start, end, kind, value in [*_attributes(norm), (len(norm), len(norm), "end", 0)]:
        if start > pos:
            _add_names(items, _original(chunk, index, pos, start))
        if kind != "end" and items and items[-1][kind] is None:
            items[-1][kind] = value
        pos = end
    return [
        ParsedService(i["name"], i["duration"], i["price"])
        for i in items
        if _prepare(i["name"], keep="")[0] not in _NOT_A_SERVICE
    ]


def parse_services(text: str) -> list[ParsedService]:
    """Read services with duration and price; a missing duration or price is None."""
    services: list[ParsedService] = []
    for chunk in _ITEM_SPLIT.split(text or ""):
        if chunk.strip():
            services.extend(_services_in_chunk(chunk))
    return services


# --- weekly hours ------------------------------------------------------------------------

_DAY_WORDS = {
    "lunes": 0, "lun": 0, "martes": 1, "mar": 1, "miercoles": 2, "mier": 2, "mie": 2,
    "jueves": 3, "jue": 3, "viernes": 4, "vie": 4, "sabado": 5, "sab": 5, "domingo": 6,
    "dom": 6, "l": 0, "m": 1, "mi": 2, "x": 2, "j": 3, "v": 4, "s": 5, "d": 6,
}  # fmt: skip
_DAY = r"(?:lunes|lun|martes|mar|miercoles|mier|mie|jueves|jue|viernes|vie|sabado|sab|domingo|dom)"
_LETTER = r"(?:mi|[lmxjvsd])"
_HOURS_TOKENS = re.compile(
    r"(?P<every>todos los dias|diario|diariamente|toda la semana)"
    r"|(?P<weekdays>entre semana)|(?P<weekend>fines? de semana)"
    r"|(?P<closed>cerrado|cerrados|cerramos|descanso|descansamos|no abrimos|no trabajamos)"
    rf"|\b(?:de )?(?P<d1>{_DAY}|{_LETTER})s?\.? ?(?:a|al|-|hasta) ?(?P<d2>{_DAY}|{_LETTER})s?\b\.?"
    rf"|\b(?P<day>{_DAY})s?\b\.?|\b(?P<letter>{_LETTER})\b(?= ?(?:de )?\d)"
    rf"|(?:\b(?:de|desde) )?(?:las? )?{RANGE_END.format(n=1)}(?: ?(?:hrs?|h)\b)?"
    rf" ?(?:a|-|hasta|al) ?(?:las? )?{RANGE_END.format(n=2)}(?: ?(?:hrs?|h)\b)?"
    r"(?: de la (?P<part>manana|tarde|noche))?"
)


def _opening_range(m: re.Match[str], previous_end: int | None) -> tuple[dt.time, dt.time] | None:
    """Read "10 a 8" as 10:00-20:00: a closing hour below the opening one is p.m."""
    h1, m1, h2, m2 = int(m["h1"]), int(m["m1"] or 0), int(m["h2"]), int(m["m2"] or 0)
    if m["mer1"] == "p" and h1 < 12:
        h1 += 12
    elif (
        not m["mer1"]
        and h1 < 12
        and (1 <= h1 <= 5 or (previous_end is not None and h1 * 60 + m1 < previous_end))
    ):
        h1 += 12  # nobody opens at 3 a.m.; "10 a 2 y de 4 a 8" reopens at 4 p.m.
    if (m["mer2"] == "p" or m["part"] in ("tarde", "noche")) and h2 < 12:
        h2 += 12
    elif not m["mer2"] and h2 < 12 and h2 * 60 + m2 <= h1 * 60 + m1:
        h2 += 12
    start, end = h1 * 60 + m1, min(h2 * 60 + m2, 24 * 60 - 1)
    if start >= end:
        return None
    return dt.time(start // 60, start % 60), dt.time(end // 60, end % 60)


def _days_of(m: re.Match[str]) -> list[int] | None:
    if m["every"]:
        return list(range(7))
    if m["weekdays"]:
        return list(range(5))
    if m["weekend"]:
        return [5, 6]
    if m["d1"]:
        first, last = _DAY_WORDS[m["d1"]], _DAY_WORDS[m["d2"]]
        return [d % 7 for d in range(first, last + 1 + (7 if last < first else 0))]
    if m["day"] or m["letter"]:
        return [_DAY_WORDS[m["day"] or m["letter"]]]
    return None


def parse_weekly_hours(text: str) -> dict[int, list[tuple[dt.time, dt.time]]] | None:
    """Read opening hours per weekday (0 = Monday); days not named are closed."""
    norm, _ = _prepare(text, keep=":.-")
    hours: dict[int, list[tuple[dt.time, dt.time]]] = {}
    group: list[int] = []
    last_was_day = fresh = False
    for m in _HOURS_TOKENS.finditer(norm):
        days = _days_of(m)
        if days is not None:
            group = sorted(set(group + days)) if last_was_day else days
            last_was_day = fresh = True
            continue
        last_was_day = False
        if fresh or m["closed"]:  # a later mention of a day replaces what was said before
            for day in group:
                hours.pop(day, None)
            fresh = False
        if m["closed"]:
            continue
        for day in group or range(7):
            ranges = hours.setdefault(day, [])
            previous_end = ranges[-1][1].hour * 60 + ranges[-1][1].minute if ranges else None
            found = _opening_range(m, previous_end)
            if found:
                ranges.append(found)
    return {day: ranges for day, ranges in sorted(hours.items()) if ranges} or None


# --- staff ---------------------------------------------------------------------------------

_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{8,}\d")
_NAME_SPLIT = re.compile(r",|;|\n|/|\by\b|\be\b", re.IGNORECASE)
_STAFF_FILLERS = re.compile(
    r"\b(?:su |mi )?(?:n[uú]mero|num|whatsapp|whats|wa|cel|celular|tel|tel[eé]fono)(?: es)?\b"
    r"|[:()]",
    re.IGNORECASE,
)


def _national_digits(raw: str) -> str | None:
    """Digits of a phone number; Mexican +52 / +52 1 prefixes are dropped to 10 digits."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) == 13 and digits.startswith("521"):
        return digits[3:]
    if len(digits) == 12 and digits.startswith("52"):
        return digits[2:]
    return digits if 10 <= len(digits) <= 15 else None


def _names_in(segment: str) -> list[str]:
    segment = _STAFF_FILLERS.sub(" ", segment)
    names = (_clean_name(part) for part in _NAME_SPLIT.split(segment))
    return [n for n in names if _WORD.search(n)]


_NOBODY = re.compile(r"^(?:no|nadie|ninguno|nop|nel|no gracias|solo yo|nomas yo|yo solo)$")


def parse_staff_entries(text: str) -> list[tuple[str, str | None]]:
    """Read "Pedro 5512345678 y Juan" as [("Pedro", "5512345678"), ("Juan", None)]."""
    entries: list[tuple[str, str | None]] = []
    pos = 0
    text = text or ""
    if _NOBODY.match(_prepare(text, keep="")[0]):
        return []
    for m in _PHONE.finditer(text):
        phone = _national_digits(m.group())
        if phone is None:
            continue
        names = _names_in(text[pos : m.start()])
        entries.extend((name, None) for name in names[:-1])
        if names:
            entries.append((names[-1], phone))
        pos = m.end()
    entries.extend((name, None) for name in _names_in(text[pos:]))
    return entries
