"""Corrections an owner makes to the setup, applied to what was noted so far.

The NLU says what the owner wants changed and names its target in the owner's words ("el
fade", "Lalo"); here the target is found among the services, the people, the business's name,
owner and type, and the change is applied, or an answer says what was understood and why it
could not be done.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from domain.businesses import HOME_VISITS, spot_kind
from domain.hours import dump_hours, load_hours
from domain.phones import normalize_phone
from flows import onboarding_texts as say
from flows.understanding import SetupEdit


def fold(text: str) -> str:
    """Lowercase without accents, for matching what owners type."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return " ".join(plain.replace(",", " ").replace(".", " ").split())


# --- hours ------------------------------------------------------------------------------


def _t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _cut(ranges, start, end):
    cut = []
    for a, b in ranges:
        if a < start and end < b:
            cut += [(a, start), (end, b)]
        elif a < start < b <= end:
            cut.append((a, start))
        elif start <= a < end < b:
            cut.append((end, b))
        elif not (start <= a and b <= end):
            cut.append((a, b))
    return cut


def _without_breaks(hours: dict, breaks: list) -> dict:
    """Lunch breaks cut out of the days they are for (all days when none are named)."""
    for start, end, *days in breaks:
        only = set(days[0]) if days and days[0] else None
        hours = {
            d: _cut(r, _t(start), _t(end)) if only is None or d in only else r
            for d, r in hours.items()
        }
    return hours


def week_from(reading: dict) -> dict | None:
    """A first answer about hours: the days it names, lunch breaks cut out; None if nothing.
    A day said only with its closing time opens when the days before it do ("lunes a viernes
    10 a 8, sábado hasta las 2")."""
    hours = load_hours(reading["hours"])
    for day, text in sorted(reading["closes_at"].items()):
        earlier = [hours[d] for d in sorted(hours) if d < int(day) and hours[d]]
        if int(day) not in hours and earlier and earlier[-1][0][0] < _t(text):
            hours[int(day)] = [(earlier[-1][0][0], _t(text))]
    hours = _moved(hours, reading)
    return dump_hours(_without_breaks(hours, reading["breaks"])) or None


def _moved(hours: dict, reading: dict) -> dict:
    """Opening and closing times said for some days ("el sábado cerramos a las 3")."""
    for day, text in reading["closes_at"].items():  # earlier or later than before
        closes, ranges = _t(text), [r for r in hours.get(int(day), []) if r[0] < _t(text)]
        if ranges:
            hours[int(day)] = ranges[:-1] + [(ranges[-1][0], closes)]
    for day, text in reading["opens_at"].items():
        opens, ranges = _t(text), [r for r in hours.get(int(day), []) if r[1] > _t(text)]
        if ranges:
            hours[int(day)] = [(opens, ranges[0][1])] + ranges[1:]
    return hours


def change_days(current: dict, reading: dict) -> dict:
    """Hours after a later change: only the days it names change ("el sábado cerramos a las
    3"); a change that names the whole working week replaces the week."""
    named = load_hours(reading["hours"])
    hours = {} if len(named) >= 5 else load_hours(current)
    hours.update(named)
    for day in reading["closed"]:
        hours.pop(day, None)
    return dump_hours(_without_breaks(_moved(hours, reading), reading["breaks"]))


# --- corrections -------------------------------------------------------------------------

# Corrections that may come at any step, once the field they change has been given.
LATE_FIELDS = {"hours": "hours", "name": "business_name", "owner": "owner_name"}
LATE_FIELDS |= {"type": "business_type", "address": "address"}


def late_correction(slots: dict, edit: SetupEdit | None, state: str, owner_phone: str) -> str:
    """Apply a correction of something said before, made while another question is pending
    ("no, los sábados es de 10 a 2" when asked about staff); what to say, or "" if none."""
    if edit is None or state in ("business_name", "owner_name", "confirmation"):
        return ""
    slot = LATE_FIELDS.get(edit.field)
    if slot is not None:
        late = slot in slots and state != slot.removeprefix("business_")
        late = late and not (state == "services" and edit.field == "hours")
    elif edit.field in ("price", "duration", "rename", "remove"):
        late = find(slots.get("services", []), edit.target) is not None or (
            state != "staff" and find(slots.get("staff", []), edit.target) is not None
        )
    elif edit.field == "home_visits":
        late = state in ("services", "hours", "staff")
        if state == "services" and slots.get("type_guessed") and not slots.get("services"):
            # the reply to "Anoté tu negocio como salón", a guess from the name: the owner is
            # saying what kind of business it is (later it only says there are no spots)
            return set_type(slots, HOME_VISITS)
    else:
        late = edit.field == "phone" and state != "staff"
    return apply_edit(slots, edit, owner_phone)[1] if late else ""


