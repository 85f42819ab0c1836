"""API v1 endpoints: appointments, customers, services, staff and free times."""

from __future__ import annotations

import datetime as dt

from flask import g, jsonify, request
from peewee import IntegrityError

from domain import agenda, booking, customers, figures, fmt
from domain.availability import free_slots
from domain.db import db
from domain.errors import NotFound
from domain.models import Appointment, Customer, Service, Staff
from domain.phones import normalize_phone
from web.api import ApiError, body, bp, date, identifier, moment, now, text
from web.dashboard.lookups import active_services, active_staff


class _Clock:
    def now(self):
        return now()


def _iso(moment_, tz: str) -> str | None:
    return moment_.astimezone(fmt.zone(tz)).isoformat() if moment_ else None


def appointment_json(a: Appointment) -> dict:
    tz = g.api_org.timezone
    return {
        "number": a.number,
        "status": a.status,
        "start": _iso(a.start_at, tz),
        "end": _iso(a.end_at, tz),
        "service": {"id": a.service.id, "name": a.service.name},
        "staff": {"id": a.staff.id, "name": a.staff.name},
        "customer": customer_json(a.customer),
        "price_cents": a.price_cents,
        "source": a.source,
        "notes": a.notes,
        "cancel_reason": a.cancel_reason,
    }


def customer_json(c: Customer) -> dict:
    return {
        "id": c.id,
        "name": c.name,
        "phone": c.phone,
        "no_show_count": c.no_show_count,
        "notes": c.notes,
    }


def _owned(model, record_id, what):
    row = model.get_or_none((model.org == g.api_org) & (model.id == record_id))
    if row is None:
        raise NotFound(f"No encontré {what} con id {record_id}.")
    return row


@bp.get("/appointments")
def list_appointments():
    first = date(request.args, "from", default=agenda.today(g.api_org, now()))
    last = date(request.args, "to", default=first + dt.timedelta(days=6))
    if not 0 <= (last - first).days <= 92:
        raise ApiError(422, "«to» debe ser igual o posterior a «from», hasta 92 días.", "to")
    staff_id = identifier(request.args, "staff_id")
    if staff_id:
        _owned(Staff, staff_id, "a la persona")
    start, end = agenda.day_bounds(g.api_org, first, (last - first).days + 1)
    rows = agenda.appointments_between(
        g.api_org, start, end, staff_id=staff_id, include_cancelled=True
    )
    return jsonify(appointments=[appointment_json(a) for a in rows])


@bp.post("/appointments")
def create_appointment():
    data = body()
    service = _owned(Service, identifier(data, "service_id", required=True), "el servicio")
    staff_id = identifier(data, "staff_id")
    member = _owned(Staff, staff_id, "a la persona") if staff_id else None
    start = moment(data, "start", required=True)
    notes = text(data, "notes", max_len=1000) or ""
    with db.atomic():
        customer = _customer_for(data)
        appointment = booking.book(
            g.api_org,
            customer=customer,
            service=service,
            staff=member,
            start=start,
            clock=_Clock(),
            source="api",
            actor="api",
            notes=notes,
        )
    return jsonify(appointment_json(appointment)), 201


def _customer_for(data) -> Customer:
    customer_id = identifier(data, "customer_id")
    if customer_id:
        return _owned(Customer, customer_id, "al cliente")
    details = data.get("customer")
    if not isinstance(details, dict):
        raise ApiError(422, "Envía «customer_id» o «customer» con «name» y «phone».", "customer")
    name = customers.clean_name(text(details, "name", required=True, max_len=120))
    phone = _phone(details)
    if not name:
        raise ApiError(422, "El nombre del cliente está vacío.", "customer.name")
    found = (
        Customer.get_or_none((Customer.org == g.api_org) & (Customer.phone == phone))
        if phone
        else None
    )
    return found or Customer.create(
        org=g.api_org, name=name, phone=phone, name_confirmed=True, created_at=now()
    )


def _phone(data) -> str | None:
    raw = text(data, "phone", max_len=40)
    if not raw:
        return None
    phone = normalize_phone(raw)
    if phone is None:
        raise ApiError(422, "El teléfono no es válido; usa 10 dígitos o formato +52…", "phone")
    return phone


@bp.get("/appointments/<int:number>")
def get_appointment(number: int):
    return jsonify(appointment_json(booking.get_appointment(g.api_org, number)))


