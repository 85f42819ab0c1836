"""The agenda's time grid: rows, lanes, closed stretches and tappable empty times."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from domain import daygrid
from domain.hours import parse_hhmm

TZ = ZoneInfo("America/Mexico_City")
TIJUANA = ZoneInfo("America/Tijuana")
DAY = dt.date(2026, 12, 2)  # a Wednesday
HOURS = {
    2: [(parse_hhmm("10:00"), parse_hhmm("14:00")), (parse_hhmm("16:00"), parse_hhmm("20:00"))]
}


def at(hhmm: str, day=DAY, tz=TZ) -> dt.datetime:
    return dt.datetime.combine(day, parse_hhmm(hhmm), tzinfo=tz).astimezone(dt.UTC)


def appointment(start, end, number=1):
    return SimpleNamespace(start_at=at(start), end_at=at(end), customer_id=7, number=number)


def block(start_at, end_at):
    return SimpleNamespace(start_at=start_at, end_at=end_at, customer_id=None, staff_id=None)


def grid(*entries, hours=HOURS, tz=TZ, day=DAY):
    return daygrid.lay_out([daygrid.column(day, None, hours, list(entries), tz)])


def test_rows_are_five_minutes_from_an_hour_before_opening():
    g = grid(appointment("10:30", "11:15"))
    item = g.columns[0].items[0]
    assert g.first == 9 * 60 and g.last == 21 * 60
    assert item.row == g.row(10 * 60 + 30) == 19 and item.span == 9  # 45 minutes


def test_the_lunch_break_and_the_margins_are_shaded():
    col = grid().columns[0]
    shaded = [(row, span) for row, span in col.shaded]
    assert shaded == [(1, 12), (61, 24), (133, 12)]  # 9–10, 14–16, 20–21


def test_empty_half_hours_are_cells_and_busy_ones_are_not():
    col = grid(appointment("10:00", "10:45")).columns[0]
    times = [c.hhmm for c in col.cells]
    assert "10:00" not in times and "10:45" in times and "11:00" in times
    assert "14:00" not in times and "16:00" in times and times[-1] == "19:30"
    partial = next(c for c in col.cells if c.hhmm == "10:45")
    assert partial.span == 3  # 10:45–11:00, then the next cell starts on the half hour


def test_overlapping_items_share_the_column_in_lanes():
    col = grid(
        appointment("10:00", "11:00", 1),
        appointment("10:30", "11:30", 2),
        appointment("12:00", "12:30", 3),
    ).columns[0]
    lanes = {p.entry.number: (p.lane, p.lanes) for p in col.items}
    assert lanes == {1: (1, 2), 2: (2, 2), 3: (1, 1)}


def test_a_whole_day_closure_reads_all_day():
    holiday = block(at("00:00"), at("00:00", DAY + dt.timedelta(days=1)))
    col = grid(holiday).columns[0]
    assert col.items[0].all_day and col.cells == []
    lunch = block(at("14:00"), at("16:00"))
    assert not grid(lunch).columns[0].items[0].all_day


def test_a_block_over_several_days_is_clipped_to_each_day():
    trip = block(at("12:00", DAY - dt.timedelta(days=1)), at("12:00", DAY + dt.timedelta(days=1)))
    assert grid(trip).columns[0].items[0].all_day


def test_wall_clock_of_tijuana_across_daylight_saving():
    # 8 March 2026: Tijuana moves from UTC-8 to UTC-7 at 2 a.m.; 10:00 is still 10:00.
    sunday = dt.date(2026, 3, 8)
    hours = {6: [(parse_hhmm("09:00"), parse_hhmm("13:00"))]}
    visit = SimpleNamespace(
        start_at=at("10:00", sunday, TIJUANA), end_at=at("11:00", sunday, TIJUANA), customer_id=1
    )
    g = grid(visit, hours=hours, tz=TIJUANA, day=sunday)
    item = g.columns[0].items[0]
    assert (item.start, item.end) == (600, 660) and item.row == g.row(600)
