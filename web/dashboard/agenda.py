"""Agenda: day and week views by staff member; book, move, cancel, complete, no-show."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, booking, customers
from domain.availability import free_slots, nearest_alternatives
from domain.db import db
from domain.errors import BookingConflict, DomainError
from domain.hours import to_utc
from domain.models import Appointment, Service, Staff
from web.dashboard import blueprint, clock
from web.dashboard.lookups import active_services, active_staff, owned
from web.forms import Form
from web.viewer import login_required, require_change, viewer

bp = blueprint("agenda", __name__, "/agenda")


def _day(text: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return agenda.today(viewer().org, clock().now())


@bp.get("/")
@login_required
def index():
    """The day (or the week from Monday) for everyone or one person."""
    org, who = viewer().org, viewer()
    day = _day(request.args.get("dia"))
    week = request.args.get("vista") == "semana"
    default = "" if who.is_owner or not who.staff else str(who.staff.id)
    person = request.args.get("persona", default)
    staff_id = int(person) if person.isdigit() else None
    first = day - dt.timedelta(days=day.weekday()) if week else day
    days = 7 if week else 1
    columns = agenda.columns(org, first, days, staff_id)
    if week:
        for column in columns:
            column.days = agenda.by_local_day(org, column.entries, first, days)
    step = dt.timedelta(days=days)
    return render_template(
        "dashboard/agenda.html",
        columns=columns,
        day=day,
        first=first,
        week=week,
        person=person,
        staff=active_staff(org),
        prev=first - step,
        next=first + step,
        today=agenda.today(org, clock().now()),
    )


@bp.route("/nueva", methods=["GET", "POST"])
@login_required
def new():
    """Book an appointment for a customer, showing the free times of the chosen day."""
    org, who = viewer().org, viewer()
    form = Form(request.form if request.method == "POST" else request.args)
    alternatives = []
    if request.method == "POST":
        fields = _booking_fields(form)
        if form.ok:
            try:
                appointment = _book(form, **fields)
                flash(f"Cita #{appointment.number} agendada.")
                return redirect(url_for(".show", number=appointment.number))
            except BookingConflict as error:
                form.error("time", error.message)
                alternatives = _alternatives(fields)
            except DomainError as error:
                form.error("time", error.message)
    elif not who.is_owner and who.staff and not form.raw("staff"):
        form = Form({**request.args.to_dict(), "staff": str(who.staff.id)})
    return render_template(
        "dashboard/appointment_new.html",
        form=form,
        services=active_services(org),
        staff=active_staff(org) if who.is_owner else [who.staff],
        free=_free_times(form),
        alternatives=alternatives,
    ), (422 if form.errors else 200)


def _booking_fields(form: Form) -> dict:
    org = viewer().org
    service_id = form.integer("service", "el servicio", 1, 2**31)
    staff_text = form.raw("staff")
    staff_id = form.integer("staff", "la persona", 1, 2**31) if staff_text else None
    day, at = form.date("date"), form.time("time")
    phone = form.phone("phone", required=False)
    name = form.text("name", "el nombre del cliente", required=not phone, max_len=120)
    notes = form.text("notes", "las notas", required=False, max_len=1000)
    service = owned(Service, org, service_id) if service_id else None
    member = owned(Staff, org, staff_id) if staff_id else None
    if member is not None and not viewer().may_change(member.id):
        form.error("staff", "Solo puedes agendar citas en tu propia agenda.")
    if member is None and not viewer().is_owner:
        member = viewer().staff
    start = to_utc(day, at, ZoneInfo(org.timezone)) if day and at else None
    return dict(service=service, staff=member, start=start, phone=phone, name=name, notes=notes)


def _book(form, *, service, staff, start, phone, name, notes) -> Appointment:
    """The customer (found or new) and the appointment, together or not at all."""
    org, now = viewer().org, clock().now()
    with db.atomic():
        customer = customers.customer_for_booking(org, phone=phone, name=name, now=now)
        return booking.book(
            org,
            customer=customer,
            service=service,
            staff=staff,
            start=start,
            clock=clock(),
            # A start already past is someone in the chair: a walk-in, accepted a while back.
            source="walk_in" if start < now else "dashboard",
            actor=viewer().actor,
            notes=notes,
        )


def _alternatives(fields) -> list:
    if not fields["service"] or not fields["start"]:
        return []
    staff_id = fields["staff"].id if fields["staff"] else None
    org = viewer().org
    return nearest_alternatives(
        org, fields["service"], fields["start"], clock=clock(), staff_id=staff_id
    )


def _free_times(form: Form) -> list:
    """Free start times of the chosen service and day, from now on."""
    org = viewer().org
    if not (form.raw("service").isdigit() and form.raw("date")):
        return []
    service = Service.get_or_none((Service.org == org) & (Service.id == int(form.raw("service"))))
    try:
        day = dt.date.fromisoformat(form.raw("date"))
    except ValueError:
        return []
    if service is None:
        return []
    staff_id = int(form.raw("staff")) if form.raw("staff").isdigit() else None
    now = clock().now()
    slots = free_slots(
        org, service, day, 1, clock=clock(), staff_id=staff_id, enforce_notice=False
    )
    return [slot for slot in slots if slot.start >= now]


def _appointment(number: int) -> Appointment:
    return booking.get_appointment(viewer().org, number)


@bp.get("/cita/<int:number>")
@login_required
def show(number: int):
    appointment = _appointment(number)
    return render_template(
        "dashboard/appointment.html",
        appointment=appointment,
        may_change=viewer().may_change(appointment.staff_id),
        staff=active_staff(viewer().org),
        form=Form({}),
    )


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
            Appointment.update(notes=notes, updated_at=clock().now()).where(
                Appointment.id == appointment.id
            ).execute()
            flash("Notas guardadas.")
        else:
            return render_template("error.html", code=404, message="Acción desconocida."), 404
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(".show", number=number)), 303
    return redirect(url_for(".show", number=number)), 303


def _move(appointment: Appointment, form: Form):
    org, who = viewer().org, viewer()
    day, at = form.date("date"), form.time("time")
    staff_id = form.integer("staff", "la persona", 1, 2**31, required=False)
    member = owned(Staff, org, staff_id) if staff_id else None
    if member is not None:
        require_change(member.id)
    if form.ok:
        start = to_utc(day, at, ZoneInfo(org.timezone))
        try:
            booking.reschedule(
                org, appointment.number, start, clock=clock(), staff=member, actor=who.actor
            )
            flash(f"Cita #{appointment.number} movida.")
            return redirect(url_for(".show", number=appointment.number)), 303
        except DomainError as error:
            form.error("time", error.message)
    return render_template(
        "dashboard/appointment.html",
        appointment=appointment,
        may_change=True,
        staff=active_staff(org),
        form=form,
    ), 422
