"""Notices that booking changes cause, written to the outbox inside the change's transaction.

Owners hear about new bookings, cancellations, moves and hand-off requests (each switchable per
business), except about what they did themselves and what the system did (seed data,
imports). Customers hear when the business, not they, cancels or moves their appointment.
Reminders already planned for an old time are cancelled here; the reminder scan plans the new
ones. Handlers only write rows: the network is the dispatcher's job, after commit.
"""

from __future__ import annotations

import datetime as dt

from domain import events, notice_texts, outbox
from domain.models import (
    Appointment,
    Conversation,
    Customer,
    Notification,
    Organization,
    Staff,
)
from domain.notice_texts import Text

REMINDER_KINDS = ("reminder", "reminder_2h")
OPTIONAL_KINDS = (*REMINDER_KINDS, "thank_you", "rebook_nudge")  # not sent after "baja"


def register() -> None:
    """Subscribe the handlers to the booking events (idempotent)."""
    events.subscribe(events.AppointmentBooked, on_booked)
    events.subscribe(events.AppointmentRescheduled, on_rescheduled)
    events.subscribe(events.AppointmentCancelled, on_cancelled)


def on_booked(event: events.AppointmentBooked) -> None:
    appointment = _load(event.appointment_id)
    if appointment.org.notify_new_booking:
        notice = notice_texts.owner_new_booking(appointment, event.actor)
        _to_owners(appointment, "owner_new_booking", notice, event.actor, appointment.created_at)


def on_rescheduled(event: events.AppointmentRescheduled) -> None:
    appointment = _load(event.appointment_id)
    now = appointment.scheduled_at
    cancel_reminders(appointment, now, "la cita cambió de hora")
    stamp = outbox.stamp(appointment.start_at)
    if appointment.org.notify_reschedule:
        notice = notice_texts.owner_reschedule(appointment, event.actor, event.previous_start)
        _to_owners(appointment, "owner_reschedule", notice, event.actor, now, suffix=stamp)
    if not events.by_customer(event.actor):
        notice = notice_texts.customer_moved(appointment, event.previous_start)
        _to_customer(appointment, "customer_moved", notice, now, f"{appointment.id}:{stamp}")


def on_cancelled(event: events.AppointmentCancelled) -> None:
    appointment = _load(event.appointment_id)
    now = appointment.cancelled_at
    cancel_reminders(appointment, now, "la cita se canceló")
    if appointment.org.notify_cancellation:
        notice = notice_texts.owner_cancellation(appointment, event.actor, event.reason)
        _to_owners(appointment, "owner_cancellation", notice, event.actor, now)
    if not events.by_customer(event.actor) and appointment.start_at > now:
        notice = notice_texts.customer_cancelled(appointment, event.reason)
        _to_customer(appointment, "customer_cancelled", notice, now, str(appointment.id))


def handoff_requested(
    org: Organization, customer_or_phone: Customer | str, conversation: Conversation, now
) -> list[Notification]:
    """Tell the owners that a customer asked for a person (when switched on for the business)."""
    if not org.notify_handoff:
        return []
    customer = customer_or_phone if isinstance(customer_or_phone, Customer) else None
    if customer is not None and customer.org_id != org.id:
        customer = None  # another business's record: its name is not this business's to show
    name = customer.name if customer else ""
    phone = (customer.phone if customer else None) or conversation.phone
    if isinstance(customer_or_phone, str):
        phone = customer_or_phone
    notice = notice_texts.owner_handoff(name, phone)
    written = []
    for owner in owners(org):
        row = outbox.enqueue(
            org=org,
            recipient=owner.phone,
            staff=owner,
            customer=customer,
            kind="owner_handoff",
            body=notice.body,
            variables=notice.variables,
            dedup_key=f"owner_handoff:conversation:{conversation.id}:{outbox.stamp(now)}"
            f":staff:{owner.id}",
            now=now,
        )
        written += [row] if row else []
    return written


def owners(org: Organization) -> list[Staff]:
    """The business's active owners who have a WhatsApp number."""
    return list(
        Staff.select()
        .where(
            Staff.org == org,
            Staff.role == "owner",
            Staff.active == True,  # noqa: E712 - peewee builds SQL from ==
            Staff.phone.is_null(False),
        )
        .order_by(Staff.id)
    )


def cancel_reminders(appointment: Appointment, now: dt.datetime, reason: str) -> int:
    """Withdraw the appointment's reminders that nobody has started sending."""
    return (
        Notification.update(status="cancelled", last_error=reason, updated_at=now)
        .where(
            Notification.appointment == appointment,
            Notification.kind.in_(REMINDER_KINDS),
            Notification.status == "pending",
        )
        .execute()
    )


def _to_owners(appointment, kind: str, notice: Text, actor: str, now, suffix: str = "") -> None:
    """Write one notice per owner.

    The row's foreign key to the owner's Staff row takes a KEY SHARE lock inside the booking
    transaction; booking locks staff and spots FOR NO KEY UPDATE, which does not conflict
    with it, so concurrent bookings cannot deadlock on it.
    """
    if actor == events.SYSTEM:
        return  # seed data and imports are not news to the owner
    acting = _acting_staff_id(actor)
    for owner in owners(appointment.org):
        if owner.id == acting:
            continue  # nobody needs to be told what they just did
        key = f"{kind}:appointment:{appointment.id}" + (f":{suffix}" if suffix else "")
        outbox.enqueue(
            org=appointment.org,
            recipient=owner.phone,
            staff=owner,
            customer=appointment.customer,
            appointment=appointment,
            kind=kind,
            body=notice.body,
            variables=notice.variables,
            dedup_key=f"{key}:staff:{owner.id}",
            now=now,
        )


def _to_customer(appointment, kind: str, notice: Text, now, key: str) -> None:
    if not appointment.customer.phone:
        return  # a walk-in recorded without a number
    outbox.enqueue(
        org=appointment.org,
        recipient=appointment.customer.phone,
        customer=appointment.customer,
        appointment=appointment,
        kind=kind,
        body=notice.body,
        variables=notice.variables,
        dedup_key=f"{kind}:appointment:{key}",
        now=now,
    )


def _acting_staff_id(actor: str) -> int | None:
    kind, _, ident = actor.partition(":")
    return int(ident) if kind in ("staff", "dashboard") and ident.isdigit() else None


def _load(appointment_id: int) -> Appointment:
    """The appointment with its business, service, staff member and customer, in one query."""
    return (
        Appointment.with_people()
        .select_extend(Organization)
        .join(Organization, on=(Appointment.org == Organization.id))
        .where(Appointment.id == appointment_id)
        .get()
    )
