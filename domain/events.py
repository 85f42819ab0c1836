"""Domain events and a tiny synchronous bus.

Booking services publish what happened (past tense). Handlers run inside the caller's
transaction, so the outbox rows they write commit or roll back together with the change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

CUSTOMER = "customer"
SYSTEM = "system"  # seed data, imports: no person acted


@dataclass(frozen=True)
class AppointmentBooked:
    appointment_id: int
    actor: str  # "customer", "staff:<id>", "dashboard:<id>", "api"


@dataclass(frozen=True)
class AppointmentRescheduled:
    appointment_id: int
    actor: str
    previous_start: dt.datetime


@dataclass(frozen=True)
class AppointmentCancelled:
    appointment_id: int
    actor: str
    reason: str = ""


@dataclass(frozen=True)
class AppointmentConfirmed:
    appointment_id: int
    actor: str


@dataclass(frozen=True)
class AppointmentCompleted:
    appointment_id: int
    actor: str


@dataclass(frozen=True)
class AppointmentNoShow:
    appointment_id: int
    actor: str


_handlers: dict[type, list[Callable]] = defaultdict(list)


def subscribe(event_type: type, handler: Callable) -> None:
    if handler not in _handlers[event_type]:
        _handlers[event_type].append(handler)


def publish(event) -> None:
    for handler in _handlers[type(event)]:
        handler(event)


def by_customer(actor: str) -> bool:
    return actor == CUSTOMER
