"""Staff commands read by rules, strict or in the staff member's own words.

"agenda mañana" and "k tengo mañana", "noshow 44" and "no llegó la de las 4", "walkin tinte
Rosa" and "llegó una señora para tinte, se llama Rosa". The verb comes from the phrases in
bot.nlu.staff_verbs; who or what it is about from bot.nlu.staff_refs; dates and times from the
same parser customers use. A message with only a time range ("ponme comida de 2 a 3 mañana")
reads as a block, and one with only a day ("¿mañana?") as that day's agenda: both are marked
`implicit`, so a flow waiting for an answer can take them as one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from bot.nlu import staff_refs as refs
from bot.nlu.staff_times import read_block, read_closure
from bot.nlu.staff_verbs import WHOLE_DAY, find_verb
from bot.nlu.text import best_match, normalize, normalize_with_map
from bot.nlu.when import parse_time_range, parse_when
from domain.phones import normalize_phone
from flows.understanding import Command

HoursFor = Callable[[dt.date], list[tuple[dt.time, dt.time]]]
Names = tuple[tuple[int, str], ...]

AS_CUSTOMER = re.compile(r"\bcomo cliente\b")
EVERYONE = re.compile(
    r"\b(?:todos|todas|salon|negocio|equipo|local|estetica|todo el mundo|quien tiene|"
    r"quienes tienen|que tienen)\b"
)
LOOKUP = re.compile(
    r"^(?:(?:el|los|su|sus)\s)?(?:telefono|tel|cel|celular|numero|datos|info|informacion|"
    r"whatsapp|ficha)\s(?:de\s(?:la\s|el\s)?)?"
)
DAY_ONLY_WORDS = frozenset(
    "y el la para de del pa que tal hay mejor no si entonces pues ok en toda todo".split()
)


@dataclasses.dataclass(frozen=True)
class _Said:
    """One message, read once: the pieces every verb's reader may need."""

    text: str
    plain: str
    now: dt.datetime
    after: str  # the original text after the verb's words
    without_verb: str  # the original text with the verb's words blanked
    hours_for: HoursFor | None
    services: Names
    staff: Names


def read_command(
    text: str,
    now: dt.datetime,
    *,
    hours_for: HoursFor | None = None,
    service_names: Names = (),
    staff_names: Names = (),
) -> Command | None:
    """The staff command in text, or None when it is not one. `now` is local wall time."""
    plain, index = normalize_with_map(text)
    if not plain:
        return None
    if AS_CUSTOMER.search(plain):
        return Command("as_customer")
    verb, _rest, where = find_verb(plain)
    span = parse_time_range(text, now, hours_for=hours_for)
    implicit = verb is None
    if verb is None:
        verb = _implicit_verb(text, plain, now, span)
        if verb is None:
            return None
    start = end = 0
    if where is not None:
        start, end = index[where[0]], index[where[1] - 1] + 1
    said = _Said(
        text=text,
        plain=plain,
        now=now,
        after=text[end:] if where else text,
        without_verb=refs.blank(text, (start, end)) if where else text,
        hours_for=hours_for,
        services=service_names,
        staff=staff_names,
    )
    command = READERS.get(verb, _plain)(verb, said)
    return dataclasses.replace(command, implicit=implicit)


def _implicit_verb(text: str, plain: str, now: dt.datetime, span) -> str | None:
    """A message without a verb: hours are a block, a day alone is that day's agenda.

    A part of the day alone ("toda la tarde") is read as an unfinished block: it answers a
    question about a block's hours, and is not enough to block anything on its own.
    """
    if span is not None:
        return "bloquear"
    when = parse_when(text, now)
    if when.time is not None or not (when.found or WHOLE_DAY.search(plain)):
        return None
    if not set(normalize(WHOLE_DAY.sub(" ", when.blank_out(text))).split()) <= DAY_ONLY_WORDS:
        return None
    if when.part_of_day is not None or WHOLE_DAY.search(plain):
        return "bloquear"
    return "agenda"


def _agenda(verb: str, said: _Said) -> Command:
    when = parse_when(said.text, said.now, hours_for=said.hours_for)
    named = _matches(when.blank_out(said.without_verb), said.staff)
    everyone = bool(EVERYONE.search(said.plain)) and not named
    return Command(verb, date=when.date, everyone=everyone, staff_ids=named)


