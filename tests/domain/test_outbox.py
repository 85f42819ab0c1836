"""The outbox writes each de-duplication key once, even inside a larger transaction."""

from __future__ import annotations

import pytest

from domain import outbox
from domain.db import db
from domain.models import Notification

pytestmark = pytest.mark.usefixtures("database")


def test_the_same_key_is_written_once_and_the_transaction_goes_on(clock):
    with db.atomic():
        first = outbox.enqueue(
            recipient="+525511110001",
            kind="owner_new_booking",
            body="Nueva cita",
            dedup_key="owner_new_booking:appointment:1",
            now=clock.now(),
        )
        again = outbox.enqueue(
            recipient="+525511110001",
            kind="owner_new_booking",
            body="Nueva cita",
            dedup_key="owner_new_booking:appointment:1",
            now=clock.now(),
        )
        other = outbox.enqueue(
            recipient="+525511110001",
            kind="owner_cancellation",
            body="Cancelada",
            dedup_key="owner_cancellation:appointment:1",
            now=clock.now(),
        )
    assert first is not None and again is None and other is not None
    assert Notification.select().count() == 2
    assert {n.status for n in Notification.select()} == {"pending"}
