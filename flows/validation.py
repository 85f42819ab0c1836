"""Slot validation as rasa-sdk FormValidationAction classes.

The flows call these in-process (`check`) for every slot a customer fills; the Rasa action
server serves the same classes, so a team already running Rasa gets the same rules. Each
`validate_<slot>` returns {slot: value} when the value can be used, or {slot: None} with a
Spanish explanation on the dispatcher, as rasa-sdk expects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from domain import fmt
from domain.availability import default_location, free_slots, is_open_on
from domain.clock import Clock, SystemClock
from domain.customers import clean_name
from domain.db import connect_database, db
from domain.hours import WEEKDAYS, load_hours
from domain.models import Location, Organization, Service, Staff, StaffService, TimeBlock
from domain.settings import load_settings

ANY_STAFF = "any"
BOOKING_SLOTS = ["service", "staff", "date", "time", "customer_name"]
DOMAIN: dict[str, Any] = {
    "forms": {"booking_form": {"required_slots": BOOKING_SLOTS}},
    "slots": {name: {"type": "any", "mappings": [{"type": "custom"}]} for name in BOOKING_SLOTS},
}


class ValidateBookingForm(FormValidationAction):
    """Checks what a customer chose while booking or moving an appointment."""

    def __init__(self, clock: Clock | None = None, memo: dict | None = None):
        self.clock = clock or SystemClock()
        # What this conversation turn already read: the flows ask several slots in one turn.
        self.memo = {} if memo is None else memo

    def name(self) -> str:
        return "validate_booking_form"

    async def run(self, dispatcher, tracker, domain):
        ensure_database()
        return await super().run(dispatcher, tracker, domain)

    def _remember(self, key, read):
        if key not in self.memo:
            self.memo[key] = read()
        return self.memo[key]

    def _org(self, tracker) -> Organization:
        return self._remember("org", lambda: _org(tracker))

    def _service(self, org, value) -> Service | None:
        return self._remember(("service", value), lambda: _service(org, value))

    def _location(self, org, tracker) -> Location:
        """The branch being booked: the `location` slot, or the business's first one."""
        ident = tracker.get_slot("location")
        return self._remember(("location", ident), lambda: location_of(org, ident))

    def _staff_for(self, service: Service) -> list[Staff]:
        org = self.memo.get("org") or service.org
        return self._remember(("staff_for", service.id), lambda: staff_for(org, service))

    async def validate_service(self, value, dispatcher, tracker, domain) -> dict:
        org = self._org(tracker)
        service = self._service(org, value)
        if service is None:
            names = ", ".join(s.name for s in offered_services(org))
            dispatcher.utter_message(text=f"No encontré ese servicio. Tenemos: {names}.")
            return {"service": None}
        return {"service": service.id}

    async def validate_staff(self, value, dispatcher, tracker, domain) -> dict:
        if value in (None, "", ANY_STAFF):
            return {"staff": ANY_STAFF}
        org = self._org(tracker)
        member = _staff(org, value)
        if member is None:
            dispatcher.utter_message(text="No encontré a esa persona en el equipo.")
            return {"staff": None}
        service = self._service(org, tracker.get_slot("service"))
        if service is not None and not _does(member, service):
            able = " o ".join(m.name for m in self._staff_for(service)) or "nadie por ahora"
            dispatcher.utter_message(
                text=f"{member.name} no hace {service.name}. Lo puede hacer: {able}."
            )
            return {"staff": None}
        return {"staff": member.id}

    async def validate_date(self, value, dispatcher, tracker, domain) -> dict:
        org = self._org(tracker)
        day = as_date(value)
        if day is None:
            dispatcher.utter_message(text="No entendí la fecha.")
            return {"date": None}
        today = self.clock.now().astimezone(ZoneInfo(org.timezone)).date()
        if day < today:
            dispatcher.utter_message(text="Esa fecha ya pasó.")
            return {"date": None}
        if day > today + dt.timedelta(days=org.horizon_days):
            dispatcher.utter_message(
                text=f"Solo agendamos con hasta {org.horizon_days} días de anticipación."
            )
            return {"date": None}
        service = self._service(org, tracker.get_slot("service"))
        if not is_open_on(org, day, self._location(org, tracker)):
            dispatcher.utter_message(text=closed_text(org, day, self._location(org, tracker)))
            return {"date": None, "suggested_date": _next_with_room(self, org, tracker, day)}
        if service is not None and not self.times_on(org, tracker, day):
            dispatcher.utter_message(
                text=f"El {fmt.day(day)} ya no hay lugar para {service.name}."
            )
            return {"date": None, "suggested_date": _next_with_room(self, org, tracker, day)}
        return {"date": day.isoformat()}

    async def validate_time(self, value, dispatcher, tracker, domain) -> dict:
        org = self._org(tracker)
        day = as_date(tracker.get_slot("date"))
        wanted = as_time(value)
        if day is None or wanted is None:
            dispatcher.utter_message(text="No entendí la hora.")
            return {"time": None}
        tz = ZoneInfo(org.timezone)
        start = dt.datetime.combine(day, wanted, tzinfo=tz).astimezone(dt.UTC)
        for slot in self.times_on(org, tracker, day):
            if slot.start == start:
                return {"time": wanted.strftime("%H:%M"), "assigned_staff": slot.staff_ids[0]}
        ranges = load_hours(self._location(org, tracker).hours).get(day.weekday(), [])
        if start <= self.clock.now():
            dispatcher.utter_message(text="Esa hora ya pasó.")
        elif any(a <= wanted < b for a, b in ranges):
            dispatcher.utter_message(text=f"A las {fmt.clock_time(wanted)} ya no tengo lugar.")
        elif ranges:
            opening = " y de ".join(
                f"{fmt.clock_time(a)} a {fmt.clock_time(b)}" for a, b in ranges
            )
            dispatcher.utter_message(
                text=fmt.sentence(
                    f"A las {fmt.clock_time(wanted)} no estamos abiertos; "
                    f"el {fmt.day(day)} atendemos de {opening}"
                )
            )
        return {"time": None}

    async def validate_customer_name(self, value, dispatcher, tracker, domain) -> dict:
        name = clean_name(str(value or ""))
        letters = sum(ch.isalpha() for ch in name)
        if letters < 2 or len(name) > 80 or any(ch.isdigit() for ch in name):
            dispatcher.utter_message(text="¿Me compartes tu nombre? Con nombre y apellido basta.")
            return {"customer_name": None}
        return {"customer_name": name}

    def times_on(self, org, tracker, day: dt.date):
        service = self._service(org, tracker.get_slot("service"))
        if service is None:
            return []
        staff = tracker.get_slot("staff")
        return day_times(
            org,
            service,
            day,
            staff if isinstance(staff, int) else None,
            tracker.get_slot("exclude_appointment"),
            clock=self.clock,
            memo=self.memo,
            location=self._location(org, tracker),
        )


