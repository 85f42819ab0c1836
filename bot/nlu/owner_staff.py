"""Who works with the owner, as owners list them.

"Pedro 55 1234 5678 y Juan", "somos 3: Lalo, Mario y yo", "me ayudan mi hermana Sandra y
Luis", "Sí, Paola 443 123 4567", "también Diana 33…", one person per line, "nomás yo",
"ya son todas". Names come back without the framing ("me ayudan", "mi hermana", "también"),
each with its phone's ten digits when one was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.nlu._numbers import SMALL_NUMBER_WORDS
from bot.nlu.owner_words import fold, is_done, works_alone

PHONE = re.compile(r"\+?\(?\d[\d\s().-]{8,}\d")
_SPLIT = re.compile(r",|;|\n|/|&|\by\b|\be\b|\bcon\b", re.IGNORECASE)
# Words around names: who they are to the owner, and how the owner introduces them.
_FRAME_WORDS = frozenset(
    """si no ok va pues bueno claro tambien tambien ademas igual y e ah oye mira ya este
    me nos ayudan ayuda trabajan trabaja conmigo con nosotros aqui estan esta son es somos
    tengo tenemos hay a mi mis su sus el la los las de del al un una unos unas
    hermana hermano hermanas hermanos esposa esposo mama papa hija hijo hijas hijos prima
    primo tia tio sobrina sobrino cunada cunado socia socio socias socios amiga amigo
    companera companero muchacha muchacho chicas chicos ahorita hay nadie solo nomas
    novia novio suegra suegro nuera yerno nieta nieto comadre compadre
    empleada empleado empleadas empleados estilista estilistas barbero barberos manicurista
    manicuristas ayudante ayudantes asistente asistentes colaboradora colaborador equipo
    numero num whatsapp whats wa cel celular tel telefono movil contacto
    personas gente mas otra otro otras otros nombre nombres llama llaman dueno duena
    ella ellas ellos el quien quienes cual corta cortan hace hacen atiende atienden peina
    peinan pinta maquilla apoya apoyan viene vienen nada se hasta las horas
    uno dos tres cuatro cinco seis siete ocho nueve diez ayudantes chavas chavos muchachas
    muchachos tatuadores masajistas trabajadoras trabajadores colaboradoras companeras
    chica chico muchacha muchacho senora senor senorita persona aun todavia
    lunes martes miercoles jueves viernes sabado sabados domingo domingos""".split()
)
_OWNER_WORDS = frozenset(("yo", "conmigo", "mi persona", "y yo"))
_COUNT = re.compile(r"\b(?:somos|seriamos|en total somos|trabajamos)\s+(?P<n>\d{1,2}|[a-z]+)\b")
_STAFF_COUNT = re.compile(
    r"(?:\b(?:son|tengo|tenemos|me ayudan|hay|trabajan|somos yo y)\s+"
    r"|^(?:si,?\s+)?(?:otr[oa]s?\s+)?)"
    r"(?P<n>\d{1,2}|[a-z]+)(?:\s+(?:(?:persona|chica|chico|chava|chavo|muchacha|muchacho|"
    r"empleada|empleado|estilista|barbero|manicurista|ayudante|tatuador|masajista|cosmetologa|"
    r"trabajadora|trabajador|colaboradora|colaborador|companera|companero)(?:s|es)?|mas)\b"
    r"|$)"
)


@dataclass
class StaffReading:
    people: list[tuple[str, str | None]] = field(default_factory=list)  # (name, ten digits)
    total: int | None = None  # "somos 3": people in all, the owner among them
    done: bool = False  # "ya son todas", "nadie más"
    alone: bool = False  # "nomás yo"
    stray_digits: bool = False  # digits that are neither a phone nor the count ("Pedro 123")


def phone_spans(text: str) -> list[tuple[int, int, str]]:
    """Each phone in text as (start, end, ten digits); a phone ends where its number is
    complete, so "1) Ana 55 1234 5678 2) Rosa…" does not take the 2 in."""
    found = []
    for m in PHONE.finditer(text):
        prefixed = bool(re.match(r"\s*(?:\+ ?52|52|044|045)", m.group()))
        digits, end = "", m.end()
        for group in re.finditer(r"\d+", m.group()):
            digits += group.group()
            if len(digits) >= _length(digits, prefixed):
                end = m.start() + group.end()
                break
        phone = national_digits(text[m.start() : end])
        if phone is not None:
            found.append((m.start(), end, phone))
    return found


def _length(digits: str, prefixed: bool) -> int:
    """How many digits a number starting with these has: 10, or with +52 (1) / 044 before."""
    if prefixed and digits.startswith(("521", "044", "045")):
        return 13
    return 12 if prefixed and digits.startswith("52") else 10


def national_digits(raw: str) -> str | None:
    """Ten digits of a Mexican phone; +52 / +52 1 / 044 prefixes dropped."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    for prefix in ("521", "52", "044", "045"):
        if len(digits) == 10 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix) :]
    return digits if 10 <= len(digits) <= 15 else None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return SMALL_NUMBER_WORDS.get(word)


