"""Business hours (several ranges a day, closed days), blocks and holidays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, catalog
from domain import blocks as block_service
from domain.errors import DomainError
from domain.hours import (
    WEEKDAYS,
    HoursError,
    WeeklyHours,
    check_ranges,
    load_hours,
    parse_hhmm,
    to_utc,
)
from domain.models import Staff, TimeBlock
from web.dashboard import blueprint, clock
from web.dashboard.lookups import active_staff, owned
from web.forms import Form
from web.viewer import login_required, owner_only, require_change, viewer

bp = blueprint("hours", __name__, "/horario")

RANGES_PER_DAY = 3


def parse_hours(form: Form) -> WeeklyHours:
    """Read the weekly hours editor: up to three ranges per weekday; none is a closed day."""
    hours: WeeklyHours = {}
    for weekday in range(7):
        if form.flag(f"closed{weekday}"):
            continue
        ranges = []
        for index in range(RANGES_PER_DAY):
            start, end = (form.raw(f"h{weekday}_{index}_{edge}") for edge in ("start", "end"))
            if not start and not end:
                continue
            if not start or not end:
                form.error(
                    f"h{weekday}",
                    f"El {WEEKDAYS[weekday]}: falta la hora de apertura o de cierre.",
                )
                continue
            opened = form.time(f"h{weekday}_{index}_start", "la hora de apertura")
            closed = form.time(f"h{weekday}_{index}_end", "la hora de cierre")
            if opened and closed:
                ranges.append((opened, closed))
        try:
            check_ranges(weekday, sorted(ranges))
        except HoursError as error:
            form.error(f"h{weekday}", str(error))
        if ranges:
            hours[weekday] = sorted(ranges)
    return hours


def hours_form_values(hours: WeeklyHours) -> dict:
    values = {}
    for weekday, ranges in hours.items():
        for index, (start, end) in enumerate(ranges[:RANGES_PER_DAY]):
            values[f"h{weekday}_{index}_start"] = start.strftime("%H:%M")
            values[f"h{weekday}_{index}_end"] = (
                "24:00" if end == dt.time.max else end.strftime("%H:%M")
            )
    return values


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    org = viewer().org
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        hours = parse_hours(form)
        if form.ok:
            catalog.set_business_hours(org, hours)
            flash("Horario guardado.")
            return redirect(url_for(".index")), 303
        values = form.data
    else:
        values = hours_form_values(load_hours(catalog.business_hours(org)))
    return render_template(
        "dashboard/hours.html",
        form=form,
        values=values,
        weekdays=WEEKDAYS,
        ranges=RANGES_PER_DAY,
        branches=agenda.locations(org),
    ), (422 if form.errors else 200)


@bp.route("/bloqueos", methods=["GET", "POST"])
@login_required
def blocks():
    """Upcoming blocks, and adding one (asking first when appointments fall inside it)."""
    org, who, now = viewer().org, viewer(), clock().now()
    form = Form(request.form if request.method == "POST" else _block_defaults())
    colliding = []
    if request.method == "POST":
        fields = _block_fields(form)
        if form.ok:
            colliding = block_service.colliding_appointments(
                org, fields["staff"], fields["start"], fields["end"]
            )
            if not colliding or form.flag("confirm"):
                try:
                    block = block_service.add_block(org, **fields)
                    flash(f"Bloqueo #{block.number} guardado.")
                    return redirect(url_for(".blocks")), 303
                except DomainError as error:
                    form.error("end", error.message)
            else:
                form.error(
                    "confirm", "Hay citas en ese horario; confirma para bloquear de todos modos."
                )
    upcoming = TimeBlock.select().where(TimeBlock.org == org, TimeBlock.end_at > now)
    if not who.is_owner:
        upcoming = upcoming.where((TimeBlock.staff == who.staff) | TimeBlock.staff.is_null())
    return render_template(
        "dashboard/blocks.html",
        form=form,
        upcoming=list(upcoming.order_by(TimeBlock.start_at)),
        staff=active_staff(org) if who.is_owner else [who.staff],
        colliding=colliding,
    ), (422 if form.errors else 200)


def _block_defaults() -> dict:
    """A new block: the viewer's own agenda (not the whole business), or the tapped time of
    the agenda, until that stretch of work ends."""
    who, values = viewer(), request.args.to_dict()
    if "staff" not in values and who.staff:
        values["staff"] = str(who.staff.id)
    if values.get("start") and values.get("date") and not values.get("end"):
        try:
            day, at = dt.date.fromisoformat(values["date"]), parse_hhmm(values["start"])
        except (ValueError, HoursError):
            return values
        target = values.get("staff", "")
        member = owned(Staff, who.org, int(target)) if target.isdigit() else None
        until = agenda.closing_after(who.org, member, day, at)
        if until is not None:
            values["end"] = until.strftime("%H:%M")
    return values


def _block_fields(form: Form) -> dict:
    org, who = viewer().org, viewer()
    target = form.raw("staff")
    member = owned(Staff, org, int(target)) if target.isdigit() else None
    if member is None and not who.is_owner:
        form.error("staff", "Solo la persona dueña puede cerrar todo el negocio.")
    elif member is not None:
        require_change(member.id)
    first = form.date("date", "el día")
    last = form.date("until", "el último día") if form.raw("until") else first
    whole_day = form.flag("all_day")
    start_time = dt.time(0) if whole_day else form.time("start", "la hora de inicio")
    end_time = dt.time(0) if whole_day else form.time("end", "la hora de fin")
    reason = form.text("reason", "el motivo", required=False, max_len=200)
    kind = "holiday" if form.flag("holiday") else "block"
    if not (first and last and start_time is not None and end_time is not None):
        return {}
    tz = ZoneInfo(org.timezone)
    end_day = last + dt.timedelta(days=1) if whole_day else last
    start, end = to_utc(first, start_time, tz), to_utc(end_day, end_time, tz)
    if end <= start:
        form.error("end", "El final del bloqueo debe ser después del inicio.")
    return dict(start=start, end=end, staff=member, reason=reason, kind=kind)


@bp.post("/bloqueos/<int:number>/quitar")
@login_required
def unblock(number: int):
    org = viewer().org
    block = TimeBlock.get_or_none((TimeBlock.org == org) & (TimeBlock.number == number))
    if block is None:
        return render_template("error.html", code=404, message="No encontré ese bloqueo."), 404
    require_change(block.staff_id)
    block_service.remove_block(org, number)
    flash(f"Bloqueo #{number} quitado.")
    return redirect(url_for(".blocks")), 303
