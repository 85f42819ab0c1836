"""Booking from the dashboard: the new-appointment form and "Llegó ahorita" for walk-ins.

Both live on the agenda's blueprint. Without JavaScript every step is a plain form post;
with it, tapping a free time fills the time field and the client picker searches as you type.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, booking, customers, fmt
from domain.availability import free_slots, nearest_alternatives
from domain.db import db
from domain.errors import BookingConflict, DomainError
from domain.hours import to_utc
from domain.models import Appointment, Customer, Service, Staff
from web.dashboard import clock
from web.dashboard.agenda import bp
from web.dashboard.lookups import active_services, active_staff, owned
from web.forms import Form
from web.viewer import login_required, viewer

AGO = (0, 5, 10, 15, 20, 30)  # "empezó hace…" minutes offered for a walk-in


@bp.route("/nueva", methods=["GET", "POST"])
@login_required
def new():
    """Book an appointment for a customer, showing the free times of the chosen day."""
    who = viewer()
    form = Form(request.form if request.method == "POST" else request.args)
    alternatives = []
    if request.method == "POST" and not (form.raw("ver") or form.raw("chip")):
        fields = _booking_fields(form)
        if form.ok:
            try:
                appointment = _book(**fields)
                flash(f"Cita #{appointment.number} agendada.")
                return redirect(url_for(".show", number=appointment.number))
            except BookingConflict as error:
                form.error("time", error.message)
                alternatives = _alternatives(fields)
            except DomainError as error:
                form.error("time", error.message)
    elif form.raw("chip"):
        form = Form({**form.data.to_dict(), "time": form.raw("chip")})
    elif request.method == "GET":
        values = {"date": agenda.today(who.org, clock().now()).isoformat()}
        if not who.is_owner and who.staff:
            values["staff"] = str(who.staff.id)
        form = Form({**values, **{k: v for k, v in request.args.items() if v}})
    return _page(form, alternatives)


def _branches(org) -> list:
    """The branches to choose among: none to choose when there is only one."""
    branches = agenda.locations(org)
    return branches if len(branches) > 1 else []


def _page(form: Form, alternatives=()):
    org, who = viewer().org, viewer()
    picked = form.raw("customer")
    return render_template(
        "dashboard/appointment_new.html",
        form=form,
        services=active_services(org),
        staff=active_staff(org) if who.is_owner else [who.staff],
        branches=_branches(org),
        free=_free_times(form),
        alternatives=alternatives,
        picked=customers.get_customer(org, int(picked)) if picked.isdigit() else None,
    ), (422 if form.errors else 200)


def _booking_fields(form: Form) -> dict:
    org = viewer().org
    service_id = form.integer("service", "el servicio", 1, 2**31)
    staff_text = form.raw("staff")
    staff_id = form.integer("staff", "la persona", 1, 2**31) if staff_text else None
    day, at = form.date("date"), form.time("time")
    customer_id = form.integer("customer", "el cliente", 1, 2**31, required=False)
    phone = form.phone("phone", required=False)
    name = form.text(
        "name", "el nombre del cliente", required=not (phone or customer_id), max_len=120
    )
    notes = form.text("notes", "las notas", required=False, max_len=1000)
    service = owned(Service, org, service_id) if service_id else None
    member = owned(Staff, org, staff_id) if staff_id else None
    chosen = owned(Customer, org, customer_id) if customer_id else None
    if member is not None and not viewer().may_change(member.id):
        form.error("staff", "Solo puedes agendar citas en tu propia agenda.")
    if member is None and not viewer().is_owner:
        member = viewer().staff
    start = to_utc(day, at, ZoneInfo(org.timezone)) if day and at else None
    return dict(
        service=service,
        staff=member,
        start=start,
        customer=chosen,
        phone=phone,
        name=name,
        notes=notes,
        location=_location(form),
    )


def _location(form: Form):
    branches = agenda.locations(viewer().org)
    wanted = form.raw("sucursal")
    return next((b for b in branches if str(b.id) == wanted), None)


def _book(*, service, staff, start, customer, phone, name, notes, location) -> Appointment:
    """The customer (chosen, found or new) and the appointment, together or not at all."""
    org, now = viewer().org, clock().now()
    with db.atomic():
        if customer is None:
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
            location=location,
        )


def _alternatives(fields) -> list:
    if not fields["service"] or not fields["start"]:
        return []
    staff_id = fields["staff"].id if fields["staff"] else None
    return nearest_alternatives(
        viewer().org,
        fields["service"],
        fields["start"],
        clock=clock(),
        staff_id=staff_id,
        location=fields["location"],
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
        org,
        service,
        day,
        1,
        clock=clock(),
        staff_id=staff_id,
        location=_location(form),
        enforce_notice=False,
    )
    return [slot for slot in slots if slot.start >= now]


@bp.route("/llego", methods=["GET", "POST"])
@login_required
def walk_in():
    """Someone walked in: tap their service and they are in, with whoever is free now."""
    org, who, now = viewer().org, viewer(), clock().now()
    form = Form(request.form if request.method == "POST" else request.args)
    if request.method == "POST":
        service_id = form.integer("service", "el servicio", 1, 2**31)
        ago = form.integer("hace", "cuándo empezó", 0, 120, required=False) or 0
        staff_id = form.integer("staff", "la persona", 1, 2**31, required=False)
        phone = form.phone("phone", required=False)
        name = form.text("name", "el nombre", required=False, max_len=120)
        member = owned(Staff, org, staff_id) if staff_id else None
        if member is not None and not who.may_change(member.id):
            form.error("staff", "Solo puedes registrar clientes en tu propia agenda.")
        if member is None and not who.is_owner:
            member = who.staff
        if form.ok:
            service = owned(Service, org, service_id)
            start = now.replace(second=0, microsecond=0) - dt.timedelta(minutes=ago)
            try:
                with db.atomic():
                    person = customers.customer_for_booking(org, phone=phone, name=name, now=now)
                    appointment = booking.book(
                        org,
                        customer=person,
                        service=service,
                        staff=member,
                        start=start,
                        clock=clock(),
                        source="walk_in",
                        actor=who.actor,
                        location=_location(form),
                    )
                flash(_arrived(appointment))
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("service", error.message)
    return render_template(
        "dashboard/walk_in.html",
        form=form,
        services=active_services(org),
        staff=active_staff(org) if who.is_owner else [who.staff],
        ago=AGO,
        branches=_branches(org),
    ), (422 if form.errors else 200)


def _arrived(appointment: Appointment) -> str:
    name = appointment.customer.name or "Cliente sin nombre"
    since = fmt.the_clock(appointment.start_at, viewer().org.timezone)
    return (
        f"{name}: {appointment.service.name} con {appointment.staff.name}, desde {since} "
        f"(cita #{appointment.number})."
    )
