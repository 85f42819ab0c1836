"""Steps the customer flows share: pick a service, a day, a time (flows.offers shows the
times and says the choice back; flows.wishes reads wishes relative to it).

Working data lives in the conversation's slots:
  service        service id
  staff          a staff id, or "any"
  date, time     the wished local date (YYYY-MM-DD) and time (HH:MM)
  part           a part of the day, ["HH:MM", "HH:MM"]
  start, assigned_staff   a checked free start (ISO, UTC) and who would take it
  options        the numbered list last shown (what "2" means)
  exclude        the appointment being moved, so it does not block itself
  services       several services for one visit, in order (see flows.visit)
  anchor         the time "más tarde" or "a la misma hora" is relative to, when nothing
                 is proposed yet (the appointment being moved)
  date_options   dates the customer may have meant ("el viernes 10"), asked about
  soonest        show the earliest free times ("lo antes posible")
Every value a person gives goes through the rasa-sdk validators in flows.validation.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

from domain import fmt
from domain.availability import Slot, nearest_alternatives
from domain.models import Location, Service, Staff
from flows import validation, visit, wishes
from flows.base import Turn
from flows.understanding import Understanding
from flows.validation import ANY_STAFF, offered_services

MAX_TIMES = 6


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, start=1))


def check(turn: Turn, slots: dict, slot: str, value) -> validation.Checked:
    context = {
        "business_id": turn.org.id,
        "service": slots.get("service"),
        "staff": slots.get("staff") or ANY_STAFF,
        "date": slots.get("date"),
        "exclude_appointment": slots.get("exclude"),
        "location": slots.get("location"),
    }
    return validation.check(
        slot, value, context, clock=turn.clock, sender=turn.conversation.phone, memo=turn.memo
    )


def location_of(turn: Turn, slots: dict) -> Location:
    key = ("location", slots.get("location"))
    if key not in turn.memo:
        turn.memo[key] = validation.location_of(turn.org, slots.get("location"))
    return turn.memo[key]


# --- branch (only for businesses with several) --------------------------------------------


def needs_branch(turn: Turn, slots: dict) -> bool:
    if slots.get("location"):
        return False
    key = "locations"
    if key not in turn.memo:
        turn.memo[key] = validation.locations(turn.org)
    return len(turn.memo[key]) > 1


def ask_branch(turn: Turn, slots: dict) -> None:
    branches = validation.locations(turn.org)
    slots["options"] = [b.id for b in branches]
    lines = [f"{b.name} — {b.address}" if b.address else b.name for b in branches]
    turn.say(f"¿En qué sucursal?\n{numbered(lines)}")


def take_branch(turn: Turn, slots: dict, said: Understanding) -> bool:
    """A number from the list, or words of a branch's name ("la del centro")."""
    branches = validation.locations(turn.org)
    chosen = None
    if said.choice and said.choice <= len(branches) and slots.get("options"):
        chosen = slots["options"][said.choice - 1]
    else:
        words = set(_fold(said.text).split())
        named = [b for b in branches if set(_fold(b.name).split()) & words - {"la", "el", "de"}]
        chosen = named[0].id if len(named) == 1 else None
    if chosen is None:
        return False
    slots["location"] = chosen
    return True


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def service_of(slots: dict) -> Service:
    return Service.get_by_id(slots["service"])


# --- service --------------------------------------------------------------------------


def ask_service(turn: Turn, slots: dict, among: list[int] | None = None) -> None:
    services = offered_services(turn.org)
    if among:
        services = [s for s in services if s.id in among]
        intro = "¿Cuál de estos servicios?"
    else:
        intro = "¿Qué servicio te interesa?"
    slots["options"] = [s.id for s in services]
    lines = [f"{s.name} — {s.duration_min} min, {fmt.price(s.price_cents)}" for s in services]
    turn.say(f"{intro}\n{numbered(lines)}")


def take_service(turn: Turn, slots: dict, said: Understanding, *, listing: bool) -> bool:
    """Use chosen numbers (when the list is on screen) or the services named, in order."""
    options = slots.get("options") or []
    if listing and options and said.choices:
        wanted = [[options[c - 1]] for c in said.choices]
    elif listing and options and said.choice and said.choice <= len(options):
        wanted = [[options[said.choice - 1]]]
    else:
        named = said.service_mentions or ((said.service_ids,) if said.service_ids else ())
        wanted = [list(ids) for ids in named]
    if not wanted:
        return False
    clear = [ids[0] for ids in wanted if len(ids) == 1]
    unclear = [ids for ids in wanted if len(ids) > 1]
    if unclear:
        slots["ambiguous"] = unclear[0]
        slots["also"] = clear
        return False
    pending = slots.pop("also", [])
    chosen = []
    for candidate in [*clear, *pending]:
        result = check(turn, slots, "service", candidate)
        if result.value is None:
            turn.say(*result.messages)
            return False
        if result.value not in chosen:
            chosen.append(result.value)
    _set_services(turn, slots, chosen)
    slots.pop("ambiguous", None)
    settle(turn, slots)
    return True


