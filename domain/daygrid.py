"""The agenda as a time grid: where each appointment, block and closed stretch sits.

Pure layout, no queries. A grid has one row per five minutes of local wall clock, from the
first hour anything happens (or the business opens) to the last; each column is one staff
member on one date. Items that overlap within a column share it in lanes. Empty half hours
inside working hours become tappable cells that open a new appointment there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from domain.hours import WeeklyHours

STEP = 5  # minutes per row
CELL = 30  # minutes per tappable empty cell
MAX_LANES = 4
DAY = 24 * 60


@dataclass
class Placed:
    """One appointment or block in a column: its rows, its lane, and whether it is all day."""

    entry: object
    start: int  # local minutes since midnight, clipped to the day
    end: int
    all_day: bool = False
    row: int = 1
    span: int = 1
    lane: int = 1
    lanes: int = 1


@dataclass
class Cell:
    row: int
    span: int
    hhmm: str  # "10:30", what the new-appointment form takes
    minute: int


@dataclass
class GridColumn:
    date: dt.date
    staff: object | None
    open: list[tuple[int, int]]  # working stretches in local minutes
    items: list[Placed] = field(default_factory=list)
    shaded: list[tuple[int, int]] = field(default_factory=list)  # (row, span) closed stretches
    cells: list[Cell] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return not self.open

    @property
    def all_day(self) -> list[Placed]:
        return [item for item in self.items if item.all_day]


@dataclass
class Grid:
    first: int  # local minute of row 1 (a whole hour)
    last: int
    columns: list[GridColumn]

    @property
    def rows(self) -> int:
        return (self.last - self.first) // STEP

    @property
    def hours(self) -> list[tuple[int, int]]:
        """(row, hour) of each whole hour, for the time axis."""
        return [
            ((minute - self.first) // STEP + 1, minute // 60)
            for minute in range(self.first, self.last, 60)
        ]

    def row(self, minute: int) -> int:
        return (minute - self.first) // STEP + 1


def wall_minutes(moment: dt.datetime, day: dt.date, tz: ZoneInfo) -> int:
    """Minutes since the local midnight of day, clipped to the day (0–1440)."""
    wall = moment.astimezone(tz)
    if wall.date() < day:
        return 0
    if wall.date() > day:
        return DAY
    return wall.hour * 60 + wall.minute


def open_minutes(hours: WeeklyHours, day: dt.date) -> list[tuple[int, int]]:
    result = []
    for start, end in hours.get(day.weekday(), []):
        last = DAY if end == dt.time.max else end.hour * 60 + end.minute
        result.append((start.hour * 60 + start.minute, last))
    return result


def column(date, staff, hours: WeeklyHours, entries, tz: ZoneInfo) -> GridColumn:
    """A column of one staff member (or the business) on date, with its entries placed."""
    col = GridColumn(date=date, staff=staff, open=open_minutes(hours, date))
    for entry in entries:
        start = wall_minutes(entry.start_at, date, tz)
        end = wall_minutes(entry.end_at, date, tz)
        if end <= start:
            continue
        whole = getattr(entry, "customer_id", None) is None and _covers_day(col.open, start, end)
        col.items.append(Placed(entry, start, end, all_day=whole))
    return col


def _covers_day(open_: list[tuple[int, int]], start: int, end: int) -> bool:
    """A block over every working minute of the day (or the whole day) reads 'Todo el día'."""
    if start == 0 and end == DAY:
        return True
    return bool(open_) and start <= open_[0][0] and end >= open_[-1][1]


def lay_out(columns: list[GridColumn], *, default=(10 * 60, 19 * 60)) -> Grid:
    """Fix the grid's hours, then place every item, closed stretch and empty cell in rows."""
    starts = [a for col in columns for a, _ in col.open]
    ends = [b for col in columns for _, b in col.open]
    for col in columns:
        for item in col.items:
            if not item.all_day:
                starts.append(item.start)
                ends.append(item.end)
    # An hour of margin on each side shows where the day opens and closes (shaded).
    first = max(0, min(starts, default=default[0]) // 60 * 60 - 60)
    last = min(DAY, -(-max(ends, default=default[1]) // 60) * 60 + 60)
    if last <= first:
        first, last = default
    grid = Grid(first, last, columns)
    for col in columns:
        _place(grid, col)
    return grid


def _place(grid: Grid, col: GridColumn) -> None:
    timed = sorted((i for i in col.items if not i.all_day), key=lambda i: (i.start, -i.end))
    for item in col.all_day:
        item.row, item.span = 1, grid.rows
    for item in timed:
        start, end = max(item.start, grid.first), min(item.end, grid.last)
        item.row = grid.row(start)
        item.span = max(1, -(-(end - start) // STEP))
    _assign_lanes(timed)
    col.shaded = [
        (grid.row(a), (b - a) // STEP) for a, b in _gaps(col.open, grid.first, grid.last)
    ]
    busy = [(i.start, i.end) for i in col.items]
    for a, b in col.open:
        for free_start, free_end in _gaps(busy, max(a, grid.first), min(b, grid.last)):
            minute = free_start
            while minute < free_end:
                piece_end = min(free_end, (minute // CELL + 1) * CELL)
                if piece_end - minute >= STEP:
                    col.cells.append(
                        Cell(
                            grid.row(minute),
                            (piece_end - minute) // STEP,
                            f"{minute // 60:02d}:{minute % 60:02d}",
                            minute,
                        )
                    )
                minute = piece_end


def _assign_lanes(items: list[Placed]) -> None:
    """Side by side where they overlap: each cluster of overlapping items shares its lanes."""
    cluster: list[Placed] = []
    lane_ends: list[int] = []
    cluster_end = -1
    for item in items:
        if item.start >= cluster_end and cluster:
            _close(cluster, len(lane_ends))
            cluster, lane_ends = [], []
        free = next((i for i, end in enumerate(lane_ends) if end <= item.start), None)
        if free is None:
            lane_ends.append(item.end)
            free = len(lane_ends) - 1
        else:
            lane_ends[free] = item.end
        item.lane = min(free + 1, MAX_LANES)
        cluster.append(item)
        cluster_end = max(cluster_end, item.end)
    if cluster:
        _close(cluster, len(lane_ends))


def _close(cluster: list[Placed], lanes: int) -> None:
    for item in cluster:
        item.lanes = min(lanes, MAX_LANES)


def _gaps(open_: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    gaps, cursor = [], first
    for a, b in sorted(open_):
        if a > cursor:
            gaps.append((cursor, min(a, last)))
        cursor = max(cursor, b)
    if cursor < last:
        gaps.append((cursor, last))
    return [(a, b) for a, b in gaps if b > a]
