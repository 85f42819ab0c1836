"""Free times: hours, breaks, blocks, buffers, spots, notice, horizon, closed days, DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain import blocks, booking
from domain.availability import free_slots, is_open_on, nearest_alternatives
from domain.businesses import NewService, NewSpot, NewStaff
from domain.clock import FixedClock
from domain.hours import parse_hhmm
from domain.models import Location, Spot
from tests.conftest import local
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")

TIJUANA = ZoneInfo("America/Tijuana")


def hours(*ranges, days=range(7)):
    parsed = [(parse_hhmm(a), parse_hhmm(b)) for a, b in ranges]
    return {weekday: parsed for weekday in days}


def wall_times(slots, tz="America/Mexico_City"):
    return [slot.start.astimezone(ZoneInfo(tz)).strftime("%H:%M") for slot in slots]


def test_slots_cover_business_hours_on_the_grid(clock):
    org = salon()
    slots = free_slots(org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock)
    times = wall_times(slots)
    assert times[0] == "10:00" and times[-1] == "19:00"  # 60 min must end by 20:00
    assert len(times) == 37  # every 15 minutes from 10:00 to 19:00
    assert all(slot.end - slot.start == dt.timedelta(minutes=60) for slot in slots)


def test_a_lunch_break_splits_the_day(clock):
    org = salon(hours=hours(("10:00", "14:00"), ("16:00", "20:00")))
    times = wall_times(
        free_slots(org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock)
    )
    assert "13:00" in times and "13:15" not in times and "15:00" not in times
    assert "16:00" in times


def test_staff_hours_narrow_the_business_hours(clock):
    org = salon()
    sofia = staff(org, "Sofía")
    sofia.hours = {str(d): [["12:00", "18:00"]] for d in range(7)}
    sofia.save()
    slots = free_slots(
        org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock, staff_id=sofia.id
    )
    assert wall_times(slots)[0] == "12:00" and wall_times(slots)[-1] == "17:00"


def test_closed_weekday_offers_nothing(clock):
    org = salon()
    sunday = dt.date(2026, 12, 6)
    assert free_slots(org, service(org, "Tinte"), sunday, 1, clock=clock) == []
    assert not is_open_on(org, sunday)
    assert is_open_on(org, dt.date(2026, 12, 5))


def test_holiday_closes_the_whole_business(clock):
    org = salon()
    blocks.add_block(
        org,
        start=local("2026-12-12", "00:00"),
        end=local("2026-12-13", "00:00"),
        reason="Día de la Virgen",
        kind="holiday",
    )
    saturday = dt.date(2026, 12, 12)
    assert free_slots(org, service(org, "Corte de dama"), saturday, 1, clock=clock) == []
    assert not is_open_on(org, saturday)


def test_staff_block_removes_only_that_person(clock):
    org = salon()
    sofia, ana = staff(org, "Sofía"), staff(org, "Ana")
    blocks.add_block(
        org, staff=sofia, start=local("2026-12-03", "15:00"), end=local("2026-12-03", "16:00")
    )
    slots = free_slots(org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock)
    at_three = next(s for s in slots if wall_times([s]) == ["15:00"])
    assert sofia.id not in at_three.staff_ids and ana.id in at_three.staff_ids
    at_two = next(s for s in slots if wall_times([s]) == ["14:00"])
    assert sofia.id in at_two.staff_ids  # 14:00-15:00 touches the block: still free


def test_existing_appointment_and_its_buffer_keep_the_staff_busy(clock):
    org = salon()
    ana = staff(org, "Ana")
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Tinte"),  # 120 min + 15 min buffer
        staff=ana,
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    slots = free_slots(
        org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock, staff_id=ana.id
    )
    times = wall_times(slots)
    assert "12:00" not in times and times[0] == "12:15"


def test_a_new_services_buffer_must_fit_before_the_next_appointment(clock):
    org = salon()
    ana = staff(org, "Ana")
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=ana,
        start=local("2026-12-03", "14:00"),
        clock=clock,
    )
    times = wall_times(
        free_slots(
            org, service(org, "Tinte"), dt.date(2026, 12, 3), 1, clock=clock, staff_id=ana.id
        )
    )
    # Tinte 12:00-14:00 would end on time but its 15-minute buffer runs into the 14:00 cut.
    assert "11:45" in times and "12:00" not in times


def test_touching_appointments_leave_the_neighbouring_starts_free(clock):
    org = salon()
    carlos = staff(org, "Carlos")
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de caballero"),
        staff=carlos,
        start=local("2026-12-03", "11:00"),
        clock=clock,
    )
    times = wall_times(
        free_slots(
            org,
            service(org, "Corte de caballero"),
            dt.date(2026, 12, 3),
            1,
            clock=clock,
            staff_id=carlos.id,
        )
    )
    assert "10:30" in times and "11:30" in times
    assert "10:45" not in times and "11:00" not in times and "11:15" not in times


def test_one_manicure_table_means_one_manicure_at_a_time(clock):
    org = salon()
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Manicure"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    slots = free_slots(org, service(org, "Manicure"), dt.date(2026, 12, 3), 1, clock=clock)
    times = wall_times(slots)
    # Ana is free at 10:00 and does manicures, but the only table is taken until 10:45.
    assert "10:00" not in times and "10:30" not in times and "10:45" in times


def test_without_spots_only_staff_limit_the_times(clock):
    org = salon()
    Spot.delete().where(Spot.org == org).execute()
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Manicure"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    slots = free_slots(org, service(org, "Manicure"), dt.date(2026, 12, 3), 1, clock=clock)
    assert wall_times(slots)[0] == "10:00"
    assert slots[0].staff_ids == (staff(org, "Ana").id,)


def test_minimum_notice_hides_the_next_hour(clock):
    org = salon()
    clock.set(local("2026-12-03", "10:05"))
    times = wall_times(
        free_slots(org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock)
    )
    assert times[0] == "11:15"  # 60 minutes of notice, then the next grid point


def test_nothing_beyond_the_booking_horizon(clock):
    org = salon(settings={"horizon_days": 7})
    slots = free_slots(org, service(org, "Corte de dama"), dt.date(2026, 12, 2), 14, clock=clock)
    assert slots
    assert max(slot.start for slot in slots) <= clock.now() + dt.timedelta(days=7)
    assert {s.start.astimezone(ZoneInfo(org.timezone)).date() for s in slots} <= {
        dt.date(2026, 12, 2) + dt.timedelta(days=d) for d in range(8)
    }


def test_slots_on_the_spring_forward_day_keep_their_wall_times():
    org = salon(timezone="America/Tijuana", hours=hours(("10:00", "20:00")))
    clock = FixedClock(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    cut = service(org, "Corte de dama")
    before = free_slots(org, cut, dt.date(2026, 3, 7), 1, clock=clock)
    after = free_slots(org, cut, dt.date(2026, 3, 8), 1, clock=clock)
    assert wall_times(before, "America/Tijuana") == wall_times(after, "America/Tijuana")
    assert before[0].start.hour == 18 and after[0].start.hour == 17  # UTC-8, then UTC-7


def test_an_all_night_business_gets_23_hours_in_spring_and_25_in_autumn():
    org = salon(
        timezone="America/Tijuana",
        hours=hours(("00:00", "24:00")),
        services=[NewService("Corte de dama", 60, 35000)],
        staff=[NewStaff("Ana", "+525511110001", role="owner")],
        spots=[NewSpot("Silla 1")],
        settings={"slot_interval_min": 60, "min_notice_min": 0},
    )
    clock = FixedClock(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    cut = service(org, "Corte de dama")
    assert len(free_slots(org, cut, dt.date(2026, 3, 8), 1, clock=clock)) == 23
    assert len(free_slots(org, cut, dt.date(2026, 3, 9), 1, clock=clock)) == 24
    clock.set(dt.datetime(2026, 10, 25, 12, tzinfo=dt.UTC))
    autumn = free_slots(org, cut, dt.date(2026, 11, 1), 1, clock=clock)
    assert len(autumn) == 25
    assert wall_times(autumn, "America/Tijuana")[:4] == ["00:00", "01:00", "01:00", "02:00"]


def test_appointment_across_the_autumn_change_blocks_the_real_hours():
    org = salon(timezone="America/Tijuana", hours=hours(("00:00", "24:00")))
    clock = FixedClock(dt.datetime(2026, 10, 25, 12, tzinfo=dt.UTC))
    ana = staff(org, "Ana")
    # 00:30 PDT plus 120 minutes of Tinte and 15 of buffer ends at 01:45 PST.
    start = dt.datetime(2026, 11, 1, 7, 30, tzinfo=dt.UTC)
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Tinte"),
        staff=ana,
        start=start,
        clock=clock,
    )
    slots = free_slots(
        org, service(org, "Corte de dama"), dt.date(2026, 11, 1), 1, clock=clock, staff_id=ana.id
    )
    starts = [s.start for s in slots]
    assert start + dt.timedelta(minutes=135) in starts
    assert start + dt.timedelta(minutes=120) not in starts


def test_nearest_alternatives_are_the_closest_free_times(clock):
    org = salon()
    cut = service(org, "Corte de dama")
    sofia = staff(org, "Sofía")
    for at in ("16:00", "17:00"):
        booking.book(
            org,
            customer=customer(org),
            service=cut,
            staff=sofia,
            start=local("2026-12-03", at),
            clock=clock,
        )
    wished = local("2026-12-03", "16:30")
    options = nearest_alternatives(org, cut, wished, clock=clock, count=3, staff_id=sofia.id)
    # 15:00 and 18:00 are both 90 minutes away; 14:45 and 18:15 tie at 105: earlier wins.
    assert wall_times(options) == ["14:45", "15:00", "18:00"]


def test_nearest_alternatives_on_a_closed_day_point_to_the_next_open_day(clock):
    org = salon()
    sunday_five = local("2026-12-06", "17:00")
    options = nearest_alternatives(org, service(org, "Tinte"), sunday_five, clock=clock, count=3)
    days = {o.start.astimezone(ZoneInfo(org.timezone)).date() for o in options}
    assert days <= {dt.date(2026, 12, 5), dt.date(2026, 12, 7)}
    assert len(options) == 3


def test_any_staff_offers_the_least_busy_person_first(clock):
    org = salon()
    sofia, ana = staff(org, "Sofía"), staff(org, "Ana")
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=ana,
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    slots = free_slots(org, service(org, "Corte de dama"), dt.date(2026, 12, 3), 1, clock=clock)
    afternoon = next(s for s in slots if wall_times([s]) == ["16:00"])
    assert afternoon.staff_ids == (sofia.id, ana.id)


def test_another_business_appointments_do_not_touch_this_one(clock):
    first, second = salon(), salon()
    booking.book(
        first,
        customer=customer(first),
        service=service(first, "Manicure"),
        staff=staff(first, "Carlos"),
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    slots = free_slots(second, service(second, "Manicure"), dt.date(2026, 12, 3), 1, clock=clock)
    assert wall_times(slots)[0] == "10:00"
    assert set(slots[0].staff_ids) == {staff(second, "Ana").id, staff(second, "Carlos").id}


def test_each_location_offers_its_own_staff(clock):
    org = salon()
    main = Location.get(Location.org == org)
    south = Location.create(org=org, name="Sucursal Sur", hours=main.hours)
    carlos, sofia = staff(org, "Carlos"), staff(org, "Sofía")
    carlos.location = south
    carlos.save()
    sofia.location = main
    sofia.save()
    cut = service(org, "Corte de caballero")
    day = dt.date(2026, 12, 3)
    at_south = free_slots(org, cut, day, 1, clock=clock, location=south)
    at_main = free_slots(org, cut, day, 1, clock=clock, location=main)
    assert {i for s in at_south for i in s.staff_ids} == {carlos.id}
    assert {i for s in at_main for i in s.staff_ids} == {sofia.id}
