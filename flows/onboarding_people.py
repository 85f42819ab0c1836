"""Taking an owner's answer about who works with them into the pending setup.

"Pedro 55 1234 5678 y Juan", then Juan's phone; "somos 3: Lalo, Mario y yo"; "no tiene
whats"; "nadie más". Each person is asked for by name until their WhatsApp comes, and the list
ends when the owner says so, gives the count, or goes on to the address.
"""

from __future__ import annotations

from domain.phones import normalize_phone
from flows import onboarding_texts as say
from flows.onboarding_answers import Reply, address


def staff(slots: dict, setup: dict, owner_phone: str) -> Reply:
    reading = setup["staff"] or {}
    pending: list[str] = slots.setdefault("staff_pending", [])
    if pending:
        return _phone_for_pending(slots, setup, reading, owner_phone)
    if reading.get("alone") or (reading.get("done") and not reading.get("people")):
        slots["staff_done"] = True
        return True, ""
    if setup["address"] and not setup["phone"] and slots.get("staff_asked_more"):
        slots["staff_done"] = True  # the owner answered the next question: the address
        return address(slots, setup)
    if reading.get("total"):
        slots["staff_total"] = reading["total"]
    added = []
    for name, digits in reading.get("people", []):
        if digits is None:
            pending.append(name)
            continue
        ok, problem = _add(slots, name, digits, owner_phone)
        if not ok:
            return False, problem
        added.append(slots["staff"][-1])
    if pending and not added and reading.get("stray_digits"):
        return False, say.bad_phone(pending[0])  # "Pedro 123": a number, but not a phone
    if reading.get("done"):
        slots["staff_finishing"] = True
    if not added and not pending:
        total = reading.get("total") or 0
        if total > 1:
            return False, say.staff_count(total - 1)
        return False, say.STAFF_WHO if setup["yes"] else say.STAFF  # "sí": who, then?
    return True, _after_people(slots, added)


def _phone_for_pending(slots, setup, reading, owner_phone) -> Reply:
    pending = slots["staff_pending"]
    name = pending[0]
    moved_on = setup["address"] and not setup["phone"]
    if reading.get("alone") or (reading.get("done") and not setup["phone"]) or moved_on:
        # "nadie más", "solo yo" or the address: the list is over, without the missing phones
        note = say.staff_left_out(list(pending))
        pending.clear()
        slots["staff_done"] = True
        if moved_on:
            understood, reply = address(slots, setup)
            return understood, f"{note}\n\n{reply}".strip()
        return True, note
    by_name = [p for p in reading.get("people", []) if p[1] and p[0].casefold() == name.casefold()]
    if setup.get("no_phone") and not setup["phone"]:  # "no tiene whats": noted without one
        slots.setdefault("staff", []).append({"name": name, "phone": None})
        pending.pop(0)
        return True, _after_people(slots, [slots["staff"][-1]])
    digits = by_name[0][1] if by_name else setup["phone"]
    if digits is None and reading.get("people") and reading["people"][0][1]:
        digits = reading["people"][0][1]
    if digits is None:
        names = [p[0].casefold() for p in reading.get("people", [])]
        return False, say.staff_phone(name) if name.casefold() in names else say.bad_phone(name)
    ok, problem = _add(slots, name, digits, owner_phone)
    if not ok:
        return False, problem
    pending.pop(0)
    return True, _after_people(slots, [slots["staff"][-1]])


def _add(slots: dict, name: str, digits: str, owner_phone: str) -> tuple[bool, str]:
    phone = normalize_phone(digits)
    taken = {p["phone"] for p in slots.get("staff", [])} | {owner_phone}
    if phone is None or phone in taken:
        return False, say.bad_phone(name)
    slots.setdefault("staff", []).append({"name": name, "phone": phone})
    return True, ""


def _after_people(slots: dict, added: list[dict]) -> str:
    """Read back who was noted; ask for the next phone, or whether anyone else works there."""
    noted = say.staff_noted(added, more=False) if added else ""
    if slots["staff_pending"]:
        return f"{noted} {say.staff_phone(slots['staff_pending'][0])}".strip()
    total = slots.get("staff_total")
    if slots.pop("staff_finishing", False) or (total and len(slots["staff"]) + 1 >= total):
        slots["staff_done"] = True
        return noted
    slots["staff_asked_more"] = True
    return say.staff_noted(slots["staff"][-len(added) :] if added else slots["staff"], more=True)
