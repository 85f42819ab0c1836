"""Corrections an owner makes to the onboarding summary ("cambia el precio del corte a 180")."""

from __future__ import annotations

import unicodedata

from domain.phones import normalize_phone
from flows.understanding import SetupEdit


def fold(text: str) -> str:
    """Lowercase without accents, for matching what owners type."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def apply_edit(slots: dict, edit: SetupEdit) -> str:
    """Apply one correction to the pending setup; say what changed or why not."""
    if edit.field == "name":
        slots["business_name"] = str(edit.value)[:80]
        return f"Cambié el nombre a {slots['business_name']}."
    if edit.field == "address":
        slots["address"] = str(edit.value)[:200]
        return "Cambié la dirección."
    if edit.field == "spots":
        if not 1 <= int(edit.value) <= 50:
            return "No puedo usar esa cantidad de lugares; debe ser de 1 a 50."
        slots["spots"] = int(edit.value)
        return f"Anoté {edit.value} lugar{'es' if int(edit.value) != 1 else ''} de trabajo."
    if edit.field == "hours":
        slots["hours"] = edit.value
        return "Cambié el horario."
    if edit.field == "add_service":
        slots["services"].append(edit.value)
        return f"Agregué {edit.value['name']}."
    if edit.field == "add_staff":
        phone = normalize_phone(str(edit.value))
        if phone is None:
            return f"No entendí el WhatsApp de {edit.target}."
        slots.setdefault("staff", []).append({"name": edit.target, "phone": phone})
        return f"Agregué a {edit.target}."
    service = _find(slots.get("services", []), edit.target)
    person = _find(slots.get("staff", []), edit.target)
    if edit.field == "remove" and service is not None and len(slots["services"]) > 1:
        slots["services"].remove(service)
        return f"Quité {service['name']}."
    if edit.field == "remove" and person is not None:
        slots["staff"].remove(person)
        return f"Quité a {person['name']}."
    if service is None:
        return f"No encontré «{edit.target}» entre tus servicios."
    key = "price_pesos" if edit.field == "price" else "duration_min"
    if edit.field == "duration" and not 5 <= int(edit.value) <= 720:
        return "No puedo usar esa duración; debe ser de 5 minutos a 12 horas."
    service[key] = int(edit.value)
    what = f"${edit.value}" if edit.field == "price" else f"{edit.value} min"
    return (
        f"Listo: {service['name']} ahora {'cuesta' if edit.field == 'price' else 'dura'} {what}."
    )


def _find(items: list[dict], target: str | None) -> dict | None:
    if not target:
        return None
    wanted = fold(target).strip()
    for item in items:
        name = fold(item["name"])
        if name == wanted or wanted in name or name in wanted:
            return item
    return None