@dataclass(frozen=True)
class Checked:
    value: Any
    messages: list[str]
    slots: dict


def check(
    slot: str, value, slots: dict, *, clock: Clock, sender: str = "", memo: dict | None = None
) -> Checked:
    """Run the booking form's validator for one slot in-process, as Rasa would."""
    action = ValidateBookingForm(clock, memo)
    tracker = Tracker(
        sender_id=sender,
        slots=dict(slots),
        latest_message={},
        events=[SlotSet(slot, value)],
        paused=False,
        followup_action=None,
        active_loop={"name": "booking_form"},
        latest_action_name=None,
    )
    dispatcher = CollectingDispatcher()
    events = run_to_completion(action.run(dispatcher, tracker, DOMAIN))
    returned = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    messages = [m["text"] for m in dispatcher.messages if m.get("text")]
    return Checked(returned.get(slot), messages, returned)


def run_to_completion(coroutine):
    """Drive a coroutine that never waits on anything (our validators only touch the database).

    Cheaper than asyncio.run, and it works whether or not an event loop is already running in
    this thread, always on this thread's database connection and transaction.
    """
    try:
        coroutine.send(None)
    except StopIteration as finished:
        return finished.value
    coroutine.close()
    raise RuntimeError("a validator waited on I/O; validators must not")


def day_times(org, service, day, staff_id, exclude, *, clock: Clock, memo: dict, location):
    """One day's free start times at a branch, computed once per turn for the same question."""
    key = ("times", service.id, day, staff_id, exclude, location.id)
    if key not in memo:
        memo[key] = free_slots(
            org,
            service,
            day,
            1,
            clock=clock,
            staff_id=staff_id,
            exclude_appointment=exclude,
            location=location,
        )
    return memo[key]


