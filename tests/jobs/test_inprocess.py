"""Without Redis, `make run` runs the jobs in the web process, so the simulator shows them."""

from __future__ import annotations

from domain.models import Message, Notification
from scheduler import runtime as jobs_runtime
from tests.factories import salon
from tests.jobs.helpers import notify
from web import create_app

ANA = "+525511110001"


def local_settings(settings):
    """The embedded defaults: no Redis, no Twilio."""
    return settings.replace(twilio={"account_sid": "", "auth_token": ""}, redis={"url": ""})


def test_the_dev_server_sends_notices_itself_when_there_is_no_redis(settings, database, clock):
    org = salon()
    row = notify(org, ANA, "Nueva cita #1", clock.now())
    app = create_app(local_settings(settings), clock=clock, start_jobs=True)
    runner = app.extensions["yume.jobs"]
    try:
        assert runner.ran.wait(30)
    finally:
        runner.stop()
        jobs_runtime.configure(None)
    sent = Notification.get_by_id(row.id)
    assert sent.status == "sent" and sent.provider_sid.startswith("SMlocal")
    shown = Message.get(Message.sid == sent.provider_sid)
    assert (shown.direction, shown.body, shown.to_number) == ("out", "Nueva cita #1", ANA)


def test_no_runner_starts_unless_asked_or_when_redis_is_configured(settings, database, clock):
    assert "yume.jobs" not in create_app(local_settings(settings), clock=clock).extensions
    with_redis = local_settings(settings).replace(redis={"url": "redis://127.0.0.1:6379/1"})
    app = create_app(with_redis, clock=clock, start_jobs=True)
    assert "yume.jobs" not in app.extensions