@bp.patch("/appointments/<int:number>")
def update_appointment(number: int):
    """Move (start, staff_id), note, or mark completed / no_show."""
    data = body()
    org, clock = g.api_org, _Clock()
    appointment = booking.get_appointment(org, number)
    start = moment(data, "start")
    staff_id = identifier(data, "staff_id")
    member = _owned(Staff, staff_id, "a la persona") if staff_id else None
    notes = text(data, "notes", max_len=1000)
    status = data.get("status")
    if status is not None and status not in ("completed", "no_show"):
        raise ApiError(
            422,
            "«status» solo puede ser completed o no_show; para cancelar usa /cancel.",
            "status",
        )
    with db.atomic():
        if start or member:
            booking.reschedule(
                org, number, start or appointment.start_at, clock=clock, staff=member, actor="api"
            )
        if notes is not None:
            Appointment.update(notes=notes, updated_at=now()).where(
                Appointment.id == appointment.id
            ).execute()
        if status == "completed":
            booking.complete(org, number, clock=clock, actor="api")
        elif status == "no_show":
            booking.mark_no_show(org, number, clock=clock, actor="api")
    return jsonify(appointment_json(booking.get_appointment(org, number)))


@bp.post("/appointments/<int:number>/cancel")
def cancel_appointment(number: int):
    data = request.get_json(silent=True) or {}
    reason = text(data, "reason", max_len=500) if isinstance(data, dict) else None
    booking.get_appointment(g.api_org, number)
    cancelled = booking.cancel(g.api_org, number, clock=_Clock(), actor="api", reason=reason or "")
    return jsonify(appointment_json(cancelled))


@bp.get("/customers")
def list_customers():
    q = text(request.args, "q", max_len=80)
    if q and q.strip():
        rows = customers.search(g.api_org, q, limit=100)
    else:
        rows = (
            Customer.select()
            .where(Customer.org == g.api_org)
            .order_by(Customer.id.desc())
            .limit(100)
        )
    return jsonify(customers=[customer_json(c) for c in rows])


@bp.post("/customers")
def create_customer():
    data = body()
    name = customers.clean_name(text(data, "name", required=True, max_len=120))
    if not name:
        raise ApiError(422, "El nombre está vacío.", "name")
    try:
        with db.atomic():
            c = Customer.create(
                org=g.api_org, name=name, phone=_phone(data), name_confirmed=True, created_at=now()
            )
    except IntegrityError:
        raise ApiError(409, "Ya hay un cliente con ese teléfono.", "phone") from None
    return jsonify(customer_json(c)), 201


@bp.get("/customers/<int:customer_id>")
def get_customer(customer_id: int):
    return jsonify(customer_json(_owned(Customer, customer_id, "al cliente")))


@bp.patch("/customers/<int:customer_id>")
def update_customer(customer_id: int):
    data = body()
    c = _owned(Customer, customer_id, "al cliente")
    if "name" in data:
        name = customers.clean_name(text(data, "name", required=True, max_len=120))
        if not name:
            raise ApiError(422, "El nombre está vacío.", "name")
        c.name, c.name_confirmed = name, True
    if "phone" in data:
        c.phone = _phone(data)
    try:
        with db.atomic():
            c.save()
    except IntegrityError:
        raise ApiError(409, "Ya hay un cliente con ese teléfono.", "phone") from None
    return jsonify(customer_json(c))


@bp.get("/services")
def list_services():
    return jsonify(
        services=[
            {
                "id": s.id,
                "name": s.name,
                "duration_min": s.duration_min,
                "price_cents": s.price_cents,
                "buffer_min": s.buffer_min,
            }
            for s in active_services(g.api_org)
        ]
    )


@bp.get("/staff")
def list_staff():
    return jsonify(
        staff=[{"id": m.id, "name": m.name, "role": m.role} for m in active_staff(g.api_org)]
    )


@bp.get("/free-times")
def free_times():
    service = _owned(Service, identifier(request.args, "service_id", required=True), "el servicio")
    if not service.active:
        raise NotFound(f"{service.name} ya no está disponible.")
    first = date(request.args, "date", default=agenda.today(g.api_org, now()))
    days = identifier(request.args, "days") or 1
    if days > 14:
        raise ApiError(422, "«days» puede ser de 1 a 14.", "days")
    staff_id = identifier(request.args, "staff_id")
    if staff_id:
        _owned(Staff, staff_id, "a la persona")
    slots = free_slots(g.api_org, service, first, days, clock=_Clock(), staff_id=staff_id)
    tz = g.api_org.timezone
    return jsonify(
        free_times=[
            {"start": _iso(s.start, tz), "end": _iso(s.end, tz), "staff_ids": list(s.staff_ids)}
            for s in slots
        ]
    )


@bp.get("/summary")
def summary():
    """Today's, this week's and this month's figures: what the dashboard's Resumen shows."""
    found = figures.summary(g.api_org, now())
    return jsonify(
        currency="MXN",
        timezone=g.api_org.timezone,
        **{period: result.as_json() for period, result in found.items()},
    )
