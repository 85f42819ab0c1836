"""Typed business errors. Each carries a Spanish message that can be shown as is."""

from __future__ import annotations


class DomainError(Exception):
    """A request the business rules refuse; str(error) is the Spanish explanation."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    """The record does not exist in this business (or belongs to another one)."""


class BookingConflict(DomainError):
    """The time is taken or not bookable."""


class StaffBusy(BookingConflict):
    pass


class SpotBusy(BookingConflict):
    pass


class OutsideHours(BookingConflict):
    pass


class Blocked(BookingConflict):
    pass


class TooSoon(BookingConflict):
    pass


class TooFar(BookingConflict):
    pass


class PastCutoff(DomainError):
    """Too close to the appointment for the customer to change or cancel it."""


class InvalidState(DomainError):
    """The appointment's status does not allow the change."""


class InvalidInput(DomainError):
    """A value a person gave cannot be used."""
