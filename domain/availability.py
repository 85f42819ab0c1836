"""Free start times for a service: the heart of what a customer can be offered.

A start time t is free for a staff member when
  - [t, t + duration] lies inside business hours ∩ their working hours that day,
  - [t, t + duration + buffer) touches none of their appointments (with those appointments'
    buffers), their time blocks or the business's closures,
  - some spot that can host the service is free over [t, t + duration + buffer)
    (when the location models spots at all),
  - t respects the minimum notice and the booking horizon,
and t sits on the business's slot grid (every 15 minutes of its wall clock, by default).

Everything is loaded in a handful of queries and computed on epoch seconds with bisect over
merged busy intervals, so listing two weeks stays a small multiple of reading them.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from peewee import JOIN

from domain.clock import Clock
from domain.hours import WeeklyHours, day_ranges, load_hours, working_hours
from domain.models import (
    Appointment,
    Location,
    Organization,
    Service,
    Spot,
    SpotService,
    Staff,
    StaffService,
    TimeBlock,
)

DAY = 86400
LONGEST_APPOINTMENT = dt.timedelta(days=1)


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    staff_ids: tuple[int, ...]  # who is free then, the least busy that day first


class Busy:
    """Disjoint, sorted busy intervals in epoch seconds."""

    __slots__ = ("starts", "ends")

    def __init__(self, intervals):
        self.starts: list[float] = []
        self.ends: list[float] = []
        for start, end in sorted(intervals):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: float, end: float) -> bool:
        i = bisect_right(self.ends, start)
        return i < len(self.starts) and self.starts[i] < end


@dataclass
class Calendar:
    """What one service's availability depends on, loaded for a span of time."""

    org: Organization
    service: Service
    tz: ZoneInfo
    location: Location
    staff: list[Staff]
    hours: dict[int, WeeklyHours]
    staff_busy: dict[int, Busy]
    spot_ids: list[int] | None  # None: this location does not model spots
    spot_busy: dict[int, Busy]
    load: Counter = field(default_factory=Counter)  # (staff id, local date) -> appointments


def default_location(org: Organization) -> Location:
    """The business's first active location, read once per Organization object.

    Organization objects live for one request or one job, so the memo is never stale for long
    and never shared between processes.
    """
    location = getattr(org, "_default_location", None)
    if location is None:
        location = (
            Location.select()
            .where(Location.org == org, Location.active == True)  # noqa: E712
            .order_by(Location.id)
            .get()
        )
        org._default_location = location
    return location


def load_calendar(
    org: Organization,
    service: Service,
    start: dt.datetime,
    end: dt.datetime,
    *,
    staff_id: int | None = None,
    location: Location | None = None,
    exclude_appointment: int | None = None,
) -> Calendar:
    """Read staff, spots, blocks and appointments that matter between start and end."""
    location = location or default_location(org)
    location_hours = load_hours(location.hours)
    staff = capable_staff(org, service, location, staff_id)
    spot_ids = capable_spots(org, service, location)
    staff_ids = {member.id for member in staff}
    spot_set = set(spot_ids or ())

    staff_intervals: dict[int, list] = defaultdict(list)
    spot_intervals: dict[int, list] = defaultdict(list)
    org_wide = []
    blocks = (
        TimeBlock.select(TimeBlock.staff, TimeBlock.start_at, TimeBlock.end_at)
        .where(
            TimeBlock.org == org,
            TimeBlock.start_at < end,
            TimeBlock.end_at > start,
            (TimeBlock.location.is_null()) | (TimeBlock.location == location),
        )
        .tuples()
    )
    for member_id, block_start, block_end in blocks:
        interval = (block_start.timestamp(), block_end.timestamp())
        if member_id is None:
            org_wide.append(interval)
        elif member_id in staff_ids:
            staff_intervals[member_id].append(interval)

    load: Counter = Counter()
    tz = ZoneInfo(org.timezone)
    first_day, midnights = _midnights(start, end, tz)
    for member_id, spot_id, appt_start, appt_busy in _appointments(
        org, start, end, exclude_appointment
    ):
        interval = (appt_start.timestamp(), appt_busy.timestamp())
        if member_id in staff_ids:
            staff_intervals[member_id].append(interval)
            # Which local day, by bisecting local midnights (cheaper than astimezone per row).
            day = bisect_right(midnights, interval[0]) - 1
            load[member_id, first_day + dt.timedelta(days=day)] += 1
        if spot_id in spot_set:
            spot_intervals[spot_id].append(interval)

    return Calendar(
        org=org,
        service=service,
        tz=tz,
        location=location,
        staff=staff,
        hours={
            m.id: working_hours(location_hours, load_hours(m.hours) if m.hours else None)
            for m in staff
        },
        staff_busy={m.id: Busy(staff_intervals[m.id] + org_wide) for m in staff},
        spot_ids=spot_ids,
        spot_busy={s: Busy(spot_intervals[s]) for s in spot_ids or ()},
        load=load,
    )


