"""Read one message into an Understanding: rules first, the LLM only when they find nothing.

The rules know the escape words, the intents a salon chat has, numbered choices, yes/no, the
business's service and staff names, and Spanish dates and times. What they read depends a
little on what the conversation is waiting for (`expecting`): a lone "5" is option 5 in a
list, an hour when the bot just asked "¿a qué hora?", and nothing otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.nlu.text import best_match, normalize, read_number_choice, read_yes_no
from bot.nlu.when import parse_when
from flows.understanding import Understanding

MAX_TEXT = 2000  # longer messages are read by their beginning; they are stored whole


@dataclass(frozen=True)
class Catalog:
    """The names a business's customers may use: (id, name) pairs."""

    services: tuple[tuple[int, str], ...] = ()
    staff: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Expecting:
    """What the conversation waits for, so short answers are read in context."""

    what: str | None = None  # menu | choice | yes_no | time | day | name | service
    options: int = 0  # how many numbered options were shown


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Patterns run on normalize()d text: lowercase, no accents, punctuation gone.
WHOLE = {
    "menu": _rx(r"^(?:el |ver (?:el )?)?(?:menu|inicio|opciones|volver|regresar)$"),
    "help": _rx(r"^(?:ayuda|help|auxilio|\?+|como funciona(?: esto)?|que (?:hago|puedo hacer))$"),
    "abandon": _rx(
        r"^(?:cancelar|cancela|cancelalo|olvidalo|olvidalo mejor|dejalo|ya no|salir|"
        r"mejor no quiero nada|no gracias ya no)$"
    ),
    "opt_out": _rx(r"^(?:baja|stop|darme de baja|dame de baja|unsubscribe)$"),
    "opt_in": _rx(r"^(?:alta|darme de alta|dame de alta|reactivar mensajes)$"),
    "thanks": _rx(r"^(?:(?:muchas |mil )?gracias(?: .{0,30})?|ok gracias|va gracias|grax|thx)$"),
    "other_day": _rx(r"^(?:(?:otro|otra) (?:dia|fecha)|otro dia porfa|otro dia por favor)$"),
    "reschedule": _rx(r"^(?:cambiar|cambiarla|mover|moverla|reagendar|reprogramar)$"),
    "book": _rx(r"^(?:agendar|cita|reservar|una cita|nueva cita)$"),
}
ANYWHERE = {
    "handoff": _rx(
        r"\b(?:asesor|asesora|humano|agente|operador|operadora)\b",
        r"\bhablar con (?:alguien|una persona|un humano|la duena|el dueno|el encargado|"
        r"la encargada|una persona real)\b",
        r"\b(?:quiero|necesito|puedo) hablar con\b",
        r"\bpersona real\b",
    ),
    "opt_out": _rx(
        r"\bya no (?:quiero|deseo) (?:recibir )?(?:mensajes|recordatorios|notificaciones)\b",
        r"\bno (?:me )?(?:manden|envien|mandes|envies) (?:mas )?(?:mensajes|recordatorios)\b",
        r"\bdarme de baja\b",
    ),
    "as_customer": _rx(r"\bcomo cliente\b"),
    "cancel_appointment": _rx(
        r"\bcancel\w* (?:mi|la|una|mis|esa|esta) cita",
        r"\bcancel\w* (?:la|mi) (?:reserva|reservacion)",
        r"\b(?:ya )?no (?:voy a poder|podre|puedo) (?:ir|asistir|llegar)\b",
        r"\bcancelar cita\b",
        r"\bquiero cancelar\b",
    ),
    "reschedule": _rx(
        r"\b(?:cambiar|mover|reagendar|reprogramar|recorrer|cambio|pasar) (?:mi|la|de|una|el)"
        r" ?(?:cita|hora|horario|dia|fecha)?\b",
        r"\b(?:reagendar|reprogramar)\b",
        r"\bcambiar(?:la|mi cita)\b",
    ),
    "my_appointments": _rx(
        r"\bmis citas\b",
        r"\b(?:ver|consultar|revisar|checar) (?:mi|mis) cita",
        r"\b(?:cuando|a que hora) (?:es|era|tengo) mi cita\b",
        r"\btengo (?:alguna )?cita\b",
    ),
    "book": _rx(
        r"\b(?:agendar|agendame|agenda(?:r)?me|reservar|reservame|apartar|apartame|sacar)\b",
        r"\b(?:quiero|quisiera|necesito|me gustaria|ocupo) (?:una? |hacer(?:me)? |agendar )?"
        r"(?:cita|turno|lugar|espacio)\b",
        r"\b(?:hay|tienen|tienes) (?:lugar|espacio|citas?|disponibilidad|horario)\b",
        r"\bnueva cita\b",
        r"\botra cita\b",
    ),
    "greet": _rx(
        r"^(?:hola|holi|buenas|buenos dias|buen dia|buenas tardes|buenas noches|que tal|hey|"
        r"saludos|ola)\b"
    ),
}
ANY_STAFF = _rx(
    r"\b(?:con )?(?:quien sea|cualquiera|cualquier persona|el que sea|la que sea|"
    r"quien este (?:libre|disponible)|me da igual|no importa quien|sin preferencia)\b"
)
APPOINTMENT_NUMBER = re.compile(r"#\s?(\d{1,6})\b")
NAME_LEAD = re.compile(
    r"^(?:a nombre de|soy|me llamo|mi nombre es|es para|para|de parte de|nombre:?)\s+",
    re.IGNORECASE,
)
NAME_INSIDE = re.compile(
    r"\b(?:a nombre de|me llamo|mi nombre es)\s+([a-záéíóúüñ]+(?:\s+[a-záéíóúüñ]+){0,3})",
    re.IGNORECASE,
)


