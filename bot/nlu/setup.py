"""Reading an owner's message during onboarding, in the context of the question asked.

The message is first split into its asides (a question about Yume, "espérame tantito", "¿en
qué íbamos?") and the answer; the answer is then read as a whole for what the current question
asks (a name, a type, services, hours, people, an address, a confirmation or a correction),
and for the values it plainly carries for other questions (hours said with days and times,
services with their duration and price, a correction of something already said).
"""

from __future__ import annotations

import re

from bot.nlu.owner_clauses import edit_pieces, read_edits
from bot.nlu.owner_edits import hours_dict, read_edit
from bot.nlu.owner_hours import read_hours
from bot.nlu.owner_services import read_services, read_values
from bot.nlu.owner_staff import has_no_phone, read_staff, reads_as_phone
from bot.nlu.owner_words import (
    NAME_FRAMING,
    OWNER_FRAMING,
    OWNER_TAIL,
    business_type,
    declines_address,
    fold,
    fold_aligned,
    is_done,
    is_filler,
    looks_like_address,
    split_asides,
    strip_framing,
    without_service_framing,
    works_alone,
)
from bot.nlu.text import read_yes_no

INTRO = re.compile(
    r"\b(?:quiero|quisiera|quisieramos|me interesa|registrar|usar yume|dar de alta|informes|"
    r"informacion|me recomendaron|vi su anuncio|probar)\b"
)
NAME_INSIDE = re.compile(
    r"(?:^|[\s,.])(?:(?:mi|el|la|nuestr[oa]) (?:negocio|barberia|salon|estetica|spa|estudio|"
    r"local) se llama|se llama|el nombre es)\s+(?P<v>[^,.;!?]+?)(?=\s+y\s+(?:yo\s+)?(?:soy|me "
    r"llamo|es|somos|tengo|tenemos|trabajo|trabajamos|hacemos|hago)\b|[,.;!?]|$)"
)
OWNER_INSIDE = re.compile(r"(?:^|\s)(?:yo soy|me llamo|mi nombre es)\s+(?P<v>[^,.;!?]+)")
YES = re.compile(
    r"^(?:(?:si|sip|simon|yes|asi|todo|ok|okey|oki|okay|va|vale|perfecto|correcto|esta|"
    r"esta bien|bien|listo|dale|adelante|excelente|de acuerdo|muy bien|asi esta bien|"
    r"todo bien|todo correcto|todo perfecto|crealo|crear|confirmo|gracias|esta perfecto|"
    r"asi mero|exacto|claro|sale|orale|andale|genial|super|asi es|ahora|ahora si|entonces|"
    r"pues|ya|bueno|quedo|queda|dejalo|en orden|de una|me parece|hecho|jalo|chido|padre|"
    r"vientos|que bien|ahi esta|esta listo|asi|okas|okis|oka|sii+|porfa|por favor)\b ?)+$"
)


# Steps where a correction of an earlier answer may come with the answer to the question.
LATE_STEPS = ("type", "services", "hours", "staff", "address")


def read_setup(text: str, asking: str | None = None, whole: bool = True) -> dict:
    """Everything onboarding needs from one message, read for the question `asking`."""
    asides, answer = split_asides(text or "")
    pieces = edit_pieces(answer) if whole and answer and asking in LATE_STEPS else []
    hours = read_hours(answer)
    services = read_services(without_service_framing(answer)) if answer else []
    return {
        "asides": asides,
        "answer": answer,
        "plain": fold(answer),
        "filler": is_filler(answer) if answer else True,
        "done": is_done(answer) if answer else False,
        "alone": works_alone(answer) if answer else False,
        "yes": _yes(answer),
        "type": business_type(answer),
        "mentioned_type": business_type(text or ""),  # asides included: "¿cómo registro mi spa?"
        "intro": bool(INTRO.search(fold(answer))),
        "name": _inside(NAME_INSIDE, answer),
        "owner": _owner(answer),
        "business_name": strip_framing(_before(OWNER_INSIDE, answer), NAME_FRAMING),
        "owner_name": strip_framing(answer, OWNER_FRAMING, OWNER_TAIL),
        "services": services,
        # "150 y 100", "30 min cada uno": values for the services whose price or time was asked
        "values": read_values(without_service_framing(answer) if answer else ""),
        "hours": hours_dict(hours) if hours.found else None,
        "hours_named_days": hours.named_days,
        "hours_days_alone": hours.days_alone,
        "staff": read_staff(answer).__dict__ if answer else None,
        "phone": reads_as_phone(answer),
        "no_phone": has_no_phone(answer) if answer else False,
        "address": looks_like_address(answer),
        "no_address": declines_address(answer) if answer else False,
        "edit": read_edit(answer) if answer and asking not in ("business_name",) else None,
        "edits": read_edits(answer) if answer and asking == "summary" else [],
        # "no, trabajo sola y voy a domicilio": the correction, and the answer beside it
        "pieces": [
            {"edit": edit, "filler": is_filler(part), "setup": read_setup(part, asking, False)}
            for part, edit in pieces
        ]
        if len(pieces) > 1 and any(edit for _part, edit in pieces)
        else [],
    }


def _yes(answer: str) -> bool | None:
    plain = fold(answer)
    if plain and YES.match(plain):
        return True
    return read_yes_no(answer) if answer else None


def _owner(answer: str) -> str | None:
    """ "me llamo Gerardo pero todos me dicen Gera" -> "Gerardo"."""
    said = _inside(OWNER_INSIDE, answer)
    return strip_framing(said, OWNER_FRAMING, OWNER_TAIL) or None if said else None


def _before(pattern: re.Pattern[str], text: str) -> str:
    """ "Estética Fabiola, y yo soy Fabiola Méndez" -> "Estética Fabiola" (the owner said too)."""
    m = pattern.search(fold_aligned(text))
    if not m or not text[: m.start()].strip(" ,.;y"):
        return text
    return re.sub(r"[\s,.;]+(?:y|e)?\s*$", "", text[: m.start()])


def _inside(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(fold_aligned(text))
    return text[m.start("v") : m.end("v")].strip(" .,;:!¡¿?") if m else None