def _midnights(start: dt.datetime, end: dt.datetime, tz: ZoneInfo) -> tuple[dt.date, list]:
    """The local day before start, and the epoch of each local midnight from it to past end."""
    first = start.astimezone(tz).date() - dt.timedelta(days=1)
    days = (end.astimezone(tz).date() - first).days + 2
    return first, [
        dt.datetime.combine(first + dt.timedelta(days=i), dt.time(0), tzinfo=tz).timestamp()
        for i in range(days)
    ]


def _appointments(org, start, end, exclude):
    query = Appointment.select(
        Appointment.staff, Appointment.spot, Appointment.start_at, Appointment.busy_until
    ).where(
        Appointment.org == org,
        Appointment.status.in_(Appointment.ACTIVE),
        Appointment.start_at < end,
        Appointment.start_at >= start - LONGEST_APPOINTMENT,
        Appointment.busy_until > start,
    )
    if exclude is not None:
        query = query.where(Appointment.id != exclude)
    return query.tuples()


def capable_staff(org, service, location, staff_id) -> list[Staff]:
    query = (
        Staff.select()
        .join(StaffService, on=(StaffService.staff == Staff.id))
        .where(
            Staff.org == org,
            Staff.active == True,  # noqa: E712
            StaffService.service == service,
            (Staff.location.is_null()) | (Staff.location == location),
        )
        .order_by(Staff.position, Staff.id)
    )
    if staff_id is not None:
        query = query.where(Staff.id == staff_id)
    return list(query)


def capable_spots(org, service, location) -> list[int] | None:
    """Spots that can host the service, the most specialised first (keeps general ones free).

    None when the location has no spots at all: then only staff limit availability.
    """
    rows = (
        Spot.select(Spot.id, SpotService.service)
        .join(SpotService, JOIN.LEFT_OUTER, on=(SpotService.spot == Spot.id))
        .where(
            Spot.org == org,
            Spot.location == location,
            Spot.active == True,  # noqa: E712
        )
        .tuples()
    )
    hosts: dict[int, set] = defaultdict(set)
    for spot_id, service_id in rows:
        hosts[spot_id].add(service_id)
    if not hosts:
        return None
    capable = [spot_id for spot_id, services in hosts.items() if service.id in services]
    return sorted(capable, key=lambda spot_id: (len(hosts[spot_id]), spot_id))


