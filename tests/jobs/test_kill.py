"""A real `rq worker` killed with SIGKILL in the middle of a batch: nothing lost, nothing twice.

The worker is stopped while Twilio has accepted messages whose answers never came back, with
the rest of its batch claimed but not yet sent. Once the dead worker's lease runs out, a new
dispatcher finds those messages at Twilio (and does not send them again) and sends the others.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from domain.clock import FixedClock
from domain.db import db
from domain.models import Notification
from domain.settings import ROOT
from scheduler import runtime as jobs_runtime
from scheduler.dispatch import LEASE, dispatch_due
from scheduler.schedule import QUEUE
from tests.conftest import IN_CI, PUBLIC_URL, TEST_REDIS_URL, TWILIO_TOKEN
from tests.factories import salon
from tests.jobs.helpers import notify, wrote_at

COUNT = 20
ACCEPTED_BEFORE_KILL = 7


@pytest.fixture
def redis_server(redis_connection):
    """A Redis server another process can reach (fakeredis lives inside this one)."""
    if not TEST_REDIS_URL:
        if IN_CI:
            pytest.fail("CI=true needs TEST_REDIS_URL for the worker-process tests")
        pytest.skip("a worker process needs a Redis server: set TEST_REDIS_URL")
    return TEST_REDIS_URL


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    database_url, database, twilio_settings, fake_twilio, redis_server, tmp_path
):
    from redis import Redis
    from rq import Queue

    org = salon()
    started = dt.datetime.now(dt.UTC)  # the worker process runs on the real clock
    phones = [f"+5255300{i:05d}" for i in range(COUNT)]
    for i, phone in enumerate(phones):
        wrote_at(org, phone, started)
        notify(org, phone, f"Aviso {i:02d}", started)
    db.close()
    fake_twilio.hold_after(ACCEPTED_BEFORE_KILL)
    Queue(QUEUE, connection=Redis.from_url(redis_server)).enqueue("scheduler.jobs.dispatch_outbox")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_server,
        "PUBLIC_BASE_URL": PUBLIC_URL,
        "TWILIO_ACCOUNT_SID": fake_twilio.account_sid,
        "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_API_BASE_URL": fake_twilio.url,
        "TWILIO_TIMEOUT_SECONDS": "60",
    }
    log = (tmp_path / "worker.log").open("w")
    rq = str(Path(sys.executable).parent / "rq")
    worker = subprocess.Popen(
        [rq, "worker", "--burst", "-w", "scheduler.worker.Worker", "--url", redis_server, QUEUE],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        held = fake_twilio.holding.wait(60)
        for pid in [*children(worker.pid), worker.pid]:  # the work-horse, then the worker
            os.kill(pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
        fake_twilio.release()
    assert held, (tmp_path / "worker.log").read_text()[-3000:]
    accepted = len(fake_twilio.messages)
    assert accepted > ACCEPTED_BEFORE_KILL  # at least one answer was lost with the worker

    rows = list(Notification.select())
    before = collections.Counter(n.status for n in rows)
    assert set(before) <= {"sent", "sending", "pending"} and len(rows) == COUNT  # none lost
    recorded = {n.provider_sid for n in rows if n.status == "sent"}
    assert recorded <= {m["sid"] for m in fake_twilio.messages}
    assert before["sending"] >= accepted - before["sent"]  # unrecorded ones: "maybe sent"

    clock = FixedClock(dt.datetime.now(dt.UTC))
    recovery = jobs_runtime.build(twilio_settings, clock=clock)
    assert dispatch_due(recovery).sent == 0  # the dead worker's lease still stands
    clock.advance(seconds=LEASE.total_seconds() + 60)
    report = dispatch_due(recovery)

    bodies = [m["body"] for m in fake_twilio.messages]
    assert sorted(bodies) == [f"Aviso {i:02d}" for i in range(COUNT)]  # each exactly once
    assert report.found == accepted - before["sent"]  # found at Twilio, not sent again
    assert report.sent == COUNT - accepted
    assert {n.status for n in Notification.select()} == {"sent"}
    sids = {n.provider_sid for n in Notification.select()}
    assert sids == {m["sid"] for m in fake_twilio.messages}
