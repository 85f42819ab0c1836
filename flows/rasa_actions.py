"""Yume's booking logic as Rasa custom actions, for teams that already run Rasa.

Serve them with `make actions` (python -m rasa_sdk --actions flows.rasa_actions). The business
comes from the `business_code` slot (or `business_id`); the customer is the tracker's
sender_id, a phone number. Actions only collect replies on the dispatcher and return events;
the same slot validators (flows.validation) run in Yume's own flows.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from domain import booking, customers, fmt
from domain.availability import free_slots
from domain.clock import SystemClock
from domain.db import db
from domain.errors import DomainError
from domain.models import Service, Staff
from domain.phones import normalize_phone
from flows.validation import (
    ValidateBookingForm,  # noqa: F401 - served by the action server
    as_date,
    as_time,
    business_for,
    ensure_database,
)

CLOCK = SystemClock()


class _BusinessAction(Action, ABC):
    """Resolve the business and the customer's phone, then do the work in one place."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ensure_database()
        org = business_for(tracker)
        if org is None:
            dispatcher.utter_message(text="No encontré el negocio de esta conversación.")
            return []
        phone = normalize_phone(tracker.sender_id)
        try:
            return self.work(dispatcher, tracker, org, phone)
        except DomainError as error:
            dispatcher.utter_message(text=error.message)
            return []
        finally:
            db.close()

    @abstractmethod
    def work(self, dispatcher, tracker, org, phone) -> list[dict[str, Any]]:
        """The action itself, for one business and one customer phone."""


class ActionCheckAvailability(_BusinessAction):
    def name(self) -> str:
        return "action_check_availability"

    def work(self, dispatcher, tracker, org, phone):
        service = Service.get_or_none(
            Service.org == org, Service.id == tracker.get_slot("service")
        )
        day = as_date(tracker.get_slot("date"))
        if service is None or day is None:
            dispatcher.utter_message(text="Necesito el servicio y el día para buscar horarios.")
            return []
        staff = tracker.get_slot("staff")
        times = free_slots(
            org, service, day, 1, clock=CLOCK, staff_id=staff if isinstance(staff, int) else None
        )
        found = [fmt.clock_time(s.start, org.timezone) for s in times[:12]]
        text = ", ".join(found) if found else "ya no hay horarios ese día"
        dispatcher.utter_message(text=f"{service.name} el {fmt.day(day)}: {text}.")
        return [SlotSet("free_times", [s.start.isoformat() for s in times])]


class ActionBookAppointment(_BusinessAction):
    def name(self) -> str:
        return "action_book_appointment"

    def work(self, dispatcher, tracker, org, phone):
        service = Service.get_or_none(
            Service.org == org, Service.id == tracker.get_slot("service")
        )
        day, at = as_date(tracker.get_slot("date")), as_time(tracker.get_slot("time"))
        if phone is None or service is None or day is None or at is None:
            dispatcher.utter_message(text="Me falta información para agendar.")
            return []
        staff_slot = tracker.get_slot("staff")
        member = (
            Staff.get_or_none(Staff.org == org, Staff.id == staff_slot)
            if isinstance(staff_slot, int)
            else None
        )
        customer = customers.customer_for_phone(org, phone, now=CLOCK.now())
        if tracker.get_slot("customer_name"):
            customers.set_name(customer, tracker.get_slot("customer_name"))
        start = dt.datetime.combine(day, at, tzinfo=ZoneInfo(org.timezone)).astimezone(dt.UTC)
        appointment = booking.book(
            org, customer=customer, service=service, staff=member, start=start, clock=CLOCK
        )
        dispatcher.utter_message(
            text=fmt.sentence(
                f"¡Listo! {service.name} con {appointment.staff.name}, "
                f"{fmt.when(appointment.start_at, org.timezone)}"
            )
        )
        return [SlotSet("appointment_number", appointment.number)]


class ActionListAppointments(_BusinessAction):
    def name(self) -> str:
        return "action_list_appointments"

    def work(self, dispatcher, tracker, org, phone):
        customer = customers.customer_for_phone(org, phone, now=CLOCK.now()) if phone else None
        mine = customers.upcoming(org, customer, CLOCK.now()) if customer else []
        if not mine:
            dispatcher.utter_message(text="No tienes citas próximas.")
        for a in mine:
            when = fmt.when(a.start_at, org.timezone)
            dispatcher.utter_message(
                text=f"#{a.number} {a.service.name} con {a.staff.name} — {when}"
            )
        return [SlotSet("appointment_numbers", [a.number for a in mine])]


class ActionCancelAppointment(_BusinessAction):
    def name(self) -> str:
        return "action_cancel_appointment"

    def work(self, dispatcher, tracker, org, phone):
        number = tracker.get_slot("appointment_number")
        appointment = booking.get_appointment(org, int(number)) if number else None
        if appointment is None or appointment.customer.phone != phone:
            dispatcher.utter_message(text="No encontré esa cita entre las tuyas.")
            return []
        booking.cancel(org, appointment.number, clock=CLOCK, actor="customer")
        dispatcher.utter_message(text="Listo, cancelé tu cita.")
        return [SlotSet("appointment_number", None)]
