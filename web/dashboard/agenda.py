"""Agenda: the day as a time grid, the week; an appointment's page with its changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, booking
from domain.availability import free_slots, nearest_alternatives
from domain.errors import DomainError
from domain.hours import to_utc
from domain.models import Appointment, Location, Staff
from web.dashboard import blueprint, clock
from web.dashboard.lookups import active_staff, owned
from web.forms import Form
from web.viewer import login_required, require_change, viewer

bp = blueprint("agenda", __name__, "/agenda")

MOVE_DAYS = 7  # day chips offered when moving an appointment


def local_day(text: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return agenda.today(viewer().org, clock().now())


def chosen_location(org) -> tuple[list[Location], Location | None]:
    """The branches, and the one the agenda is filtered by (None: all of them)."""
    branches = agenda.locations(org)
    wanted = request.args.get("sucursal", "")
    chosen = next((b for b in branches if str(b.id) == wanted), None)
    return branches, chosen if len(branches) > 1 else None


@bp.get("/")
@login_required
def index():
    """The day as a grid of staff columns, or the week (one person's grid, or everyone's)."""
    org, who = viewer().org, viewer()
    day = local_day(request.args.get("dia"))
    week = request.args.get("vista") == "semana"
    default = "" if who.is_owner or not who.staff else str(who.staff.id)
    person = request.args.get("persona", default)
    person = "" if person == "todos" else person
    branches, location = chosen_location(org)
    staff = agenda.staff_at(org, location)
    member = next((m for m in staff if str(m.id) == person), None)
    person = str(member.id) if member else ""
    first = day - dt.timedelta(days=day.weekday()) if week else day
    view = lists = None
    if week and member:
        view = agenda.week_view(org, first, member, location=location)
    elif week:
        lists = agenda.week_lists(org, first, location=location)
    else:
        view = agenda.day_view(org, day, staff_id=member.id if member else None, location=location)
    step = dt.timedelta(days=7 if week else 1)
    return render_template(
        "dashboard/agenda.html",
        view=view,
        lists=lists,
        day=day,
        first=first,
        week=week,
        person=person,
        staff=staff,
        people={m.id: m for m in Staff.select().where(Staff.org == org)} if lists else {},
        branches=branches,
        location=location,
        prev=first - step,
        next=first + step,
        today=agenda.today(org, clock().now()),
    )


def _appointment(number: int) -> Appointment:
    return booking.get_appointment(viewer().org, number)


@bp.get("/cita/<int:number>")
@login_required
def show(number: int, form: Form | None = None, alternatives=(), status: int = 200):
    """An appointment: who, when, what; complete, no-show, move by tapping a free time."""
    appointment = _appointment(number)
    form = form or Form(request.args)
    return render_template(
        "dashboard/appointment.html",
        appointment=appointment,
        may_change=viewer().may_change(appointment.staff_id),
        staff=active_staff(viewer().org),
        form=form,
        move=_move_choices(appointment, form) if appointment.is_active else None,
        alternatives=alternatives,
    ), status


def _move_choices(appointment: Appointment, form: Form) -> dict:
    """The days to move to, and the free times of the chosen day (with the chosen person)."""
    org, now = viewer().org, clock().now()
    tz = ZoneInfo(org.timezone)
    today = agenda.today(org, now)
    current = appointment.start_at.astimezone(tz).date()
    day = local_day(form.raw("dia") or max(current, today).isoformat())
    staff_id = int(form.raw("con")) if form.raw("con").isdigit() else appointment.staff_id
    slots = free_slots(
        org,
        appointment.service,
        day,
        1,
        clock=clock(),
        staff_id=staff_id,
        location=appointment.location,
        exclude_appointment=appointment.id,
        enforce_notice=False,
    )
    start = max(today, current - dt.timedelta(days=1))
    return {
        "day": day,
        "staff_id": staff_id,
        "days": [start + dt.timedelta(days=i) for i in range(MOVE_DAYS)],
        "times": [s.start for s in slots if s.start >= now and s.start != appointment.start_at],
    }


def _back(number: int):
    """Where to go after a change: the page that asked (an agenda view), or the appointment."""
    target = request.form.get("volver", "")
    if target.startswith("/panel/agenda") and "//" not in target:
        return redirect(target), 303
    return redirect(url_for(".show", number=number)), 303


@bp.post("/cita/<int:number>/<action>")
@login_required
def change(number: int, action: str):
    """Move, cancel, complete, mark no-show or note an appointment; explain any refusal."""
    org, who = viewer().org, viewer()
    appointment = _appointment(number)
    require_change(appointment.staff_id)
    form = Form(request.form)
    kwargs = dict(clock=clock(), actor=who.actor)
    try:
        if action == "mover":
            return _move(appointment, form)
        if action == "cancelar":
            reason = form.text("reason", "el motivo", required=False, max_len=500)
            booking.cancel(org, number, reason=reason, **kwargs)
            flash(f"Cita #{number} cancelada.")
        elif action == "completar":
            booking.complete(org, number, **kwargs)
            flash(f"Cita #{number} marcada como completada.")
        elif action == "no-asistio":
            booking.mark_no_show(org, number, **kwargs)
            flash(f"Cita #{number} marcada como no asistió.")
        elif action == "notas":
            notes = form.text("notes", "las notas", required=False, max_len=1000)
            booking.set_notes(org, number, notes, clock=clock())
            flash("Notas guardadas.")
        else:
            return render_template("error.html", code=404, message="Acción desconocida."), 404
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(".show", number=number)), 303
    return _back(number)


def _move(appointment: Appointment, form: Form):
    """Move to the day and time chosen (a chip, the fields, or a drag on the grid)."""
    org, who = viewer().org, viewer()
    if form.raw("slot"):  # one of the nearest free times offered after a conflict
        day_text, _, time_text = form.raw("slot").partition("T")
        form = Form({**form.data.to_dict(), "date": day_text, "time": time_text})
    day, at = form.date("date"), form.time("time")
    staff_id = form.integer("staff", "la persona", 1, 2**31, required=False)
    member = owned(Staff, org, staff_id) if staff_id else None
    if member is not None:
        require_change(member.id)
    alternatives = []
    if form.ok:
        start = to_utc(day, at, ZoneInfo(org.timezone))
        try:
            booking.reschedule(
                org, appointment.number, start, clock=clock(), staff=member, actor=who.actor
            )
            flash(f"Cita #{appointment.number} movida.")
            return _back(appointment.number)
        except DomainError as error:
            form.error("time", error.message)
            alternatives = nearest_alternatives(
                org,
                appointment.service,
                start,
                clock=clock(),
                staff_id=(member or appointment.staff).id,
                location=appointment.location,
                exclude_appointment=appointment.id,
            )
    return show(appointment.number, form=form, alternatives=alternatives, status=422)


from web.dashboard import booking_form  # noqa: E402,F401  (the booking routes on this bp)
