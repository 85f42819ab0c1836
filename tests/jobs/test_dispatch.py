"""Outbox dispatch through the real Twilio client against the fake Twilio server."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading

import pytest

from domain.businesses import create_business
from domain.db import db
from domain.models import Conversation, Message, Notification, Organization
from scheduler import runtime as jobs_runtime
from scheduler.dispatch import LEASE, MAX_ATTEMPTS, Report, claim, deliver, dispatch_due
from tests.conftest import PUBLIC_URL, TEMPLATES
from tests.factories import salon, spec
from tests.jobs.helpers import dispatch, impatient, notify, reload, wrote_at

ANA = "+525511110001"
MARIANA = "+525530000001"


def test_a_due_notice_is_sent_once_as_text_inside_the_window(runtime, fake_twilio, clock):
    org = salon()
    wrote_at(org, ANA, clock.now() - dt.timedelta(hours=1))
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    dispatch(runtime)
    dispatch(runtime)
    [message] = fake_twilio.messages
    assert message["from"] == f"whatsapp:{org.whatsapp_number}"
    assert message["to"] == f"whatsapp:{ANA}"
    assert message["body"] == "Nueva cita #1" and message["content_sid"] is None
    assert message["status_callback"] == f"{PUBLIC_URL}/webhooks/twilio/status?n={row.id}"
    row = reload(row)
    assert (row.status, row.provider_sid, row.attempts) == ("sent", message["sid"], 1)
    assert row.sent_at == clock.now() and row.locked_until is None


def test_a_sent_notice_shows_in_the_conversation_transcript(runtime, fake_twilio, clock):
    org = salon()
    chat = wrote_at(org, ANA, clock.now() - dt.timedelta(hours=1))
    chat.flow, chat.state = "staff", "idle"
    chat.save()
    notify(org, ANA, "Nueva cita #1", clock.now())
    notify(
        org,
        MARIANA,
        "Tu cita cambió",
        clock.now(),
        kind="customer_moved",
        variables={"1": "Mariana"},
    )
    fake_twilio.templates[TEMPLATES["owner_new_booking"]] = "x"
    dispatch(runtime)
    kept = Conversation.get_by_id(chat.id)
    assert (kept.flow, kept.state, kept.updated_at) == ("staff", "idle", chat.updated_at)
    [out] = Message.select().where(Message.conversation == chat)
    assert (out.direction, out.body, out.sid) == (
        "out",
        "Nueva cita #1",
        fake_twilio.messages[0]["sid"],
    )
    assert out.org_id == org.id and out.from_number == org.whatsapp_number
    # Mariana never wrote: no template for customer_moved, so nothing to show for her.
    assert not Conversation.select().where(Conversation.phone == MARIANA).exists()


def test_outside_the_window_the_kinds_approved_template_is_sent(runtime, fake_twilio, clock):
    org = salon()
    fake_twilio.require_template(ANA)  # Twilio refuses free text here, as WhatsApp does
    wrote_at(org, ANA, clock.now() - dt.timedelta(hours=24, minutes=5))
    row = notify(
        org,
        ANA,
        "Nueva cita #1: Corte",
        clock.now(),
        variables={"1": "#1", "2": "Corte de dama con Sofía"},
    )
    dispatch(runtime)
    [message] = fake_twilio.messages
    assert message["content_sid"] == TEMPLATES["owner_new_booking"]
    assert message["content_variables"] == {"1": "#1", "2": "Corte de dama con Sofía"}
    assert json.loads(fake_twilio.message_requests()[0]["form"]["ContentVariables"]) == {
        "1": "#1",
        "2": "Corte de dama con Sofía",
    }
    row = reload(row)
    assert row.status == "sent" and row.template_sid == TEMPLATES["owner_new_booking"]
    chat = Conversation.get(Conversation.phone == ANA)
    assert Message.get(Message.conversation == chat).body == "Nueva cita #1: Corte"


def test_the_window_is_measured_on_the_sending_number(runtime, fake_twilio, clock):
    org = salon()
    other = salon()
    wrote_at(other, ANA, clock.now() - dt.timedelta(minutes=5))  # wrote to another business
    notify(org, ANA, "Nueva cita #1", clock.now())
    dispatch(runtime)
    assert fake_twilio.messages[0]["content_sid"] == TEMPLATES["owner_new_booking"]


def test_without_a_template_for_the_kind_it_fails_with_a_reason_and_is_not_sent(
    runtime, fake_twilio, clock
):
    org = salon()
    row = notify(org, MARIANA, "Tu cita cambió", clock.now(), kind="customer_moved")
    dispatch(runtime)
    clock.advance(hours=3)
    dispatch(runtime)
    row = reload(row)
    assert row.status == "failed" and fake_twilio.message_requests() == []
    assert row.last_error == (
        "fuera de la ventana de 24 horas de WhatsApp y sin plantilla aprobada para "
        "«customer_moved» (twilio.templates en config.yaml)"
    )


def test_a_business_without_its_own_number_sends_from_the_platforms(runtime, fake_twilio, clock):
    org = create_business(dataclasses.replace(spec(), whatsapp_number=None))
    notify(org, ANA, "Nueva cita #1", clock.now())
    dispatch(runtime)
    platform = runtime.settings.twilio.platform_number
    assert fake_twilio.messages[0]["from"] == f"whatsapp:{platform}"
    assert Conversation.get(Conversation.phone == ANA).channel_number == platform


def test_nothing_goes_before_it_is_due(runtime, fake_twilio, clock):
    org = salon()
    row = notify(org, ANA, "Más tarde", clock.now(), due=clock.now() + dt.timedelta(hours=1))
    dispatch(runtime)
    assert fake_twilio.messages == []
    clock.advance(minutes=59, seconds=59)
    dispatch(runtime)
    assert fake_twilio.messages == []
    clock.advance(seconds=1)
    dispatch(runtime)
    assert len(fake_twilio.messages) == 1 and reload(row).status == "sent"


@pytest.mark.parametrize(("status", "left_as"), [(500, "sending"), (429, "pending")])
def test_a_busy_or_broken_twilio_is_retried_with_backoff_then_sent_once(
    runtime, fake_twilio, clock, status, left_as
):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    fake_twilio.fail_next(status, times=2)
    dispatch(runtime)
    first = reload(row)
    assert (first.status, first.attempts) == (left_as, 1)
    assert str(status) in first.last_error
    assert first.next_attempt_at - clock.now() == pytest.approx(dt.timedelta(seconds=30), rel=0.1)
    dispatch(runtime)  # not yet: the backoff holds
    assert len(fake_twilio.message_requests()) == 1
    clock.advance(seconds=34)
    dispatch(runtime)
    second = reload(row)
    assert second.attempts == 2 and len(fake_twilio.message_requests()) == 2
    assert second.next_attempt_at - clock.now() == pytest.approx(dt.timedelta(minutes=1), rel=0.1)
    clock.advance(seconds=67)
    dispatch(runtime)
    assert len(fake_twilio.messages) == 1 and len(fake_twilio.message_requests()) == 3
    assert reload(row).status == "sent" and reload(row).last_error == ""


def test_a_timeout_after_twilio_took_the_message_does_not_send_it_twice(
    runtime, fake_twilio, clock
):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    fake_twilio.delay_next(2.0, accepted=True)
    dispatch(impatient(runtime))
    stuck = reload(row)
    assert stuck.status == "sending" and stuck.last_error == "Twilio no respondió a tiempo"
    assert len(fake_twilio.messages) == 1  # Twilio has it; we only lost the answer
    clock.advance(minutes=1)
    dispatch(runtime)
    done = reload(row)
    assert len(fake_twilio.message_requests()) == 1 and len(fake_twilio.lookups()) == 1
    assert (done.status, done.provider_sid) == ("sent", fake_twilio.messages[0]["sid"])
    assert Message.get(Message.sid == done.provider_sid).direction == "out"


def test_a_timeout_before_twilio_took_the_message_is_retried_and_sent_once(
    runtime, fake_twilio, clock
):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    fake_twilio.delay_next(2.0, accepted=False)
    dispatch(impatient(runtime))
    assert fake_twilio.messages == [] and reload(row).status == "sending"
    clock.advance(minutes=1)
    dispatch(runtime)
    assert len(fake_twilio.messages) == 1 and len(fake_twilio.message_requests()) == 2
    assert reload(row).status == "sent"


def test_the_lookup_does_not_mistake_another_message_for_the_lost_one(runtime, fake_twilio, clock):
    org = salon()
    first = notify(org, ANA, "Nueva cita #1", clock.now())
    dispatch(runtime)
    lost = notify(org, ANA, "Nueva cita #2", clock.now())
    fake_twilio.delay_next(2.0, accepted=False)
    dispatch(impatient(runtime))
    clock.advance(minutes=1)
    dispatch(runtime)  # Twilio holds only "#1", already recorded: "#2" is sent now
    assert [m["body"] for m in fake_twilio.messages] == ["Nueva cita #1", "Nueva cita #2"]
    assert reload(first).provider_sid != reload(lost).provider_sid


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (21211, "el número del destinatario no es válido (Twilio 21211)"),
        (21610, "el destinatario se dio de baja de los mensajes de este número (Twilio 21610)"),
        (
            63016,
            "fuera de la ventana de 24 horas de WhatsApp: se necesita una plantilla "
            "aprobada (Twilio 63016)",
        ),
    ],
)
def test_a_permanent_error_fails_with_its_reason_and_is_never_retried(
    runtime, fake_twilio, clock, code, reason
):
    org = salon()
    wrote_at(org, ANA, clock.now())
    fake_twilio.reject(ANA, code)
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    other = notify(org, "+525511110002", "Hola Sofía", clock.now())
    for _ in range(3):
        dispatch(runtime)
        clock.advance(hours=2)
    assert (reload(row).status, reload(row).last_error) == ("failed", reason)
    assert len([r for r in fake_twilio.message_requests() if r["form"]["To"].endswith(ANA)]) == 1
    assert reload(other).status == "sent"


@pytest.mark.parametrize("status", [429, 500])
def test_it_gives_up_after_the_last_attempt(runtime, fake_twilio, clock, status):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    fake_twilio.fail_next(status, times=50)
    for _ in range(MAX_ATTEMPTS + 3):
        dispatch(runtime)
        clock.advance(hours=1)
    row = reload(row)
    assert row.status == "failed" and len(fake_twilio.message_requests()) == MAX_ATTEMPTS
    assert row.last_error.startswith(f"no se pudo enviar después de {MAX_ATTEMPTS} intentos")


def test_a_lease_keeps_other_dispatchers_off_until_it_expires(runtime, fake_twilio, clock):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    assert [(r.id, r.attempts) for r in claim(clock.now(), 10)] == [(row.id, 1)]  # then dies
    dispatch(runtime)
    assert fake_twilio.messages == []
    clock.advance(seconds=LEASE.total_seconds())
    dispatch(runtime)
    assert len(fake_twilio.messages) == 1 and reload(row).attempts == 2


def test_a_dispatcher_that_lost_its_lease_sends_nothing(runtime, fake_twilio, clock):
    org = salon()
    notify(org, ANA, "Nueva cita #1", clock.now())
    [stale] = claim(clock.now(), 10)  # a dispatcher that stalls…
    clock.advance(seconds=LEASE.total_seconds())
    fake_twilio.fail_next(429)
    dispatch(runtime)  # …so another takes the row over, and will retry it later
    deliver(runtime, stale, Report())  # the first one wakes up: not its row any more
    assert len(fake_twilio.message_requests()) == 1 and fake_twilio.messages == []
    clock.advance(minutes=2)  # attempt 2's backoff: about a minute
    dispatch(runtime)
    assert len(fake_twilio.messages) == 1


def test_two_dispatchers_at_once_send_each_notification_once(
    twilio_settings, fake_twilio, clock, database
):
    org = salon()
    rows = [notify(org, ANA, f"Aviso {i:03d}", clock.now()) for i in range(120)]
    db.close()
    gate = threading.Barrier(2)
    reports = []

    def dispatcher():
        try:
            own = jobs_runtime.build(twilio_settings, clock=clock)  # its own HTTP client
            gate.wait()
            reports.append(dispatch_due(own, batch=7, max_seconds=60))
        finally:
            db.close()

    threads = [threading.Thread(target=dispatcher) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    bodies = [m["body"] for m in fake_twilio.messages]
    assert len(bodies) == len(set(bodies)) == len(rows)
    assert sum(r.sent for r in reports) == len(rows)
    assert {n.status for n in Notification.select()} == {"sent"}


def test_a_suspended_business_sends_nothing(runtime, fake_twilio, clock):
    org = salon()
    Organization.update(status="suspended").where(Organization.id == org.id).execute()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    dispatch(runtime)
    assert fake_twilio.messages == []
    assert (reload(row).status, reload(row).last_error) == (
        "skipped",
        "el negocio está suspendido",
    )


def test_each_business_writes_from_its_own_number_to_its_own_people(runtime, fake_twilio, clock):
    first, second = salon(), salon()
    notify(first, MARIANA, "De la primera", clock.now(), kind="agent_reply")
    notify(second, MARIANA, "De la segunda", clock.now(), kind="agent_reply")
    for org in (first, second):
        wrote_at(org, MARIANA, clock.now())
    dispatch(runtime)
    sent = {m["body"]: m["from"] for m in fake_twilio.messages}
    assert sent == {
        "De la primera": f"whatsapp:{first.whatsapp_number}",
        "De la segunda": f"whatsapp:{second.whatsapp_number}",
    }
    for org in (first, second):
        chat = Conversation.get(Conversation.channel_number == org.whatsapp_number)
        assert chat.org_id == org.id
        assert [m.org_id for m in Message.select().where(Message.conversation == chat)] == [org.id]


def test_a_row_claimed_again_and_again_without_being_sent_fails_in_the_end(
    runtime, fake_twilio, clock
):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    for _ in range(MAX_ATTEMPTS):  # dispatchers that die right after claiming it
        claim(clock.now(), 10)
        clock.advance(seconds=LEASE.total_seconds())
    dispatch(runtime)
    failed = reload(row)
    assert failed.status == "failed" and fake_twilio.message_requests() == []
    assert failed.last_error == f"no se pudo enviar después de {MAX_ATTEMPTS} intentos"


def test_a_reply_already_shown_in_the_transcript_is_completed_not_repeated(
    runtime, fake_twilio, clock
):
    org = salon()
    chat = wrote_at(org, MARIANA, clock.now())
    row = notify(org, MARIANA, "Hola Mariana, soy Ana", clock.now(), kind="agent_reply")
    shown = Message.create(  # as the dashboard shows a person's reply right away
        org=org,
        conversation=chat,
        direction="out",
        from_number=org.whatsapp_number,
        to_number=MARIANA,
        body="Hola Mariana, soy Ana",
        status="queued",
        payload={"notification": row.id, "by": "person"},
        created_at=clock.now(),
    )
    dispatch(runtime)
    [message] = Message.select().where(Message.conversation == chat, Message.direction == "out")
    assert message.id == shown.id and message.sid == fake_twilio.messages[0]["sid"]
