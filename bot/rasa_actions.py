"""Yume's booking logic as Rasa custom actions, for teams that already run Rasa.

Serve them with `make actions` (python -m rasa_sdk --actions bot.rasa_actions). The business
comes from the `business_code` slot (or `business_id`); the customer is the tracker's
sender_id, a phone number. Actions only collect replies on the dispatcher and return events.

Slot values arrive as Rasa produces them (Duckling instants and intervals, free Spanish text,
names in any case and with small typos); bot.rasa_slots reads them with Yume's own parser and
matcher, and the same validators the WhatsApp flows use (flows.validation) judge the result.
This module lives in bot/ because it needs both: flows may not import bot.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.rasa_slots import Reader, grain_in, number
from domain import booking, customers, fmt
from domain.availability import free_slots
from domain.clock import SystemClock
from domain.db import db
from domain.errors import DomainError
from domain.models import Appointment, Organization, Service, Staff
from domain.phones import normalize_phone
from flows import validation
from flows.validation import ANY_STAFF, business_for, ensure_database

NO_BUSINESS = "No encontré el negocio de esta conversación."
CLOCK = SystemClock()
FORM_ORDER = ("business_code", "business_id", "service", "staff", "date", "time")


class ValidateBookingForm(validation.ValidateBookingForm):
    """The booking form's validation for Rasa: read what Rasa sends, then validate as the
    flows do. It takes over the parent's action name, which is the one Rasa calls."""

    async def run(self, dispatcher, tracker, domain):
        ensure_database()
        try:
            org = business_for(tracker)
            candidates = tracker.slots_to_validate()
            if org is None:
                dispatcher.utter_message(text=NO_BUSINESS)
                return [SlotSet(name, None) for name in candidates]
            reader = Reader(org, self.clock.now())
            refused = self._read_candidates(tracker, reader, dispatcher)
            return refused + await super().run(dispatcher, tracker, domain)
        finally:
            db.close()

    def _read_candidates(self, tracker: Tracker, reader: Reader, dispatcher) -> list:
        """Replace the slot candidates with what they mean; return the ones refused here."""
        candidates = tracker.slots_to_validate()
        entities = (tracker.latest_message or {}).get("entities") or []
        read: dict[str, Any] = {}
        refused: dict[str, str] = {}
        window = None
        for name, value in candidates.items():
            if name == "service":
                _choose(read, refused, name, value, reader.service(value), Service)
            elif name == "staff":
                found = reader.staff(value)
                _choose(read, refused, name, value, ANY_STAFF if found == "any" else found, Staff)
            elif name == "date":
                moment = reader.moment(value, grain_in(entities, value))
                read[name] = moment.date.isoformat() if moment.date else value
                if moment.time is not None:  # "mañana a las 5" as one entity
                    read.setdefault("time", moment.time.strftime("%H:%M"))
            elif name == "time":
                moment = reader.moment(value, grain_in(entities, value), bare_hour=True)
                if moment.date is not None and not (read.get("date") or tracker.get_slot("date")):
                    read["date"] = moment.date.isoformat()
                if moment.time is not None:
                    read[name] = moment.time.strftime("%H:%M")
                elif moment.window is not None:
                    window, refused[name] = moment, ""
                else:
                    read[name] = value  # the validator explains it was not understood
            elif name == "customer_name":
                read[name] = reader.name(value)
            else:
                read.setdefault(name, value)
        del tracker.events[len(tracker.events) - len(candidates) :]
        for name in sorted(read, key=lambda n: FORM_ORDER.index(n) if n in FORM_ORDER else 99):
            tracker.slots[name] = read[name]
            tracker.events.append(SlotSet(name, read[name]))
        for text in refused.values():
            dispatcher.utter_message(text=text or self._window_text(tracker, window))
        return [SlotSet(name, None) for name in refused]

    def _window_text(self, tracker: Tracker, window) -> str:
        """ "en la tarde": the free times in that part of the day, to choose one."""
        (start, end), day = (
            window.window,
            window.date or validation.as_date(tracker.get_slot("date")),
        )
        if day is None:
            return "¿Qué día y a qué hora? Por ejemplo: mañana a las 5."
        org = self._org(tracker)
        tz = ZoneInfo(org.timezone)
        times = [
            s.start
            for s in self.times_on(org, tracker, day)
            if start <= s.start.astimezone(tz).time() < end
        ]
        if not times:
            return f"El {fmt.day(day)} ya no tengo lugar en ese horario. ¿Otra hora?"
        shown = ", ".join(fmt.clock_time(t, org.timezone) for t in times[:8])
        return f"El {fmt.day(day)} en ese horario tengo: {shown}. ¿Cuál te acomoda?"