def free_slots(
    org: Organization,
    service: Service,
    first_day: dt.date,
    days: int,
    *,
    clock: Clock,
    staff_id: int | None = None,
    location: Location | None = None,
    exclude_appointment: int | None = None,
    enforce_notice: bool = True,
) -> list[Slot]:
    """Every free start time of service over `days` local days from first_day.

    enforce_notice=False drops the minimum notice and the horizon (the business books itself).
    """
    tz = ZoneInfo(org.timezone)
    span_start = dt.datetime.combine(first_day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    last_day = first_day + dt.timedelta(days=days)
    span_end = dt.datetime.combine(last_day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
    calendar = load_calendar(
        org,
        service,
        span_start,
        span_end,
        staff_id=staff_id,
        location=location,
        exclude_appointment=exclude_appointment,
    )
    now = clock.now().timestamp()
    if enforce_notice:
        earliest, latest = now + org.min_notice_min * 60, now + org.horizon_days * DAY
    else:
        earliest, latest = float("-inf"), float("inf")
    return slots_in(calendar, first_day, days, earliest, latest)


def slots_in(
    calendar: Calendar, first_day: dt.date, days: int, earliest: float, latest: float
) -> list[Slot]:
    """Compute free start times from a loaded calendar, between two epoch-second bounds."""
    org, service = calendar.org, calendar.service
    length = service.duration_min * 60
    occupied = length + service.buffer_min * 60
    step = org.slot_interval_min * 60
    spot_free_at: dict[float, bool] = {}

    def spot_is_free(t: float) -> bool:
        if calendar.spot_ids is None:
            return True
        if t not in spot_free_at:
            spot_free_at[t] = any(
                not calendar.spot_busy[s].overlaps(t, t + occupied) for s in calendar.spot_ids
            )
        return spot_free_at[t]

    slots: list[Slot] = []
    range_cache: dict[tuple[int, dt.date], list] = {}
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        free_by_start: dict[float, list[int]] = defaultdict(list)
        staff_by_load = sorted(calendar.staff, key=lambda m: calendar.load[m.id, day])
        for member in staff_by_load:
            hours = calendar.hours[member.id]
            key = (id(hours), day)
            if key not in range_cache:
                range_cache[key] = day_ranges(hours, day, calendar.tz)
            busy = calendar.staff_busy[member.id]
            for work_start, work_end in range_cache[key]:
                first = _first_on_grid(work_start, calendar.tz, step)
                t = max(first, _next_on_grid(first, earliest, step))
                stop = min(work_end.timestamp() - length, latest)
                while t <= stop:
                    if not busy.overlaps(t, t + occupied) and spot_is_free(t):
                        free_by_start[t].append(member.id)
                    t += step
        for t in sorted(free_by_start):
            start = dt.datetime.fromtimestamp(t, dt.UTC)
            slots.append(
                Slot(start, start + dt.timedelta(seconds=length), tuple(free_by_start[t]))
            )
    return slots


def _first_on_grid(moment: dt.datetime, tz: ZoneInfo, step: int) -> float:
    """The first grid point at or after moment; the grid counts from local midnight."""
    wall = moment.astimezone(tz)
    since_midnight = wall.hour * 3600 + wall.minute * 60 + wall.second
    return moment.timestamp() + (-since_midnight % step)


def _next_on_grid(first: float, at_least: float, step: int) -> float:
    if at_least <= first:
        return first
    return first + -(-(at_least - first) // step) * step


def nearest_alternatives(
    org: Organization,
    service: Service,
    wished: dt.datetime,
    *,
    clock: Clock,
    count: int = 3,
    staff_id: int | None = None,
    location: Location | None = None,
    exclude_appointment: int | None = None,
) -> list[Slot]:
    """The `count` free start times closest to a wished moment, looking ahead up to the horizon.

    The search widens from the wished day until enough times are found; among them, closeness
    wins and an earlier time wins a tie.
    """
    tz = ZoneInfo(org.timezone)
    today = clock.now().astimezone(tz).date()
    wished_day = max(wished.astimezone(tz).date(), today)
    last_day = today + dt.timedelta(days=org.horizon_days + 1)
    window = 3
    while True:
        first_day = max(today, wished_day - dt.timedelta(days=window))
        days = min((wished_day - first_day).days + window + 1, (last_day - first_day).days)
        slots = free_slots(
            org,
            service,
            first_day,
            days,
            clock=clock,
            staff_id=staff_id,
            location=location,
            exclude_appointment=exclude_appointment,
        )
        if len(slots) >= count or first_day + dt.timedelta(days=days) >= last_day:
            break
        window *= 3
    slots.sort(key=lambda slot: (abs((slot.start - wished).total_seconds()), slot.start))
    return sorted(slots[:count], key=lambda slot: slot.start)


def is_open_on(org: Organization, day: dt.date, location: Location | None = None) -> bool:
    """Whether the business has hours that weekday and no whole-day closure that date."""
    location = location or default_location(org)
    hours = load_hours(location.hours)
    tz = ZoneInfo(org.timezone)
    ranges = day_ranges(hours, day, tz)
    if not ranges:
        return False
    closures = Busy(
        (start.timestamp(), end.timestamp())
        for start, end in TimeBlock.select(TimeBlock.start_at, TimeBlock.end_at)
        .where(
            TimeBlock.org == org,
            TimeBlock.staff.is_null(),
            TimeBlock.start_at < ranges[-1][1],
            TimeBlock.end_at > ranges[0][0],
        )
        .tuples()
    )
    return any(not _covered(closures, start.timestamp(), end.timestamp()) for start, end in ranges)


def _covered(busy: Busy, start: float, end: float) -> bool:
    i = bisect_right(busy.ends, start)
    return i < len(busy.starts) and busy.starts[i] <= start and busy.ends[i] >= end