def apply_edit(slots: dict, edit: SetupEdit, owner_phone: str) -> tuple[bool, str]:
    """Apply one correction; (whether it applied, what to tell the owner)."""
    field, value = edit.field, edit.value
    if field == "hours":
        changed = change_days(slots["hours"], value)
        if not changed:
            return False, say.HOURS_AGAIN
        slots["hours"] = changed
        return True, "Cambié el horario."
    if field == "name":
        slots["business_name"] = str(value)[:80]
        return True, f"Cambié el nombre a {slots['business_name']}."
    if field == "owner":
        slots["owner_name"] = str(value)[:60]
        return True, f"Anoté tu nombre: {slots['owner_name']}."
    if field == "type":
        return True, set_type(slots, str(value))
    if field == "address":
        slots["address"], slots["home_visits"] = str(value)[:200], False
        return True, "Cambié la dirección."
    if field == "home_visits":
        slots["home_visits"], slots["address"] = True, ""
        slots.pop("spots", None)
        return True, "Anoté que trabajas a domicilio, sin lugar fijo."
    if field == "spots":
        return _spots(slots, value)
    if field == "add_service":
        return _add_service(slots, value)
    if field in ("add_staff", "phone"):
        return _person_phone(slots, edit, owner_phone)
    return _on_target(slots, edit)


def set_type(slots: dict, key: str) -> str:
    slots.pop("type_guessed", None)
    slots["business_type"] = key
    slots["spot_kind"] = spot_kind(key)
    if key == HOME_VISITS:
        slots["home_visits"], slots["address"] = True, ""
    if slots.get("spots"):
        slots["spots"]["kind"] = spot_kind(key)
    return f"Anoté tu negocio como {say.type_label(key).lower()}."


def _spots(slots: dict, value: dict) -> tuple[bool, str]:
    if not 1 <= value["count"] <= 50:
        return False, "No puedo usar esa cantidad de lugares; debe ser de 1 a 50."
    slots["spots"], slots["home_visits"] = dict(value), False
    one, many = say.SPOT_WORDS.get(value["kind"], ("lugar", "lugares"))
    return True, f"Anoté {value['count']} {one if value['count'] == 1 else many}."


def _add_service(slots: dict, service: dict) -> tuple[bool, str]:
    slots.setdefault("services", []).append(dict(service))
    return True, f"Agregué {say.service_line(service)}."


def _person_phone(slots: dict, edit: SetupEdit, owner_phone: str) -> tuple[bool, str]:
    phone = normalize_phone(str(edit.value)) if edit.value else None
    if phone is None or phone == owner_phone:
        return False, say.bad_phone(edit.target)
    person = find(slots.get("staff", []), edit.target)
    if person is None:
        slots.setdefault("staff", []).append({"name": edit.target, "phone": phone})
        return True, f"Agregué a {edit.target} ({say.phone(phone)})."
    person["phone"] = phone
    return True, f"Cambié el WhatsApp de {person['name']} a {say.phone(phone)}."


def _on_target(slots: dict, edit: SetupEdit) -> tuple[bool, str]:
    """Price, duration, rename or removal of the service or person the owner named."""
    services, people = slots.get("services", []), slots.get("staff", [])
    service, person = find(services, edit.target), find(people, edit.target)
    if edit.field == "rename":
        return _rename(slots, edit, service, person)
    if edit.field == "remove" and service is not None:
        if len(services) == 1:
            return False, "Necesito al menos un servicio; agrega otro antes de quitar este."
        services.remove(service)
        return True, f"Quité {service['name']}."
    if edit.field == "remove" and person is not None:
        people.remove(person)
        return True, f"Quité a {person['name']}."
    if service is None:
        names = say.joined([s["name"] for s in services])
        return (
            False,
            f"Entendí que quieres cambiar «{edit.target}», pero tus servicios son {names}.",
        )
    if edit.field == "duration":
        if not 5 <= int(edit.value) <= 720:
            return False, "No puedo usar esa duración; debe ser de 5 minutos a 12 horas."
        service["duration_min"] = int(edit.value)
        return True, f"Listo: {service['name']} ahora dura {edit.value} min."
    service["price_pesos"] = int(edit.value)
    return True, f"Listo: {service['name']} ahora cuesta {say.price(int(edit.value))}."


def _rename(slots, edit, service, person) -> tuple[bool, str]:
    new = str(edit.value).strip()[:80]
    new = new[:1].upper() + new[1:]
    old = fold(edit.target or "")
    if service is not None:
        service["name"] = new
        return True, f"Cambié el nombre del servicio a {new}."
    if person is not None:
        old_name, person["name"] = person["name"], new
        return True, f"Cambié el nombre de {old_name} a {new}."
    if old and old in fold(slots.get("business_name", "")):
        slots["business_name"] = new
        return True, f"Cambié el nombre a {new}."
    if old and old in fold(slots.get("owner_name", "")):
        slots["owner_name"] = new
        return True, f"Anoté tu nombre: {new}."
    return False, f"No encontré «{edit.target}» entre tus servicios ni tu equipo."


_LINKS = frozenset("de del la el los las para con a al en y un una".split())


def _content_words(name: str) -> frozenset[str]:
    """The words that tell a name apart, singular: "corte de caballero" -> {corte, caballero}."""
    words = [w for w in fold(name).split() if w not in _LINKS]
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def find(items: list[dict], target: str | None) -> dict | None:
    """The service or person whose name the owner wrote (exact first, then a part of it)."""
    if not target:
        return None
    wanted = fold(target)
    exact = [item for item in items if fold(item["name"]) == wanted]
    if exact:
        return exact[0]
    words = _content_words(target)
    same = [item for item in items if words and _content_words(item["name"]) == words]
    if same:  # "corte de caballero" is "Corte caballero"; "los cortes" is "Corte"
        return same[0]
    partial = [
        item for item in items if wanted in fold(item["name"]) or fold(item["name"]) in wanted
    ]
    return min(partial, key=lambda item: len(item["name"])) if partial else None