def read_rules(
    text: str,
    *,
    catalog: Catalog,
    now: dt.datetime,
    expecting: Expecting = Expecting(),
    hours_for: Callable[[dt.date], list[tuple[dt.time, dt.time]]] | None = None,
    media: bool = False,
) -> Understanding:
    """Everything the rules can find in text. `now` is the business's local wall clock."""
    text = (text or "")[:MAX_TEXT]
    plain = normalize(text)
    intent = _intent(plain)
    choice = None
    if expecting.options:
        choice = read_number_choice(text, expecting.options)
    when = parse_when(text, now, hours_for=hours_for, bare_number_is_hour=expecting.what == "time")
    if choice is not None and when.time is not None and expecting.what == "time":
        # "2" after a list of times is option 2; "a las 2" is an hour.
        if re.fullmatch(r"\D*\d{1,2}\D*", plain) and not re.search(r"\blas?\b", plain):
            when = replace(when, time=None, hour_is_ambiguous=False)
        else:
            choice = None
    if intent in ("thanks", "other_day") and expecting.what == "yes_no":
        intent = None if intent == "thanks" else intent
    names_text = when.blank_out(text)  # "mañana" must not be read as a name
    services = _matches(names_text, catalog.services)
    staff = _matches(names_text, catalog.staff)
    return Understanding(
        text=text,
        intent=_book_if_service(intent, services, expecting),
        choice=choice,
        yes=read_yes_no(text),
        service_ids=services,
        staff_ids=staff,
        any_staff=bool(ANY_STAFF.search(plain)),
        date=when.date,
        time=when.time,
        part_of_day=when.part_of_day,
        hour_is_ambiguous=when.hour_is_ambiguous,
        name=_name(text, plain, expecting),
        appointment_number=_appointment_number(text),
        media=media,
    )


def _book_if_service(intent: str | None, services: tuple, expecting: Expecting) -> str | None:
    """Naming a service outside a question ("hola, un corte mañana") is asking to book."""
    if services and expecting.what in (None, "menu") and intent in (None, "greet", "thanks"):
        return "book"
    return intent


def _intent(plain: str) -> str | None:
    for intent, pattern in WHOLE.items():
        if pattern.search(plain):
            return intent
    for intent, pattern in ANYWHERE.items():
        if pattern.search(plain):
            return intent
    return None


def _matches(text: str, names: tuple[tuple[int, str], ...]) -> tuple[int, ...]:
    """Ids whose names appear in text, best first.

    Only the matches that score as well as the best one are kept, so "corte de dama" picks
    one service while a bare "corte" stays ambiguous between the two cuts.
    """
    if not names or not text.strip():
        return ()
    found = best_match(text, [name for _, name in names])
    if not found:
        return ()
    top = found[0].score
    by_name = {}
    for ident, name in names:
        by_name.setdefault(name, ident)
    return tuple(by_name[m.name] for m in found if m.score >= top - 0.05)


def _appointment_number(text: str) -> int | None:
    match = APPOINTMENT_NUMBER.search(text)
    return int(match.group(1)) if match else None


def _name(text: str, plain: str, expecting: Expecting) -> str | None:
    inside = NAME_INSIDE.search(text)
    if inside:
        return inside.group(1).strip()
    if expecting.what != "name":
        return None
    candidate = NAME_LEAD.sub("", text.strip(), count=1).strip(" .,!¡¿?")
    words = candidate.split()
    if not 1 <= len(words) <= 6 or len(candidate) > 80:
        return None
    if not re.fullmatch(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ'. -]+", candidate):
        return None
    if read_yes_no(candidate) is not None and len(words) <= 2:
        return None
    return candidate