def locations(org: Organization) -> list[Location]:
    """The business's active branches, in the order they were added."""
    return list(
        Location.select()
        .where(Location.org == org, Location.active == True)  # noqa: E712
        .order_by(Location.id)
    )


def location_of(org: Organization, ident) -> Location:
    """Branch `ident` of this business, or its first one when none (or another's) is named."""
    if ident:
        found = Location.get_or_none(
            (Location.org == org) & (Location.id == int(ident)) & (Location.active == True)  # noqa: E712
        )
        if found is not None:
            return found
    return default_location(org)


def forget_times(memo: dict) -> None:
    """After a booking attempt the day's times may have changed."""
    for key in [k for k in memo if isinstance(k, tuple) and k[0] == "times"]:
        del memo[key]


def offered_services(org: Organization) -> list[Service]:
    """Active services that at least one active staff member does, in the business's order."""
    return list(
        Service.select()
        .join(StaffService, on=(StaffService.service == Service.id))
        .join(Staff, on=(StaffService.staff == Staff.id))
        .where(Service.org == org, Service.active == True, Staff.active == True)  # noqa: E712
        .distinct()
        .order_by(Service.position, Service.id)
    )


def staff_for(org: Organization, service: Service) -> list[Staff]:
    return list(
        Staff.select()
        .join(StaffService, on=(StaffService.staff == Staff.id))
        .where(Staff.org == org, Staff.active == True, StaffService.service == service)  # noqa: E712
        .order_by(Staff.position, Staff.id)
    )


def closed_text(org: Organization, day: dt.date, location: Location | None = None) -> str:
    hours = load_hours((location or default_location(org)).hours)
    if not hours.get(day.weekday()):
        plural = WEEKDAYS[day.weekday()]
        plural = plural if plural.endswith("s") else f"{plural}s"
        return f"Los {plural} estamos cerrados."
    tz = ZoneInfo(org.timezone)
    start = dt.datetime.combine(day, dt.time(12), tzinfo=tz)
    closure = (
        TimeBlock.select()
        .where(
            TimeBlock.org == org,
            TimeBlock.staff.is_null(),
            TimeBlock.start_at <= start,
            TimeBlock.end_at > start,
        )
        .first()
    )
    reason = f" ({closure.reason})" if closure and closure.reason else ""
    return f"El {fmt.day(day)} estamos cerrados{reason}."


def _next_with_room(action: ValidateBookingForm, org, tracker, day: dt.date) -> str | None:
    # Day by day; a real closure is rarely longer than a few days.
    for offset in range(1, min(org.horizon_days, 60) + 1):
        candidate = day + dt.timedelta(days=offset)
        if action.times_on(org, tracker, candidate):
            return candidate.isoformat()
    return None


def business_for(tracker) -> Organization | None:
    """The business a tracker is about: the `business_code` slot, or `business_id`."""
    code, ident = tracker.get_slot("business_code"), tracker.get_slot("business_id")
    if code:
        return Organization.get_or_none(Organization.code == str(code).upper())
    if ident:
        return Organization.get_or_none(Organization.id == int(ident))
    return None


def _org(tracker) -> Organization:
    org = business_for(tracker)
    if org is None:
        raise ValueError("the tracker names no business (business_code or business_id slot)")
    return org


def ensure_database() -> None:
    """Bind the database when running inside the Rasa action server's own process."""
    if db.obj is None:
        connect_database(load_settings().database.url)
    db.connect(reuse_if_open=True)


def _service(org, value) -> Service | None:
    if value in (None, ""):
        return None
    query = Service.select().where(Service.org == org, Service.active == True)  # noqa: E712
    if isinstance(value, int) or str(value).isdigit():
        query = query.where(Service.id == int(value))
    else:
        query = query.where(Service.name == str(value))
    service = query.first()
    return service if service and staff_for(org, service) else None


def _staff(org, value) -> Staff | None:
    query = Staff.select().where(Staff.org == org, Staff.active == True)  # noqa: E712
    if isinstance(value, int) or str(value).isdigit():
        return query.where(Staff.id == int(value)).first()
    return query.where(Staff.name == str(value)).first()


def _does(member: Staff, service: Service) -> bool:
    return (
        StaffService.select()
        .where(StaffService.staff == member, StaffService.service == service)
        .exists()
    )


def as_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def as_time(value) -> dt.time | None:
    try:
        return dt.time.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
