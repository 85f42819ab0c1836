"""rq-scheduler's periodic jobs and an rq worker drive the outbox, reminders and summaries."""

from __future__ import annotations

from rq import Queue, SimpleWorker
from rq_scheduler import Scheduler

from domain import booking
from domain.models import Notification
from scheduler import jobs
from scheduler.schedule import QUEUE, install
from tests.conftest import local
from tests.factories import customer, salon, service, staff
from tests.jobs.helpers import wrote_at

ANA = "+525511110001"
MARIANA = "+525530000001"


def test_the_periodic_jobs_are_installed_once_however_often_the_scheduler_starts(
    redis_connection,
):
    install(redis_connection)
    install(redis_connection)
    scheduler = Scheduler(queue_name=QUEUE, connection=redis_connection)
    found = {job.id: (job.func_name, job.meta["interval"]) for job in scheduler.get_jobs()}
    assert found == {
        "yume-dispatch_outbox": ("scheduler.jobs.dispatch_outbox", 10),
        "yume-scan_reminders": ("scheduler.jobs.scan_reminders", 300),
        "yume-send_daily_summaries": ("scheduler.jobs.send_daily_summaries", 300),
        "yume-plan_followups": ("scheduler.jobs.plan_followups", 900),
    }


def test_rqscheduler_and_an_rq_worker_send_notices_and_reminders(
    redis_connection, runtime, fake_twilio, clock
):
    org = salon()
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-03", "10:00"),
        clock=clock,
    )
    clock.set(local("2026-12-02", "10:00"))  # the reminder's moment
    for phone in (ANA, MARIANA):
        wrote_at(org, phone, clock.now())
    install(redis_connection)
    Scheduler(queue_name=QUEUE, connection=redis_connection).run(burst=True)
    queue = Queue(QUEUE, connection=redis_connection)
    assert queue.count == 4
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    assert [m["to"] for m in fake_twilio.messages] == [f"whatsapp:{ANA}"]  # the owner's notice
    assert Notification.get(Notification.kind == "reminder").status == "pending"  # planned
    queue.enqueue(jobs.dispatch_outbox)  # the scheduler's next round of dispatch
    SimpleWorker([queue], connection=redis_connection).work(burst=True)
    sent = {(n.kind, n.recipient) for n in Notification.select() if n.status == "sent"}
    assert sent == {
        ("owner_new_booking", ANA),
        ("reminder", MARIANA),
        ("daily_summary", ANA),  # 10:00 is still within the morning's catch-up
    }
    assert len(fake_twilio.messages) == 3
