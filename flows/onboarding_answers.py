"""Taking an owner's answer to each onboarding question into the pending setup.

Each reader gets the setup so far (the conversation's slots) and what the NLU read from the
message (`said.setup`, already split from its asides), and returns what to tell the owner
before the next question: a read-back ("Anoté…"), or why the answer could not be used (then
the flow asks again). Nothing is stored that the owner did not say as an answer.
"""

from __future__ import annotations

import re

from domain.businesses import HOME_VISITS
from flows import onboarding_texts as say
from flows.onboarding_edits import find, fold, set_type, week_from

Reply = tuple[bool, str]  # (understood, what to say first)


def business_name(slots: dict, setup: dict) -> Reply:
    name = setup["name"] or ("" if setup["intro"] else setup["business_name"])
    if setup["owner"] and not slots.get("owner_name"):
        slots["owner_name"] = _person(setup["owner"])
    if setup["type"] and not slots.get("business_type"):
        set_type(slots, setup["type"])
        slots["type_guessed"] = not setup["intro"]  # from the name, not from the owner's words
    if setup["intro"] and not setup["name"]:
        return False, ""
    if setup.get("filler") and not setup["name"]:
        return False, say.BUSINESS_NAME  # "buenas tardes", "ok": the question again
    if NO_NAME_YET.search(setup["plain"]):
        return False, say.NO_NAME_YET
    if len(name) < 2 or len(name.split()) > 8:
        return False, say.NAME_PLEASE
    slots["business_name"] = name[:80]
    return True, ""


NO_NAME_YET = re.compile(
    r"\b(?:no (?:tiene|tengo|tenemos) (?:un )?nombre|sin nombre|(?:todavia|aun) no (?:tiene|tengo|"
    r"le (?:he )?puesto)|no le he puesto)\b"
)
# "Karla y mi socia Paty": the owner is the first person named
_OTHERS = re.compile(r"\s*(?:,|\by\b|\bcon\b)\s*(?:mi|mis|con)\b.*$", re.IGNORECASE)
NOT_A_PERSON = frozenset(("yo", "ok", "si", "no", "la duena", "el dueno", "duena", "dueno"))


def owner_name(slots: dict, setup: dict) -> Reply:
    name = _person(_OTHERS.sub("", setup["owner"] or setup["owner_name"]))
    ahead = _services_ahead(slots, setup)
    if ahead:
        return False, f"{ahead} {say.OWNER_NAME}"
    not_a_name = setup["done"] or setup["yes"] is not None or fold(name) in NOT_A_PERSON
    if setup.get("filler") or not_a_name:
        return False, say.OWNER_PLEASE
    if not any(ch.isalpha() for ch in name) or len(name.split()) > 5:
        return False, say.OWNER_PLEASE
    slots["owner_name"] = name[:60]
    return True, ""


def _person(text: str) -> str:
    text = " ".join(text.split())
    return text.title() if text == text.lower() else text


def _services_ahead(slots: dict, setup: dict) -> str:
    """Services listed before they were asked for ("Corte $130 (30 min)…" when asked the
    owner's name): noted, and said so; "" when the message holds none."""
    ready = _complete_items(setup["services"])
    if not ready or len(ready) < len(setup["services"]):
        return ""
    slots.setdefault("services", []).extend(dict(s) for s in ready)
    return say.services_noted(ready).split(" ¿")[0]


def business_type(slots: dict, setup: dict, choice: int | None) -> Reply:
    if not choice and (ahead := _services_ahead(slots, setup)):
        return False, f"{ahead} {say.business_type()}"
    other = _other(setup["answer"])
    if slots.pop("asking_other_type", False):
        kind = setup["type"] or other
    elif choice and choice <= len(say.TYPES):
        kind = say.TYPES[choice - 1][1]
    elif setup["type"]:
        kind = setup["type"]
    else:
        kind = other if len(other.split()) <= 6 else ""
    said_other = kind == other and kind not in ("otro", "otra")
    if said_other and (setup["yes"] is not None or setup["done"] or fold(kind) in NOT_A_TYPE):
        return False, say.business_type()  # "ok", "no sé": not a kind of business
    if kind in ("otro", "otra", ""):
        slots["asking_other_type"] = True
        return True, ""
    set_type(slots, kind)
    return True, ""


FRAME_OF_TYPE = frozenset(
    """es de un una somos tengo tenemos negocio otro otra pues se trata hacemos hago damos
    doy ofrecemos ofrezco nos dedicamos dedico me a mi""".split()
)
NOT_A_TYPE = frozenset(("no se", "nose", "ni idea", "no lo se", "cual", "ninguno", "ninguna"))


def _other(answer: str) -> str:
    """ "otro, es de depilación" -> "depilación"."""
    words = [w.strip(".,;:!¡¿?") for w in answer.lower().split()]
    while words and (not words[0] or fold(words[0]) in FRAME_OF_TYPE):
        words.pop(0)
    return " ".join(words)[:40]