def _about_appointment(verb: str, said: _Said) -> Command:
    """completar, noshow, cancelar, desbloquear: which one, and any words after (a reason)."""
    ref = refs.read_ref(said.without_verb, said.now, said.hours_for)
    rest = refs.blank(said.without_verb, ref.span)
    if ref.number is not None:
        rest = re.sub(r"^\W*(?:#|(?:la|el|cita|bloqueo)\s+)?\d{1,6}\b", " ", rest.strip())
    return Command(
        verb,
        number=ref.number,
        at=ref.at,
        on=ref.on,
        who=ref.who,
        text=refs.strip_filler(rest, trailing=False),
    )


def _move(verb: str, said: _Said) -> Command:
    ref = refs.read_ref(said.without_verb, said.now, said.hours_for)
    rest = refs.blank(said.without_verb, ref.span)
    when = parse_when(rest, said.now, hours_for=said.hours_for)
    leftover = refs.strip_filler(re.sub(r"\d{1,6}", " ", when.blank_out(rest)))
    return Command(
        verb,
        number=ref.number,
        at=ref.at,
        on=ref.on,
        who=ref.who or leftover,
        date=when.date,
        start=when.time,
    )


def _walk_in(verb: str, said: _Said) -> Command:
    when = parse_when(said.text, said.now, hours_for=said.hours_for)
    blanked = when.blank_out(said.text)
    service_words = {w for _, name in said.services for w in normalize(name).split()}
    return Command(
        verb,
        start=when.time,
        date=when.date,
        text=refs.walk_in_name(blanked, service_words),
        phone=_phone(said.text),
        service_ids=_matches(blanked, said.services),
    )


def _message(verb: str, said: _Said) -> Command:
    target, message = refs.split_message(said.after)
    ref = refs.read_ref(target, said.now, said.hours_for)
    who = ref.who
    if ref.at is None and ref.number is None and not who:
        who = refs.strip_filler(target)
    return Command(
        verb, number=ref.number, at=ref.at, on=ref.on, who=who, message=_sentence(message)
    )


def _words(verb: str, said: _Said) -> Command:
    """cliente, soltar: the words after the verb, as written ("el teléfono de" dropped)."""
    words = refs.strip_filler(said.after)
    plain, index = normalize_with_map(words)
    lookup = LOOKUP.match(plain)
    if lookup and lookup.end() < len(plain):
        words = words[index[lookup.end()] :]
    return Command(verb, text=refs.strip_filler(words))


def _note(verb: str, said: _Said) -> Command:
    """ "nota Rosa: prefiere agua" names the customer; without a colon the flow finds her."""
    who, colon, note = said.after.partition(":")
    if colon:
        return Command(verb, who=refs.strip_filler(who), text=note.strip())
    return Command(verb, text=refs.strip_filler(said.after, trailing=False))


def _plain(verb: str, said: _Said) -> Command:
    return Command(verb)


def _block(verb: str, said: _Said) -> Command:
    return read_block(said.text, said.plain, said.without_verb, said.now, said.hours_for)


def _close(verb: str, said: _Said) -> Command:
    return read_closure(said.text, said.without_verb, said.now)


READERS = {
    "agenda": _agenda,
    "bloquear": _block,
    "cerrar": _close,
    "desbloquear": _about_appointment,
    "completar": _about_appointment,
    "noshow": _about_appointment,
    "cancelar": _about_appointment,
    "mover": _move,
    "walkin": _walk_in,
    "mensaje": _message,
    "cliente": _words,
    "soltar": _words,
    "nota": _note,
}


def _matches(text: str, names: Names) -> tuple[int, ...]:
    """Ids of the names in text that score as well as the best one."""
    found = best_match(text, [name for _, name in names]) if names else []
    if not found:
        return ()
    ids = {name: ident for ident, name in names}
    return tuple(ids[m.name] for m in found if m.score >= found[0].score - 0.05)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:] if text else ""


def _phone(text: str) -> str | None:
    match = refs.PHONE.search(text)
    return normalize_phone(match.group()) if match else None
