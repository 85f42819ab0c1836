"""Resumen: the figures an owner looks at, with charts drawn on the server as inline SVG."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request

from domain import figures
from domain.fmt import clock_minutes, price
from web.dashboard import blueprint, clock
from web.viewer import login_required, owner_only, viewer

bp = blueprint("summary", __name__, "/resumen")

SHOWN = {"hoy": "today", "semana": "week", "mes": "month"}


@dataclass
class Bar:
    label: str
    value: int
    text: str
    x: float
    y: float
    width: float
    height: float


def hour_bars(hours: dict[int, int], width=320, height=120) -> list[Bar]:
    """Vertical bars of appointments per hour of the day, over the hours that had any."""
    if not hours:
        return []
    first, last = min(min(hours), 9), max(max(hours), 19)
    span = last - first + 1
    top = max(hours.values())
    margin = 18  # room for the first and last labels
    slot = (width - 2 * margin) / span
    bars = []
    for offset in range(span):
        hour = first + offset
        value = hours.get(hour, 0)
        tall = (height - 20) * value / top if top else 0
        label = clock_minutes(hour * 60).replace(":00", "")
        x = margin + offset * slot + 2
        bars.append(Bar(label, value, str(value), x, height - 16 - tall, slot - 4, tall))
    return bars


def row_bars(rows: list[tuple[str, int, str]], width=320, row=26) -> list[Bar]:
    """Horizontal bars, one per (label, value, text)."""
    top = max((value for _, value, _ in rows), default=0)
    label_width = 110
    room = width - label_width - 70
    return [
        Bar(
            label,
            value,
            text,
            label_width,
            i * row + 4,
            room * value / top if top else 0,
            row - 8,
        )
        for i, (label, value, text) in enumerate(rows)
    ]


@bp.get("/")
@login_required
def index():
    """Today, this week and this month side by side; the chosen period in detail."""
    owner_only()
    chosen = SHOWN.get(request.args.get("periodo", ""), "month")
    found = figures.summary(viewer().org, clock().now(), detail={chosen})
    detail = found[chosen]
    return render_template(
        "dashboard/summary.html",
        periods=found,
        detail=detail,
        chosen=chosen,
        shown={value: key for key, value in SHOWN.items()},
        hours=hour_bars(detail.hours),
        staff_bars=row_bars(
            [(r.name, r.expected_cents, price(r.expected_cents)) for r in detail.staff]
        ),
        channel_bars=row_bars(
            [
                (figures.CHANNELS.get(key, key), count, str(count))
                for key, count in detail.channels.items()
            ]
        ),
    )