def services(slots: dict, setup: dict) -> Reply:
    pending = slots.get("services_pending") or []
    if setup["done"]:
        return _services_over(slots)
    went_on = setup["hours"] and setup["hours_named_days"] or setup["hours"] and not pending
    if went_on and slots.get("services") and not _complete_items(setup["services"]):
        # the owner went on to the hours: the list is over
        understood, note = _services_over(slots)
        understood, read_back = hours(slots, setup)
        return understood, f"{note}\n\n{read_back}".strip()
    if setup["hours"] and setup["hours_named_days"] and not slots.get("services"):
        if not _complete_items(setup["services"]):  # the hours, before any service
            understood, read_back = hours(slots, setup)
            return understood, f"{read_back}\n\n{say.SERVICES_STILL}"
    if pending:
        pending = pending + [dict(s) for s in _complete(pending, setup)]
    else:
        pending = [dict(s) for s in setup["services"]]
    ready = [s for s in pending if s["duration_min"] and s["price_pesos"] is not None]
    slots["services_pending"] = [s for s in pending if s not in ready]
    for service in ready:
        known = find(slots.setdefault("services", []), service["name"])
        if known is not None and known["name"].casefold() == service["name"].casefold():
            known.update(service)
        else:
            slots["services"].append(service)
    if slots["services_pending"]:
        return bool(ready), say.service_missing(slots["services_pending"])
    if not ready:
        return False, ONE_SERVICE_HINT
    return True, say.services_noted(ready)


def _services_over(slots: dict) -> Reply:
    """The owner ended the list: what still lacks a price or duration is left out, saying so."""
    left_out = slots.pop("services_pending", None) or []
    if not slots.get("services"):
        slots["services_pending"] = left_out
        return False, say.ONE_SERVICE_AT_LEAST
    slots["services_done"] = True
    return True, say.services_left_out(left_out) if left_out else ""


ONE_SERVICE_HINT = (
    'No entendí el servicio. Escríbelo con duración y precio, por ejemplo: "Corte 30 min $150".'
)


def _complete_items(items: list[dict]) -> list[dict]:
    return [s for s in items if s["duration_min"] and s["price_pesos"] is not None]


def _complete(pending: list[dict], setup: dict) -> list[dict]:
    """Fill what the pending services lacked, by name ("el de dama 1 hr"), or in order when
    only values come ("150 y 100"), or all alike ("30 min cada uno"); the services the message
    adds besides come back."""
    read = setup["services"]
    named = [s for s in read if find(pending, s["name"]) is not None]
    for item in named:
        _fill(find(pending, item["name"]), item)
    values = setup["values"]
    if not named and not read and values["single"]:
        if values["each"] or len(pending) == 1:
            for service in pending if values["each"] else pending[:1]:
                _fill(service, values["merged"][0])
        else:  # "30 min 150, 20 min 100" for two services, or "150 y 100" for two prices
            said = values["merged"] if len(values["merged"]) == len(pending) else values["single"]
            for service, item in zip(pending, said, strict=False):
                _fill(service, item)
    return [s for s in read if s not in named]


def _fill(service: dict, item: dict) -> None:
    number = item["price_pesos"]
    if not service["duration_min"]:
        service["duration_min"] = item["duration_min"] or (
            number if number and 5 <= number <= 300 and service["price_pesos"] else None
        )
    if service["price_pesos"] is None and item["price_pesos"] is not None:
        service["price_pesos"] = item["price_pesos"]


def hours(slots: dict, setup: dict) -> Reply:
    week = week_from(setup["hours"]) if setup["hours"] else None
    days = slots.pop("hours_days", None)
    if week and days and not setup["hours_named_days"]:  # "de 10 a 8" after "lunes a sábado"
        week = {d: r for d, r in week.items() if int(d) in days} or None
    if not week and setup.get("hours_days_alone"):
        slots["hours_days"] = setup["hours_days_alone"]  # the days first, the hours next
        return False, say.hours_of(setup["hours_days_alone"])
    if not week:
        return False, say.HOURS_AGAIN
    slots["hours"] = week
    return True, say.hours_read(week)


def address(slots: dict, setup: dict) -> Reply:
    edit = setup["edit"]
    plain = setup["plain"]
    if (edit is not None and edit.field == "home_visits") or "domicilio" in plain:
        slots["home_visits"], slots["address"] = True, ""
        return True, ""
    if setup["yes"] is False or setup["done"] or setup.get("no_address"):
        slots["address"] = ""
        return True, ""
    if edit is not None and edit.field == "address":
        slots["address"] = edit.value
        return True, ""
    text = setup["answer"]
    for lead in ("estamos en ", "es en ", "queda en ", "en "):
        if text.lower().startswith(lead):
            text = text[len(lead) :]
    slots["address"] = text.strip()[:200]
    return True, ""


def skips_address(slots: dict) -> bool:
    return bool(slots.get("home_visits")) or slots.get("business_type") == HOME_VISITS
