"""Read one message into an Understanding: rules first, the LLM only when they find nothing.

The rules know the escape words, the intents a salon chat has, numbered choices, yes/no, the
business's services (by name, by the owner's synonyms and by everyday words), staff names,
Spanish dates and times, questions about the business, who a visit is for, and whether the
person writes in *usted*. What they read depends a little on what the conversation is waiting
for (`expecting`): a lone "5" is option 5 in a list, an hour when the bot just asked "¿a qué
hora?", and nothing otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.nlu._chat import expand
from bot.nlu.people import clean_person_name, read_for_whom, read_register
from bot.nlu.questions import looks_like_a_question, match_faq, read_questions
from bot.nlu.services import find_services
from bot.nlu.text import best_match, normalize, read_number_choice, read_yes_no
from bot.nlu.when import parse_when
from flows.understanding import Understanding

MAX_TEXT = 2000  # longer messages are read by their beginning; they are stored whole


@dataclass(frozen=True)
class Catalog:
    """The names a business's customers may use: (id, name) pairs.

    `synonyms` are (service id, "other, names") pairs the owner wrote; `faq` the owner's own
    questions as (id, question).
    """

    services: tuple[tuple[int, str], ...] = ()
    staff: tuple[tuple[int, str], ...] = ()
    synonyms: tuple[tuple[int, str], ...] = ()
    faq: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Expecting:
    """What the conversation waits for, so short answers are read in context."""

    what: str | None = None  # menu | choice | yes_no | time | day | name | service
    options: int = 0  # how many numbered options were shown


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Patterns run on normalize()d text with chat shorthand spelled out: lowercase, no accents,
# punctuation gone.
WHOLE = {
    "menu": _rx(r"^(?:el |ver (?:el )?)?(?:menu|inicio|opciones|volver|regresar)$"),
    "help": _rx(r"^(?:ayuda|help|auxilio|\?+|como funciona(?: esto)?|que (?:hago|puedo hacer))$"),
    "abandon": _rx(
        r"^(?:cancelar|cancela|cancelalo|olvidalo|olvidalo mejor|dejalo|ya no|salir|"
        r"mejor no quiero nada|no gracias ya no|siempre no)$"
    ),
    "opt_out": _rx(r"^(?:baja|stop|darme de baja|dame de baja|unsubscribe)$"),
    "opt_in": _rx(r"^(?:alta|darme de alta|dame de alta|reactivar mensajes)$"),
    "thanks": _rx(
        r"^(?:(?:ok|oki|va|sale|vale|perfecto|listo|muy bien|excelente|genial|super|si) )?"
        r"(?:muchas |mil )?gracias(?: .{0,40})?$",
        r"^(?:grax|thx|graciass|ok gracias|va gracias)$",
    ),
    "other_day": _rx(r"^(?:(?:otro|otra) (?:dia|fecha)|otro dia porfa|otro dia por favor)$"),
    "reschedule": _rx(r"^(?:cambiar|cambiarla|mover|moverla|reagendar|reprogramar)$"),
    "book": _rx(r"^(?:agendar|cita|reservar|una cita|nueva cita)$"),
}
_MOVE = r"(?:cambi|mov|muev|pas|recorr|adelant|atras|retras|reagend|reprogram|pospon)"
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
    "reschedule": _rx(
        r"\b(?:cambiar|mover|reagendar|reprogramar|recorrer|cambio|pasar|adelantar|atrasar)"
        r" (?:mi|la|de|una|el|su) ?(?:cita|hora|horario|dia|fecha)?\b",
        r"\b(?:reagendar|reprogramar|reagendarla|reprogramarla)\b",
        rf"\b{_MOVE}\w*(?:la|mela|sela|melo)\b",
        rf"\b(?:me|se|nos) la (?:puedes |puede |podrias |podria )?{_MOVE}\w*\b",
        rf"\bla (?:puedo|puede|podria|podemos|puedes|podrias) {_MOVE}\w*\b",
        r"\bcambi(?:a|e|en|ame|enme)\b",
        r"\bcambiar (?:la|mi) cita\b",
        r"\b(?:hacer|hacerme|hacerle|el|un) cambio\b",
    ),
    "cancel_appointment": _rx(
        r"\bcancel\w* (?:mi|la|una|mis|esa|esta|su) (?:cita|reserva|reservacion)",
        r"\bcancel\w* la (?:del?|de la)\b",
        r"\bcancel(?:ala|arla|amela|emela|enla|ela)\b",
        r"\bla (?:puede|puedes|podria|podrias|pueden) cancelar\b",
        r"\bya no (?:voy a ir|ire|voy|vamos a ir|iremos|voy a asistir|asistire)\b",
        r"\bya no (?:quiero|necesito|voy a querer|la quiero) (?:la |mi |esa )?cita\b",
        r"\bya no la (?:quiero|necesito)\b",
        r"\bcancelar cita\b",
        r"\bquiero cancelar\b",
    ),
    "abandon": _rx(r"\bcancel(?:a|ar|en|alo)\b", r"\bsiempre no\b"),
    "cant_make_it": _rx(
        r"\b(?:ya )?no (?:voy a poder|podre|puedo|podemos|vamos a poder|alcanzo a) "
        r"(?:ir|asistir|llegar|acudir|venir)\b",
        r"\b(?:ya )?no (?:voy a poder|podre|puedo)\b",
        r"\b(?:se me complico|me surgio algo|se me atraveso algo|tuve un imprevisto)\b",
    ),
    "wait": _rx(
        r"\b(?:dejame ver|deja (?:lo )?(?:checo|veo|reviso|pienso)|un momento|un momentito|"
        r"un segundo|esperame|espera tantito|ahorita (?:te digo|te confirmo|veo|checo)|"
        r"lo pienso|dejame pensar(?:lo)?|te aviso|luego te (?:digo|confirmo|escribo))\b"
    ),
    "my_appointments": _rx(
        r"\bmis citas\b",
        r"\b(?:ver|consultar|revisar|checar) (?:mi|mis) cita",
        r"\b(?:cuando|a que hora) (?:es|era|tengo) mi cita\b",
        r"\bcon quien (?:me toca|es mi cita|tengo (?:mi )?cita|voy|me atiend\w*)\b",
        r"\btengo (?:alguna )?cita\b",
    ),
    "book": _rx(
        r"\b(?:agendar|agendame|agenda(?:r)?me|agendas|reservar|reservame|apartar|apartame|"
        r"apartas|sacar)\b",
        r"\b(?:quiero|quisiera|necesito|me gustaria|ocupo) (?:una? |hacer(?:me)? |agendar )?"
        r"(?:cita|turno|lugar|espacio)\b",
        r"\b(?:hay|tienen|tienes|tiene) (?:lugar|espacio|citas?|disponibilidad|horario)\b",
        r"\b(?:quiero|quisiera|me das|dame) (?:uno|una)\b",
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
SOONEST = _rx(
    r"\blo (?:antes|mas pronto|mas rapido) (?:posible|que (?:se pueda|puedas|pueda|tengas|"
    r"tengan|haya))\b",
    r"\b(?:cuanto antes|lo mas pronto|a la brevedad|lo antes que se pueda)\b",
    r"\b(?:en cuanto|cuando) (?:tengas|tengan|haya|tenga|se pueda|puedan|puedas)"
    r"(?: (?:lugar|espacio|chance|oportunidad|un espacio|un lugar|disponible))?\b",
    r"\b(?:el|la) (?:primer|primera|proximo|proxima) (?:lugar|espacio|horario|hora|cita)"
    r" (?:libre|disponible|que (?:tengas|tengan|haya))\b",
    r"\b(?:cualquier dia|el dia que sea|cuando sea|el que (?:sea|tengas|tengan))\b",
    r"\bhoy (?:si|mismo si) (?:se puede|hay|tienes|tienen|puedes|pueden)\b",
)
SAME_TIME = _rx(r"\b(?:misma|mismo) (?:hora|horario)\b", r"\ba esa misma hora\b")
SAME_DAY = _rx(r"\b(?:mismo|misma) (?:dia|fecha)\b")
# "era para el jueves, no el viernes", "me equivoqué de hora": only the corrected part changes.
CORRECTS = _rx(
    r"\b(?:era|eran|es|seria) (?:para |a )?(?:el|la|las)\b",
    r"\bme equivoque\b",
    r"\bno (?:para |era |es )?(?:el|la|a las)\b",
)
SEVERAL_CHOICES = re.compile(
    r"^(?:(?:el|la|los|las|opcion|opciones|numero|numeros|quiero|y) )*"
    r"(?P<first>\d{1,2})(?P<rest>(?: ?(?:,|y|e|&|mas) ?(?:(?:el|la|opcion) )?\d{1,2})+)"
    r"(?: (?:porfa|por favor|gracias))?$"
)
APPOINTMENT_NUMBER = re.compile(r"#\s?(\d{1,6})\b")
NAME_LEAD = re.compile(
    r"^(?:(?:ah|oh|pues|este|ok|si|sí|claro|va|sale)[ ,]+)*"
    r"(?:a nombre de|soy|me llamo|mi nombre es|es para|para|de parte de|nombre:?)\s+",
    re.IGNORECASE,
)
NAME_INSIDE = re.compile(
    r"\b(?:a nombre de|me llamo|mi nombre es|se llama)\s+"
    r"([a-záéíóúüñ]+(?:\s+[a-záéíóúüñ]+){0,3})",
    re.IGNORECASE,
)
# "Hola, soy Marco": a capitalised word after "soy" (lowercase "soy nueva" is not a name).
SOY_NAME = re.compile(r"\b[Ss]oy\s+([A-ZÁÉÍÓÚÑ][a-záéíóúüñ]+(?:\s+[A-ZÁÉÍÓÚÑ][a-záéíóúüñ]+)?)")


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
    plain = expand(normalize(text))
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
    found = find_services(names_text, catalog.services, catalog.synonyms)
    mentions = tuple(m.ids for m in found.mentions)
    staff = _matches(names_text, catalog.staff)
    whom = read_for_whom(text)
    questions = read_questions(
        text, staff_named=bool(staff), service_named=bool(mentions or found.unknown)
    )
    faq_id = None
    if catalog.faq and looks_like_a_question(text) and intent not in ("book",):
        faq_id = match_faq(names_text, catalog.faq)
        questions += ("faq",) if faq_id is not None else ()
    corrects = bool(CORRECTS.search(plain))
    soonest = bool(SOONEST.search(plain)) or (
        expecting.what == "day" and bool(ANY_STAFF.search(plain)) and not staff
    )
    said = Understanding(
        text=text,
        intent=_book_if_service(intent, mentions, expecting, questions, when.found),
        choice=choice,
        yes=read_yes_no(text),
        service_ids=mentions[0] if mentions else (),
        staff_ids=staff,
        any_staff=bool(ANY_STAFF.search(plain)) and not soonest,
        date=when.date,
        time=when.time,
        part_of_day=when.part_of_day,
        hour_is_ambiguous=when.hour_is_ambiguous,
        name=_name(text, plain, expecting, whom.name),
        appointment_number=_appointment_number(text),
        media=media,
        service_mentions=mentions,
        choices=_several_choices(plain, expecting),
        unknown_services=found.unknown,
        similar_services=found.instead,
        questions=questions,
        faq_id=faq_id,
        soonest=soonest,
        shift=when.shift and when.shift * when.direction,
        direction=when.direction,
        same_time=bool(SAME_TIME.search(plain) or (corrects and when.date and not when.time)),
        same_day=bool(SAME_DAY.search(plain) or (corrects and when.time and not when.date)),
        date_options=when.alternatives,
        attendee=whom.name or (_inside_name(text) if whom.relative else None),
        relative=whom.relative,
        for_me=whom.for_me,
        formal=read_register(text),
    )
    if questions and expecting.what == "name" and not NAME_INSIDE.search(text):
        said = replace(said, name=None)  # "¿aceptan tarjeta?" is not a name
    if not said.found_anything and looks_like_a_question(text) and plain:
        said = replace(said, questions=("unknown",))
    return said


def _book_if_service(
    intent: str | None,
    mentions: tuple,
    expecting: Expecting,
    questions: tuple[str, ...],
    says_when: bool,
) -> str | None:
    """Naming a service outside a question ("hola, un corte mañana") is asking to book.

    A question about a service ("¿cuánto cuesta el tinte?") is not, unless it also says when.
    """
    asking = bool(questions) and not says_when
    if (
        mentions
        and not asking
        and expecting.what in (None, "menu")
        and intent in (None, "greet", "thanks")
    ):
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


def _several_choices(plain: str, expecting: Expecting) -> tuple[int, ...]:
    """ "1 y 3", "la 2 y la 4": several options from a list at once."""
    match = SEVERAL_CHOICES.match(plain) if expecting.options else None
    if not match:
        return ()
    numbers = [int(match["first"])] + [int(n) for n in re.findall(r"\d{1,2}", match["rest"])]
    if not all(1 <= n <= expecting.options for n in numbers):
        return ()
    return tuple(dict.fromkeys(numbers))


def _matches(text: str, names: tuple[tuple[int, str], ...]) -> tuple[int, ...]:
    """Ids whose names appear in text, best first.

    Only the matches that score as well as the best one are kept, so "Ana" picks one person
    while a shared first name stays ambiguous.
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


def _inside_name(text: str) -> str | None:
    """A name the message gives in passing: "a nombre de…", "me llamo…", "soy Marco"."""
    inside = NAME_INSIDE.search(text) or SOY_NAME.search(text)
    return (clean_person_name(inside.group(1)) or None) if inside else None


def _name(text: str, plain: str, expecting: Expecting, attendee: str | None) -> str | None:
    inside = _inside_name(text)
    if inside:
        return inside
    if expecting.what != "name":
        return None
    if attendee:
        return attendee
    candidate = clean_person_name(NAME_LEAD.sub("", text.strip(), count=1))
    words = candidate.split()
    if not 1 <= len(words) <= 6 or len(candidate) > 80:
        return None
    if read_yes_no(candidate) is not None and len(words) <= 2:
        return None
    return candidate
