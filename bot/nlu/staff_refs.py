"""Who and what a staff command is about, read from the staff member's own sentence.

- An appointment: by number ("#41", "la 41", "cita 41"), by its time ("la de las 4", "el de
  mañana a las 10") or by the customer ("la de Rosa").
- A message for a customer: "dile a la de las 4 que llego 10 min tarde", "mensaje #17: trae
  tu foto", "mándale a Camila Ortiz: ya llegó el tinte".
- A walk-in's name: "se llama Rosa Méndez", "a nombre de Mario", "la señora Carmen", or what
  is left of the sentence once the service, the time and the filler words are gone.

Functions take the original text and return pieces of it (names and messages keep the
staff member's spelling); whatever matching against the business's data is needed happens
in the flow.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.nlu.text import normalize, normalize_with_map
from bot.nlu.when import parse_when

HoursFor = Callable[[dt.date], list[tuple[dt.time, dt.time]]]

NUMBER = re.compile(r"(?:#\s?|\b(?:cita|numero|no\.?|bloqueo)\s)(\d{1,6})\b")
# "la 41" is appointment 41, unless the number is an hour ("la 1 de la tarde", "la 1pm").
ARTICLE_NUMBER = re.compile(
    r"\b(?:la|el)\s(\d{1,6})\b(?!\s*(?::|[ap]\.?\s?m\b|hrs?\b|horas?\b|de la\b|y media))"
)
BARE_NUMBER = re.compile(r"^(\d{1,6})\b|\b(\d{1,6})$")
# "la de las 4", "el de mañana a las 10", "a la clienta de las 12:30", "la de Rosa".
REF_LEAD = re.compile(
    r"\b(?:a la|al|a el|la|el|mi|a mi)\s(?:(?:clienta|cliente|senora|senor|chica|chavo|cita)\s)?"
    r"de\s(?!la (?:manana|tarde|noche)\b)"
)
REF_END = re.compile(r"\s(?:que|al|para|pa|no|ya|porque|por|se)\s|[,;!?]|:(?!\d)")
MAX_REF_WORDS = 8
TIME_TAIL_FILLER = frozenset("a al las la el de para y".split())
NEXT_TIME = frozenset("a al para hasta el".split())
MESSAGE_SPLIT = re.compile(r":(?!\d)|\bque\b")
LEADING_FILLER = re.compile(
    r"^(?:(?:un|el|la|mi|su|a|al|de|en|con|para|que|mensaje|recado|whatsapp|senora|senor|"
    r"sra|sr|don|dona|clienta|cliente|cita)\b\W*)+"
)
TRAILING_FILLER = re.compile(
    r"(?:\W*\b(?:para|pa|a|al|el|la|de|del|en|con|que|y|por|las?|los)\b)+\W*$"
)
NAME_CUE = re.compile(
    r"\b(?:se llama|se llaman|a nombre de|nombre:?|es para)\s+"
    r"(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})",
    re.IGNORECASE,
)
TITLE_CUE = re.compile(
    r"\b(?:la\s+)?(?:señora|senora|señorita|senorita|sra\.?|seño)\s+(?P<she>[^\W\d_]+)"
    r"|\b(?:el\s+)?(?:señor|senor|sr\.?|don|doña|dona)\s+(?P<he>[^\W\d_]+)",
    re.IGNORECASE,
)
PHONE = re.compile(r"\+?\d[\d\s-]{8,16}\d")
NAME_STOP = re.compile(r"\s+(?:para|a las?|con|que|y|de las?)\b.*$", re.IGNORECASE)
WALK_IN_FILLER = frozenset(
    """llego llegar acaba acabo de del me un una unos el la los las al a señor senor señora
    senora sra sr chavo chava chico chica muchacho muchacha nino nina joven cliente clienta
    para sin cita walk in walkin tengo entro vino hacer hacerse se quiere busca ahorita ahora
    ya aqui hoy y con por favor porfa xfa otro otra nuevo nueva registra registrar apunta
    anota pasa es que su mi le lo necesita viene quiere señorita senorita""".split()
)


@dataclass(frozen=True)
class Ref:
    """An appointment a command points at; any of these may be missing."""

    number: int | None = None
    at: dt.time | None = None
    on: dt.date | None = None
    who: str = ""
    span: tuple[int, int] | None = None  # where the reference was, in the original text


def read_ref(text: str, now: dt.datetime, hours_for: HoursFor | None) -> Ref:
    """The appointment in "la de las 4", "#41", "la de Rosa"."""
    plain, index = normalize_with_map(text, keep=":/$.,;!?")
    lead = REF_LEAD.search(plain)
    if lead:
        tail = plain[lead.end() :]
        cut = REF_END.search(tail)
        words = (tail[: cut.start()] if cut else tail).split()[:MAX_REF_WORDS]
        time_words = _time_words(words, now, hours_for)
        if time_words:
            said = " ".join(time_words)
            when = parse_when(said, now, hours_for=hours_for, bare_number_is_hour=True)
            end = index[lead.end() + len(said) - 1] + 1
            return Ref(at=when.time, on=when.date, span=(index[lead.start()], end))
        if words and words[0].isalpha():
            name_end = index[lead.end() + len(" ".join(words[:3])) - 1] + 1
            name = text[index[lead.end()] : name_end].strip()
            return Ref(who=name, span=(index[lead.start()], name_end))
    return Ref(number=read_number(text, now))


def _time_words(words: list[str], now: dt.datetime, hours_for: HoursFor | None) -> list[str]:
    """The words of the first time said: "las 12:30 a las 2" -> ["las", "12:30"]."""
    best = 0
    for size in range(1, len(words) + 1):
        if best and words[size - 1] in NEXT_TIME:
            break  # "las 12:30 a las 2": what follows is the new time, not this one
        when = parse_when(
            " ".join(words[:size]), now, hours_for=hours_for, bare_number_is_hour=True
        )
        if when.time is not None:
            best = size
    kept = words[:best]
    while kept and kept[-1] in TIME_TAIL_FILLER:
        kept.pop()
    return kept


def read_number(text: str, now: dt.datetime) -> int | None:
    """An appointment's or block's number: "#41", "cita 41", "la 41", or a number alone once
    the dates and times are blanked out ("mover 41 viernes 5pm")."""
    plain = normalize(text)
    match = NUMBER.search(plain) or ARTICLE_NUMBER.search(plain)
    if match is None:
        match = BARE_NUMBER.search(normalize(parse_when(text, now).blank_out(text)).strip())
    if match is None:
        return None
    return int(next(group for group in match.groups() if group))


def blank(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return text
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def split_message(after_verb: str) -> tuple[str, str]:
    """ "a la de las 4 que llego tarde" -> ("a la de las 4", "llego tarde")."""
    match = MESSAGE_SPLIT.search(after_verb)
    if not match:
        return after_verb.strip(), ""
    return after_verb[: match.start()].strip(), after_verb[match.end() :].strip(" ,.")


def strip_filler(text: str, trailing: bool = True) -> str:
    """ "a la señora Rosa para" -> "Rosa": the core of the text as written."""
    plain, index = normalize_with_map(text)
    lead = LEADING_FILLER.match(plain)
    start = lead.end() if lead else 0
    end = len(plain)
    if trailing:
        tail = TRAILING_FILLER.search(plain[start:])
        end = start + tail.start() if tail else end
    if start >= end:
        return ""
    return text[index[start] : index[end - 1] + 1].strip(" ,.:;!?¿¡")


def walk_in_name(text: str, service_words: set[str]) -> str:
    """The walk-in's name, as the staff member gave it; "" when there is none."""
    cue = NAME_CUE.search(text)
    if cue:
        return _tidy(NAME_STOP.sub("", cue.group("name")))
    title = TITLE_CUE.search(text)
    if title:
        name = title.group("she") or title.group("he")
        if normalize(name) not in WALK_IN_FILLER | service_words:
            return _tidy(name)
    words = [
        word
        for word in re.findall(r"[^\W\d_]+", PHONE.sub(" ", text))
        if normalize(word) not in WALK_IN_FILLER | service_words
        and not re.fullmatch(r"[apm.]+", normalize(word))
    ]
    return _tidy(" ".join(words)) if 1 <= len(words) <= 4 else ""


def _tidy(name: str) -> str:
    """Capitalise a name typed all in lowercase; keep it as written otherwise."""
    name = " ".join(name.split())[:120]
    return name.title() if name == name.lower() else name