def _choose(read, refused, name, value, found, model) -> None:
    """Take one match; ask which when several fit; leave the rest to the validator."""
    if isinstance(found, list):
        names = [m.name for m in model.select().where(model.id.in_(found)).order_by(model.id)]
        refused[name] = f"¿Cuál de estos? {' o '.join(names)}."
    else:
        read[name] = found if found is not None else value


class _BusinessAction(Action, ABC):
    """Resolve the business and the customer's phone, then do the work in one place."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ensure_database()
        try:
            org = business_for(tracker)
            if org is None:
                dispatcher.utter_message(text=NO_BUSINESS)
                return []
            reader = Reader(org, CLOCK.now())
            return self.work(dispatcher, tracker, org, reader, normalize_phone(tracker.sender_id))
        except DomainError as error:
            dispatcher.utter_message(text=error.message)
            return []
        finally:
            db.close()

    @abstractmethod
    def work(self, dispatcher, tracker, org, reader, phone) -> list[dict[str, Any]]:
        """The action itself, for one business and one customer phone."""


def _one(value) -> int | None:
    return value if isinstance(value, int) else None


class ActionCheckAvailability(_BusinessAction):
    def name(self) -> str:
        return "action_check_availability"

    def work(self, dispatcher, tracker, org, reader, phone):
        service = Service.get_or_none(
            Service.org == org, Service.id == _one(reader.service(tracker.get_slot("service")))
        )
        day = reader.moment(tracker.get_slot("date")).date
        if service is None or day is None:
            dispatcher.utter_message(text="Necesito el servicio y el día para buscar horarios.")
            return []
        staff_id = _one(reader.staff(tracker.get_slot("staff")))
        times = free_slots(org, service, day, 1, clock=CLOCK, staff_id=staff_id)
        found = [fmt.clock_time(s.start, org.timezone) for s in times[:12]]
        text = ", ".join(found) if found else "ya no hay horarios ese día"
        dispatcher.utter_message(text=f"{service.name} el {fmt.day(day)}: {text}.")
        return [SlotSet("free_times", [s.start.isoformat() for s in times])]


class ActionBookAppointment(_BusinessAction):
    def name(self) -> str:
        return "action_book_appointment"

    def work(self, dispatcher, tracker, org, reader, phone):
        service = Service.get_or_none(
            Service.org == org, Service.id == _one(reader.service(tracker.get_slot("service")))
        )
        day = reader.moment(tracker.get_slot("date")).date
        at = reader.moment(tracker.get_slot("time"), bare_hour=True).time
        if phone is None or service is None or day is None or at is None:
            dispatcher.utter_message(text="Me falta información para agendar.")
            return []
        member_id = _one(reader.staff(tracker.get_slot("staff")))
        member = Staff.get_or_none(Staff.org == org, Staff.id == member_id) if member_id else None
        customer = customers.customer_for_phone(org, phone, now=reader.now)
        if tracker.get_slot("customer_name"):
            customers.set_name(customer, reader.name(tracker.get_slot("customer_name")))
        start = dt.datetime.combine(day, at, tzinfo=ZoneInfo(org.timezone)).astimezone(dt.UTC)
        appointment = booking.book(
            org,
            customer=customer,
            service=service,
            staff=member,
            start=start,
            clock=CLOCK,
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

    def work(self, dispatcher, tracker, org, reader, phone):
        mine = _upcoming(org, phone, reader)
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

    def work(self, dispatcher, tracker, org, reader, phone):
        wanted = number(tracker.get_slot("appointment_number"))
        mine = _upcoming(org, phone, reader)
        if wanted is None and len(mine) == 1:
            wanted = mine[0].number  # "cancela mi cita": the only one there is
        appointment = next((a for a in mine if a.number == wanted), None)
        if appointment is None:
            text = "¿Cuál cita? Dime su número." if wanted is None and mine else None
            dispatcher.utter_message(text=text or "No encontré esa cita entre las tuyas.")
            return []
        booking.cancel(org, appointment.number, clock=CLOCK, actor="customer")
        dispatcher.utter_message(
            text=f"Listo, cancelé tu cita #{appointment.number} de {appointment.service.name}."
        )
        return [SlotSet("appointment_number", None)]


def _upcoming(org: Organization, phone: str | None, reader: Reader) -> list[Appointment]:
    if phone is None:
        return []
    customer = customers.customer_for_phone(org, phone, now=reader.now)
    return customers.upcoming(org, customer, reader.now)