def _set_services(turn: Turn, slots: dict, chosen: list[int]) -> None:
    if service_ids_changed := (visit.service_ids(slots) != chosen):
        slots["service"] = chosen[0]
        if len(chosen) > 1:
            slots["services"] = chosen
        else:
            slots.pop("services", None)
    if service_ids_changed:
        _recheck_staff(turn, slots)
        _rewish(turn, slots)


def _recheck_staff(turn: Turn, slots: dict) -> None:
    if not isinstance(slots.get("staff"), int):
        return
    result = check(turn, slots, "staff", slots["staff"])
    if result.value is None:
        turn.say(*result.messages)
        slots["staff"] = ANY_STAFF


# --- staff, day, part of day and time, from any message --------------------------------


def take_preferences(turn: Turn, slots: dict, said: Understanding) -> bool:
    """Absorb whatever the message says about who and when; True if anything was taken.

    Before a service is chosen the wishes are only noted; `settle` checks them once it is.
    "más tarde", "a la misma hora" and "el mismo día" are read against the time proposed
    (or the appointment being moved).
    """
    taken = False
    said = wishes.relative(turn, slots, said)
    if said.staff_ids or said.any_staff:
        taken |= _take_staff(turn, slots, said)
    if slots.get("date_options") and (said.date or said.choice):
        said = wishes.pick_date_option(slots, said)
    elif said.date_options:
        slots["date_options"] = [d.isoformat() for d in said.date_options]
        slots.pop("date", None)
        said = replace(said, date=None)
        forget_time(slots)
        taken = True
    if said.soonest:
        slots["soonest"] = True
        slots.pop("part", None)
        taken = True
    if said.part_of_day:
        slots["part"] = [t.strftime("%H:%M") for t in said.part_of_day]
        slots.pop("start", None)
        if not said.time:
            slots.pop("time", None)
        if not said.date and not slots.get("date"):
            said = replace(said, date=wishes.day_for_part(turn, said.part_of_day))
        taken = True
    if said.date:
        slots["date"] = said.date.isoformat()
        slots["unchecked"] = True
        slots.pop("date_options", None)
        taken = True
    if said.time:
        slots["time"] = said.time.strftime("%H:%M")
        slots["unchecked"] = True
        slots.pop("soonest", None)
        taken = True
    if slots.get("soonest") and slots.get("service") and not said.date:
        slots.pop("date", None)
        slots["unchecked"] = True
    if slots.get("service"):
        settle(turn, slots)
    return taken


def settle(turn: Turn, slots: dict) -> None:
    """Check the noted day and time against the chosen service (and person)."""
    if not slots.pop("unchecked", False):
        return
    if slots.get("soonest") and not slots.get("date"):
        first = first_day_with_times(turn, slots)
        if first is None:
            return
        slots["date"] = first.isoformat()
    wished = dt.time.fromisoformat(slots["time"]) if slots.get("time") else None
    if wished and not slots.get("date"):
        slots["date"] = _next_day_for(turn, wished).isoformat()
    if slots.get("date") and not _take_date(turn, slots, dt.date.fromisoformat(slots["date"])):
        return
    if wished and slots.get("date") and not slots.get("redirected"):
        take_time(turn, slots, wished)


def _take_staff(turn: Turn, slots: dict, said: Understanding) -> bool:
    value = ANY_STAFF if said.any_staff and not said.staff_ids else said.staff_ids[0]
    result = check(turn, slots, "staff", value)
    if result.value is None:
        turn.say(*result.messages)
        return False
    if slots.get("staff") != result.value:
        slots["staff"] = result.value
        _rewish(turn, slots)
    return True


def _rewish(turn: Turn, slots: dict) -> None:
    """A checked time becomes a wish again, to be checked under the new choice."""
    if slots.get("start"):
        slots["time"] = chosen_start(slots).astimezone(turn.tz).strftime("%H:%M")
    forget_time(slots, keep_wish=True)
    slots["unchecked"] = bool(slots.get("date") or slots.get("time"))


def _take_date(turn: Turn, slots: dict, day: dt.date) -> bool:
    result = check(turn, slots, "date", day.isoformat())
    forget_time(slots, keep_wish=True)
    if result.value is not None:
        slots["date"] = result.value
        return True
    turn.say(*result.messages)
    suggested = result.slots.get("suggested_date")
    slots["date"] = suggested
    slots.pop("time", None)
    if suggested:
        slots["redirected"] = True
    return bool(suggested)


def _next_day_for(turn: Turn, wished: dt.time) -> dt.date:
    """A time alone means today if it is still ahead, else tomorrow."""
    now_local = turn.now.astimezone(turn.tz)
    return turn.today if wished > now_local.time() else turn.today + dt.timedelta(days=1)


