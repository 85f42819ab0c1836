"""A reminder goes out through the real dispatcher, and the customer's one-tap answer works."""

from __future__ import annotations

import pytest

from domain import booking
from domain.models import Appointment, Notification
from scheduler.dispatch import dispatch_due
from scheduler.reminders import plan_reminders
from tests.conftest import local
from tests.conversations.chat import Chat
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")
ME = "+525530000001"


def remind(org, clock, runtime, fake_twilio):
    """Book Friday 17:00 on Wednesday, then let Thursday 17:00 come and the jobs run."""
    booking.book(
        org,
        customer=customer(org, "Mariana López", ME),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-04", "17:00"),
        clock=clock,
    )
    clock.set(local("2026-12-03", "17:00"))
    plan_reminders(clock.now())
    dispatch_due(runtime, max_seconds=30)
    sent = [m for m in fake_twilio.messages if m["to"] == f"whatsapp:{ME}"]
    assert len(sent) == 1 and Notification.get(Notification.kind == "reminder").status == "sent"
    return sent[0]


@pytest.mark.parametrize(
    "answer, then, status",
    [
        ("1", "Tu cita está confirmada", "confirmed"),
        ("3", "Cancelo tu cita", "booked"),
        ("2", "Para qué día", "booked"),
    ],
)
def test_the_answer_to_a_real_reminder(runtime, fake_twilio, clock, client, answer, then, status):
    org = salon(whatsapp_number="+525550001000")
    remind(org, clock, runtime, fake_twilio)
    reply = Chat(client, org.whatsapp_number, ME, "Mariana").say(answer)
    assert then in reply
    assert Appointment.get().status == status


def test_a_reminder_confirmed_then_cancelled_in_two_taps(runtime, fake_twilio, clock, client):
    org = salon(whatsapp_number="+525550001000")
    remind(org, clock, runtime, fake_twilio)
    chat = Chat(client, org.whatsapp_number, ME, "Mariana")
    chat.say("3")
    assert "cancelé" in chat.say("sí")
    assert Appointment.get().status == "cancelled"