def clean_name(raw: str) -> str | None:
    """ "mi hermana Sandra" -> "Sandra"; "yo" -> None; keep "Marco Antonio"."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", raw)
    kept = [w for w in words if fold(w) not in _FRAME_WORDS]
    if not kept or any(fold(w) in ("yo", "conmigo") for w in kept):
        return None
    capitalized = [w for w in kept if w[:1].isupper()]
    if capitalized and len(capitalized) < len(kept):
        kept = capitalized  # "mi hijo Beto también corta": the name is the capitalized word
    if len(kept) > 4:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in kept)


def _names(segment: str) -> list[str]:
    names = []
    for part in _SPLIT.split(segment):
        name = clean_name(part)
        if name and not is_done(name) and not works_alone(name):
            names.append(name)
    return names


def read_staff(text: str) -> StaffReading:
    """Read a list of people with or without phones, and whether the list is over."""
    reading = StaffReading()
    plain = fold(text)
    if works_alone(text) and not PHONE.search(text):
        reading.alone = True
        return reading
    if m := _COUNT.search(plain):
        reading.total = _number(m["n"])
    elif m := _STAFF_COUNT.search(plain):
        count = _number(m["n"])
        reading.total = count + 1 if count else None
    tail = re.search(
        r"\b(?:ya son tod[oa]s|son tod[oa]s|nadie mas|es todo|eso es todo|ningun[oa]? mas)\b",
        plain,
    )
    reading.done = bool(tail) or is_done(text)
    if reading.done and not PHONE.search(text) and is_done(text):
        return reading
    source = text if reading.total is None else _drop_count(text)
    reading.stray_digits = any(ch.isdigit() for ch in PHONE.sub(" ", source))
    phones = phone_spans(source)
    cuts = [0] + [end for _start, end, _digits in phones]
    between = [source[a:start] for a, (start, _e, _d) in zip(cuts, phones, strict=False)]
    between.append(_drop_done(source[cuts[-1] :]))
    names = [_names(part) for part in between]
    if phones and not names[0] and all(names[1:]):  # "5512093847 Ricardo": phone, then name
        for (_s, _e, digits), said in zip(phones, names[1:], strict=True):
            reading.people.append((said[0], digits))
            reading.people.extend((name, None) for name in said[1:])
        return reading
    for (_s, _e, digits), said in zip(phones, names, strict=False):
        reading.people.extend((name, None) for name in said[:-1])
        if said:
            reading.people.append((said[-1], digits))
    reading.people.extend((name, None) for name in names[-1])
    return reading


def _drop_count(text: str) -> str:
    return re.sub(
        r"(?i)\b(?:somos|seriamos|en total somos|trabajamos|son|tengo|tenemos)\s+"
        r"(?:\d{1,2}|[a-záéíóú]+)\b(?:\s+(?:personas|chicas|chicos|empleadas|empleados))?",
        " ",
        text,
        count=1,
    )


def _drop_done(text: str) -> str:
    return re.sub(
        r"(?i)\b(?:y )?(?:ya )?(?:son tod[oa]s|nadie m[aá]s|es todo|eso es todo)\b.*$", "", text
    )


def reads_as_phone(text: str) -> str | None:
    """A message that is only a phone number ("55 1234 5678", "su cel es 5512345678")."""
    match = PHONE.search(text)
    if not match:
        return None
    rest = fold(text[: match.start()] + " " + text[match.end() :])
    if clean_name(rest):
        return None
    return national_digits(match.group())


NO_PHONE = re.compile(
    r"\b(?:no (?:tiene|usa|maneja|trae|ocupa)(?: (?:whats|whatsapp|wats|cel|celular|telefono|"
    r"numero))?|sin (?:whats|whatsapp|wats|cel|celular|telefono|numero)|no (?:me )?(?:lo|la|se "
    r"lo|se la) se|no se (?:su|el) (?:numero|cel|whats))\b"
)


def has_no_phone(text: str) -> bool:
    """ "no tiene whats", "ella no usa celular", "no me lo sé": the person has no WhatsApp."""
    return bool(NO_PHONE.search(fold(text)))