def take_time(turn: Turn, slots: dict, wished: dt.time, explain: bool = True) -> bool:
    """Check a wished time on the chosen day; on a miss, offer the nearest free times."""
    slots["time"] = wished.strftime("%H:%M")
    if visit.is_visit(slots):
        return _take_visit_time(turn, slots, wished, explain)
    result = check(turn, slots, "time", slots["time"])
    if result.value is not None:
        _choose(slots, _at(turn, slots["date"], wished), result.slots["assigned_staff"])
        return True
    if explain:
        turn.say(*result.messages)
    slots.pop("start", None)
    slots.pop("time", None)
    wish = _at(turn, slots["date"], wished)
    alternatives = nearest_alternatives(
        turn.org,
        service_of(slots),
        wish,
        clock=turn.clock,
        count=3,
        staff_id=_staff_id(slots),
        exclude_appointment=slots.get("exclude"),
        location=location_of(turn, slots),
    )
    slots["alternatives"] = as_options(alternatives)
    return True


def _take_visit_time(turn: Turn, slots: dict, wished: dt.time, explain: bool) -> bool:
    """Several services from `wished` on; on a miss, the nearest starts where all fit."""
    start = _at(turn, slots["date"], wished)
    location = location_of(turn, slots)
    parts = visit.plan(turn, slots, start, location)
    if parts:
        _choose(slots, start, parts[0].staff_id)
        slots["plan"] = [[p.service.id, p.start.isoformat(), p.staff_id] for p in parts]
        return True
    if explain:
        turn.say(f"A las {fmt.clock_time(wished)} no me alcanza para {visit.names(slots)}.")
    slots.pop("start", None)
    slots.pop("time", None)
    day = dt.date.fromisoformat(slots["date"])
    fits = visit.day_slots(turn, slots, day, location)
    fits.sort(key=lambda s: (abs((s.start - start).total_seconds()), s.start))
    slots["alternatives"] = as_options(sorted(fits[:3], key=lambda s: s.start))
    return True


def first_day_with_times(turn: Turn, slots: dict) -> dt.date | None:
    """The first day from today (or the wished day) with a free time for the visit."""
    day = dt.date.fromisoformat(slots["date"]) if slots.get("date") else turn.today
    for offset in range(min(turn.org.horizon_days, 60) + 1):
        candidate = day + dt.timedelta(days=offset)
        if day_times(turn, slots, candidate):
            return candidate
    return None


def take_when(turn: Turn, slots: dict, said: Understanding, state: str) -> bool:
    """An answer about who and when: *otro día*, a listed time's number, or new wishes."""
    if state == "awaiting_time" and said.intent == "other_day":
        slots.pop("date", None)
        forget_time(slots)
        return True
    if state == "awaiting_time" and take_time_choice(turn, slots, said):
        return True
    return take_preferences(turn, slots, said)


def take_time_choice(turn: Turn, slots: dict, said: Understanding) -> bool:
    """A number from the times on screen: checked again, since it may be gone by now."""
    options = slots.get("options") or []
    if not said.choice or said.choice > len(options):
        return False
    local = dt.datetime.fromisoformat(options[said.choice - 1][0]).astimezone(turn.tz)
    slots["date"] = local.date().isoformat()
    return take_time(turn, slots, local.time())


def _choose(slots: dict, start: dt.datetime, staff_id: int) -> None:
    slots["start"] = start.isoformat()
    slots["assigned_staff"] = staff_id
    slots.pop("alternatives", None)
    slots.pop("confirmed", None)
    slots.pop("plan", None)


def forget_time(slots: dict, keep_wish: bool = False) -> None:
    for key in ("start", "assigned_staff", "confirmed", "alternatives", "redirected", "plan"):
        slots.pop(key, None)
    if not keep_wish:
        slots.pop("time", None)


# --- asking for a day and showing times ------------------------------------------------


def day_times(turn: Turn, slots: dict, day: dt.date) -> list[Slot]:
    if visit.is_visit(slots):
        return visit.day_slots(turn, slots, day, location_of(turn, slots))
    return validation.day_times(
        turn.org,
        service_of(slots),
        day,
        _staff_id(slots),
        slots.get("exclude"),
        clock=turn.clock,
        memo=turn.memo,
        location=location_of(turn, slots),
    )


def as_options(slots: list[Slot]) -> list:
    return [[s.start.isoformat(), s.staff_ids[0]] for s in slots]


def _staff_id(slots: dict) -> int | None:
    staff = slots.get("staff")
    return staff if isinstance(staff, int) else None


def _at(turn: Turn, day_iso: str, wall: dt.time) -> dt.datetime:
    day = dt.date.fromisoformat(day_iso)
    return dt.datetime.combine(day, wall, tzinfo=turn.tz).astimezone(dt.UTC)


# --- saying the choice back -------------------------------------------------------------


def chosen_start(slots: dict) -> dt.datetime:
    return dt.datetime.fromisoformat(slots["start"])


def chosen_staff(slots: dict) -> Staff:
    return Staff.get_by_id(slots["assigned_staff"])
