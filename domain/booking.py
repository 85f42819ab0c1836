"""Booking services: book, reschedule, cancel, confirm, complete, no-show.

The no-overlap rule is enforced inside the write transaction, after taking locks, never only
by a check before the insert: on PostgreSQL the rows of the staff members and spots involved
are locked FOR NO KEY UPDATE, always in id order, so two bookings cannot deadlock; on SQLite
every write transaction begins IMMEDIATE, which serialises writers. Whatever checked
availability earlier, the check that counts runs again under the lock.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from domain import events, fmt
from domain.availability import capable_spots, capable_staff, default_location, free_slots
from domain.clock import Clock
from domain.db import db, is_postgres
from domain.errors import (
    Blocked,
    BookingConflict,
    InvalidState,
    NotFound,
    OutsideHours,
    PastCutoff,
    SpotBusy,
    StaffBusy,
    TooFar,
    TooSoon,
)
from domain.hours import day_ranges, load_hours, working_hours
from domain.models import (
    Appointment,
    Customer,
    Location,
    Organization,
    Service,
    Spot,
    Staff,
    StaffService,
    TimeBlock,
)
from domain.numbers import take_number

WALK_IN_GRACE = dt.timedelta(hours=2)
# Row locks that keep out other writers of the row but not inserts referencing it (outbox rows
# point at staff and appointments), so notices written in a booking cannot deadlock it.
NO_KEY_UPDATE = "FOR NO KEY UPDATE"  # a walk-in may be recorded after it started


def get_appointment(org: Organization, number: int) -> Appointment:
    """The appointment with short number `number` (#41) in this business."""
    try:
        return Appointment.get((Appointment.org == org) & (Appointment.number == number))
    except Appointment.DoesNotExist:
        raise NotFound(f"No encontré la cita #{number}.") from None


def book(
    org: Organization,
    *,
    customer: Customer,
    service: Service,
    start: dt.datetime,
    clock: Clock,
    staff: Staff | None = None,
    source: str = "whatsapp",
    actor: str = events.CUSTOMER,
    notes: str = "",
    location: Location | None = None,
    attendee: str = "",
) -> Appointment:
    """Book service at start with staff (or whoever is free); raises BookingConflict.

    `attendee` names who comes when it is not the customer (a daughter, a husband).
    """
    _check_owned(org, customer, service, staff)
    location = location or (staff.location if staff and staff.location_id else None)
    location = location or default_location(org)
    _check_notice(org, start, clock, actor, source)
    with db.atomic():
        candidates = [staff] if staff else _free_staff_at(org, service, start, clock, location)
        member, spot = _claim(org, service, start, candidates, location)
        end = start + dt.timedelta(minutes=service.duration_min)
        appointment = Appointment.create(
            org=org,
            location=location,
            number=take_number(org),
            customer=customer,
            attendee=attendee[:120],
            service=service,
            staff=member,
            spot=spot,
            start_at=start,
            end_at=end,
            busy_until=end + dt.timedelta(minutes=service.buffer_min),
            source=source,
            price_cents=service.price_cents,
            notes=notes,
            scheduled_at=clock.now(),
            created_at=clock.now(),
            updated_at=clock.now(),
        )
        events.publish(events.AppointmentBooked(appointment.id, actor))
    return appointment


def reschedule(
    org: Organization,
    number: int,
    start: dt.datetime,
    *,
    clock: Clock,
    staff: Staff | None = None,
    actor: str = events.CUSTOMER,
) -> Appointment:
    """Move an active appointment to a new start (and optionally another staff member)."""
    with db.atomic():
        appointment = _lock_appointment(org, number)
        _check_changeable(appointment, clock, actor, "cambiar")
        _check_owned(org, None, None, staff)
        _check_notice(org, start, clock, actor, appointment.source)
        service = appointment.service
        location = appointment.location
        if staff is None and actor != events.CUSTOMER:
            candidates = [appointment.staff]
        elif staff is None:
            keep = [appointment.staff]
            others = _free_staff_at(org, service, start, clock, location, appointment.id)
            candidates = keep + [m for m in others if m.id != appointment.staff_id]
        else:
            candidates = [staff]
        member, spot = _claim(org, service, start, candidates, location, appointment.id)
        previous = appointment.start_at
        end = start + dt.timedelta(minutes=service.duration_min)
        appointment.staff, appointment.spot = member, spot
        appointment.start_at, appointment.end_at = start, end
        appointment.busy_until = end + dt.timedelta(minutes=service.buffer_min)
        appointment.status = "booked"
        appointment.confirmed_at = None
        appointment.scheduled_at = appointment.updated_at = clock.now()
        appointment.save()
        events.publish(events.AppointmentRescheduled(appointment.id, actor, previous))
    return appointment


def cancel(
    org: Organization, number: int, *, clock: Clock, actor: str = events.CUSTOMER, reason: str = ""
) -> Appointment:
    with db.atomic():
        appointment = _lock_appointment(org, number)
        _check_changeable(appointment, clock, actor, "cancelar")
        appointment.status = "cancelled"
        appointment.cancelled_at = appointment.updated_at = clock.now()
        appointment.cancelled_by = "customer" if events.by_customer(actor) else "business"
        appointment.cancel_reason = reason.strip()[:500]
        appointment.save()
        events.publish(
            events.AppointmentCancelled(appointment.id, actor, appointment.cancel_reason)
        )
    return appointment


def confirm(org: Organization, number: int, *, clock: Clock, actor: str = events.CUSTOMER):
    with db.atomic():
        appointment = _lock_appointment(org, number)
        if not appointment.is_active:
            raise InvalidState(_status_message(appointment))
        if appointment.status != "confirmed":
            appointment.status = "confirmed"
            appointment.confirmed_at = appointment.updated_at = clock.now()
            appointment.save()
            events.publish(events.AppointmentConfirmed(appointment.id, actor))
    return appointment


def complete(org: Organization, number: int, *, clock: Clock, actor: str) -> Appointment:
    with db.atomic():
        appointment = _lock_appointment(org, number)
        if appointment.status == "completed":
            return appointment
        if appointment.status == "no_show":
            _count_no_show(appointment.customer_id, -1)
        elif not appointment.is_active:
            raise InvalidState(_status_message(appointment))
        elif appointment.start_at > clock.now():
            raise InvalidState(
                f"La cita #{number} todavía no empieza; márcala completada cuando haya empezado."
            )
        appointment.status = "completed"
        appointment.updated_at = clock.now()
        appointment.save()
        events.publish(events.AppointmentCompleted(appointment.id, actor))
    return appointment


def mark_no_show(org: Organization, number: int, *, clock: Clock, actor: str) -> Appointment:
    with db.atomic():
        appointment = _lock_appointment(org, number)
        if appointment.status == "no_show":
            return appointment
        if appointment.status not in (*Appointment.ACTIVE, "completed"):
            raise InvalidState(_status_message(appointment))
        if appointment.start_at > clock.now():
            raise InvalidState(
                f"La cita #{number} todavía no empieza; márcala después de la hora de inicio."
            )
        appointment.status = "no_show"
        appointment.updated_at = clock.now()
        appointment.save()
        _count_no_show(appointment.customer_id, +1)
        events.publish(events.AppointmentNoShow(appointment.id, actor))
    return appointment


def set_notes(org: Organization, number: int, notes: str, *, clock: Clock) -> Appointment:
    """Replace an appointment's notes (what the business wants to remember about it)."""
    appointment = get_appointment(org, number)
    appointment.notes = notes.strip()[:1000]
    appointment.updated_at = clock.now()
    appointment.save()
    return appointment


def _count_no_show(customer_id: int, delta: int) -> None:
    Customer.update(no_show_count=Customer.no_show_count + delta).where(
        Customer.id == customer_id
    ).execute()


def _check_owned(org, customer, service, staff) -> None:
    """Refuse records of another business: tenants never reach each other's data."""
    for record, what in ((customer, "cliente"), (service, "servicio"), (staff, "persona")):
        if record is not None and record.org_id != org.id:
            raise NotFound(f"No encontré ese {what} en este negocio.")
    if service is not None and not service.active:
        raise NotFound(f"{service.name} ya no está disponible.")
    if staff is not None and not staff.active:
        raise NotFound(f"{staff.name} ya no atiende en este negocio.")


def _check_notice(org, start, clock, actor, source) -> None:
    now = clock.now()
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    if not events.by_customer(actor):
        floor = now - WALK_IN_GRACE if source == "walk_in" else now - dt.timedelta(minutes=5)
        if start < floor:
            raise TooSoon("Esa hora ya pasó.")
        return
    if start < now + dt.timedelta(minutes=org.min_notice_min):
        if start < now:
            raise TooSoon("Esa hora ya pasó.")
        raise TooSoon(
            f"Necesitamos al menos {_notice_text(org.min_notice_min)} de anticipación "
            "para agendar."
        )
    if start > now + dt.timedelta(days=org.horizon_days):
        raise TooFar(f"Solo agendamos con hasta {org.horizon_days} días de anticipación.")


def _notice_text(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return "1 hora" if hours == 1 else f"{hours} horas"
    return f"{minutes} minutos"


def _check_changeable(appointment, clock, actor, verb) -> None:
    if not appointment.is_active:
        raise InvalidState(_status_message(appointment))
    if events.by_customer(actor):
        refusal = customer_change_refusal(appointment, clock.now(), verb)
        if refusal:
            raise PastCutoff(refusal)


def customer_change_refusal(appointment: Appointment, now: dt.datetime, verb: str) -> str | None:
    """Why a customer may no longer change or cancel this appointment, or None if they may."""
    org = appointment.org
    if now <= appointment.start_at - dt.timedelta(hours=org.cancel_cutoff_hours):
        return None
    return (
        f"Ya no es posible {verb} la cita por aquí: se necesita hacerlo con al menos "
        f"{_notice_text(org.cancel_cutoff_hours * 60)} de anticipación. "
        "Escribe *asesor* y alguien del equipo te ayuda."
    )


def _status_message(appointment) -> str:
    label = {
        "cancelled": "está cancelada",
        "completed": "ya se completó",
        "no_show": "quedó como no asistida",
    }.get(appointment.status, f"está en estado {appointment.status}")
    return f"La cita #{appointment.number} {label}."


def _lock_appointment(org, number) -> Appointment:
    query = Appointment.select().where(Appointment.org == org, Appointment.number == number)
    if is_postgres():
        query = query.for_update(NO_KEY_UPDATE)
    appointment = query.first()
    if appointment is None:
        raise NotFound(f"No encontré la cita #{number}.")
    return appointment


def _free_staff_at(org, service, start, clock, location, exclude=None) -> list[Staff]:
    """Staff who can take service at start, least busy first; the lock re-checks them."""
    tz = ZoneInfo(org.timezone)
    day = start.astimezone(tz).date()
    for slot in free_slots(
        org,
        service,
        day,
        1,
        clock=clock,
        location=location,
        exclude_appointment=exclude,
        enforce_notice=False,
    ):
        if slot.start == start:
            by_id = {m.id: m for m in Staff.select().where(Staff.id.in_(slot.staff_ids))}
            return [by_id[i] for i in slot.staff_ids]
    staff = capable_staff(org, service, location, None)
    if not staff:
        raise BookingConflict(f"Nadie en el equipo ofrece {service.name} por ahora.")
    return staff


def _claim(org, service, start, candidates, location, exclude=None) -> tuple[Staff, int | None]:
    """Lock the candidates and spots, then return the first staff member and spot still free."""
    spot_ids = capable_spots(org, service, location)
    if is_postgres():
        ids = sorted({m.id for m in candidates})
        list(
            Staff.select(Staff.id)
            .where(Staff.id.in_(ids))
            .order_by(Staff.id)
            .for_update(NO_KEY_UPDATE)
        )
        if spot_ids:
            list(
                Spot.select(Spot.id)
                .where(Spot.id.in_(spot_ids))
                .order_by(Spot.id)
                .for_update(NO_KEY_UPDATE)
            )
    end = start + dt.timedelta(minutes=service.duration_min)
    busy_until = end + dt.timedelta(minutes=service.buffer_min)
    errors: list[BookingConflict] = []
    for member in candidates:
        try:
            _check_staff_free(org, member, service, start, end, busy_until, location, exclude)
            spot = _free_spot(service, spot_ids, start, busy_until, exclude)
            return member, spot
        except BookingConflict as error:
            errors.append(error)
    if len(candidates) > 1:
        # Whoever is free: one person's hours explain nothing; say why nobody can take it.
        telling = [e for e in errors if not isinstance(e, OutsideHours)]
        if not telling:
            raise OutsideHours(_nobody_working(org, service, start, end, location))
        if isinstance(telling[0], StaffBusy):
            raise StaffBusy("Ese horario ya no está disponible.")
        raise telling[0]
    raise errors[0] if errors else BookingConflict("Ese horario ya no está disponible.")


def _nobody_working(org, service, start, end, location) -> str:
    """Why nobody works at [start, end): the business is closed that day, that hour, or
    nobody who offers the service works then."""
    tz = ZoneInfo(org.timezone)
    day = start.astimezone(tz).date()
    ranges = day_ranges(load_hours(location.hours), day, tz)
    if not ranges:
        return f"El {fmt.day(day)} el negocio está cerrado."
    opened = [(a, b) for a, b in ranges if a <= start < b]
    if opened and end > opened[0][1]:
        close = fmt.at_clock(opened[0][1], org.timezone)
        return f"{service.name} dura {service.duration_min} min y el negocio cierra {close}."
    if not opened:
        spans = " y ".join(
            f"de {fmt.clock_time(a, org.timezone)} a {fmt.clock_time(b, org.timezone)}"
            for a, b in ranges
        )
        return f"A esa hora el negocio está cerrado; ese día abre {spans}."
    return f"Nadie que haga {service.name} trabaja a esa hora."


def _check_staff_free(org, member, service, start, end, busy_until, location, exclude) -> None:
    tz = ZoneInfo(org.timezone)
    if not service_by(member, service):
        raise BookingConflict(f"{member.name} no ofrece {service.name}.")
    hours = working_hours(
        load_hours(location.hours), load_hours(member.hours) if member.hours else None
    )
    day = start.astimezone(tz).date()
    if not any(a <= start and end <= b for a, b in day_ranges(hours, day, tz)):
        raise OutsideHours(
            f"{member.name} no atiende a esa hora. Revisa el horario: "
            f"{fmt.when(start, org.timezone)} está fuera de su horario."
        )
    block = (
        TimeBlock.select()
        .where(
            TimeBlock.org == org,
            (TimeBlock.staff == member) | TimeBlock.staff.is_null(),
            (TimeBlock.location.is_null()) | (TimeBlock.location == location),
            TimeBlock.start_at < busy_until,
            TimeBlock.end_at > start,
        )
        .first()
    )
    if block is not None:
        if block.staff_id is None:
            reason = f" ({block.reason})" if block.reason else ""
            raise Blocked(f"El negocio está cerrado a esa hora{reason}.")
        raise Blocked(f"{member.name} no está disponible a esa hora.")
    if _overlapping(Appointment.staff == member, start, busy_until, exclude).exists():
        raise StaffBusy(f"{member.name} ya tiene una cita a esa hora.")


def service_by(member: Staff, service: Service) -> bool:
    return (
        StaffService.select()
        .where(StaffService.staff == member, StaffService.service == service)
        .exists()
    )


def _free_spot(service, spot_ids, start, busy_until, exclude) -> int | None:
    """The id of the first capable spot nobody uses over the time, in preference order."""
    if spot_ids is None:
        return None
    busy = {
        spot_id
        for (spot_id,) in _overlapping(Appointment.spot.in_(spot_ids), start, busy_until, exclude)
        .select(Appointment.spot)
        .tuples()
    }
    for spot_id in spot_ids:
        if spot_id not in busy:
            return spot_id
    raise SpotBusy(f"No hay lugar disponible para {service.name} a esa hora.")


def _overlapping(scope, start, busy_until, exclude):
    query = Appointment.select(Appointment.id).where(
        scope,
        Appointment.status.in_(Appointment.ACTIVE),
        Appointment.start_at < busy_until,
        Appointment.busy_until > start,
    )
    if exclude is not None:
        query = query.where(Appointment.id != exclude)
    return query
