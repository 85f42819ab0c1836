"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

Tests that touch the database take the `database` fixture (directly or through `salon`) and
run once per backend. PostgreSQL joins when TEST_DATABASE_URL is set; under CI=true it must be
reachable, or the suite fails rather than quietly testing SQLite alone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from zoneinfo import ZoneInfo

import peewee
import pytest

from domain import notices
from domain.clock import FixedClock
from domain.db import connect_database, open_database
from domain.migrate import upgrade
from domain.models import MODELS

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BACKENDS = ["sqlite", "postgres"] if TEST_DATABASE_URL else ["sqlite"]

MEXICO_CITY = ZoneInfo("America/Mexico_City")


def pytest_sessionstart(session):
    if IN_CI and not TEST_DATABASE_URL:
        raise pytest.UsageError(
            "CI=true needs TEST_DATABASE_URL: the suite runs on PostgreSQL too"
        )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A SQLite file with the schema built by the migrations, copied for each test."""
    path = tmp_path_factory.mktemp("db") / "template.db"
    database = connect_database(f"sqlite:///{path}")
    upgrade()
    database.close()
    return path


@pytest.fixture(scope="session")
def postgres_schema():
    """Rebuild the PostgreSQL test schema once, through the migrations."""
    database = open_database(TEST_DATABASE_URL)
    try:
        database.connect()
    except peewee.OperationalError as exc:
        message = f"PostgreSQL at TEST_DATABASE_URL is not reachable: {exc}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    database.execute_sql("DROP SCHEMA IF EXISTS public CASCADE")
    database.execute_sql("CREATE SCHEMA public")
    _close(database)
    migrated = connect_database(TEST_DATABASE_URL)
    upgrade()
    _close(migrated)
    return TEST_DATABASE_URL


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        path = tmp_path / "yume.db"
        shutil.copy(template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_schema")
    database = open_database(url)
    tables = ", ".join(f'"{model._meta.table_name}"' for model in MODELS)
    database.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    _close(database)
    return url


@pytest.fixture
def database(database_url):
    notices.register()
    database = connect_database(database_url)
    database.connect(reuse_if_open=True)
    yield database
    _close(database)


def _close(database) -> None:
    """Close a database handle for good, pooled connections included."""
    if not database.is_closed():
        database.close()
    if hasattr(database, "close_all"):
        database.close_all()


def local(day: str, at: str, tz: ZoneInfo = MEXICO_CITY) -> dt.datetime:
    """An aware UTC datetime from a local date and wall time: local("2026-12-03", "17:00")."""
    wall = dt.datetime.fromisoformat(f"{day}T{at}").replace(tzinfo=tz)
    return wall.astimezone(dt.UTC)


@pytest.fixture
def clock():
    """Wednesday 2 December 2026, 09:00 in Mexico City."""
    return FixedClock(local("2026-12-02", "09:00"))


TWILIO_TOKEN = "test-auth-token"
PUBLIC_URL = "https://yume.example.mx"


@pytest.fixture
def settings(database_url):
    """Settings as in production: Twilio signatures checked against the public URL."""
    from domain.settings import load_settings

    return load_settings(
        environ={
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key-of-at-least-32-characters",
            "PUBLIC_BASE_URL": PUBLIC_URL,
            "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "SIMULATOR": "on",
        }
    )


@pytest.fixture
def app(settings, clock, database):
    from web import create_app

    app = create_app(settings, clock=clock)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(app, free_port):
    """The app served on 127.0.0.1 by a werkzeug server thread; yields its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", free_port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def fake_openai():
    """A fake OpenAI-compatible server on 127.0.0.1 for the real openai client."""
    from tests.fakes.openai_server import FakeOpenAI

    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def llm_client(settings, clock, database, fake_openai):
    """A client of the app with the LLM configured to use the fake server."""
    from web import create_app

    with_llm = settings.replace(
        openai={"api_key": "test-key", "base_url": fake_openai.base_url, "timeout_seconds": 0.5}
    )
    app = create_app(with_llm, clock=clock)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture
def fake_twilio():
    """A fake Twilio REST API on 127.0.0.1 (tests/fakes/twilio_server.py), with the account
    and token of the `settings` fixture."""
    from tests.fakes.twilio_server import FakeTwilio

    fake = FakeTwilio(account_sid="AC" + "0" * 32, auth_token=TWILIO_TOKEN).start()
    yield fake
    fake.stop()


# Content SIDs of approved templates, by notification kind.
TEMPLATES = {
    "reminder": "HX" + "1" * 32,
    "reminder_2h": "HX" + "2" * 32,
    "owner_new_booking": "HX" + "3" * 32,
    "daily_summary": "HX" + "4" * 32,
}


@pytest.fixture
def twilio_settings(settings, fake_twilio):
    """Production-like settings with Twilio's API at the fake."""
    return settings.replace(
        twilio={"api_base_url": fake_twilio.url, "timeout_seconds": 5.0, "templates": TEMPLATES}
    )


@pytest.fixture
def runtime(twilio_settings, clock, fake_twilio, database):
    """The jobs' runtime: the test clock, and the real Twilio client aimed at the fake."""
    from scheduler import runtime as jobs_runtime

    fake_twilio.clock = clock
    built = jobs_runtime.build(twilio_settings, clock=clock)
    jobs_runtime.configure(built)
    yield built
    jobs_runtime.configure(None)


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")


@pytest.fixture
def redis_connection():
    """Real Redis when TEST_REDIS_URL is set (CI: it must answer), else fakeredis with Lua.

    The database is flushed before and after: give the tests a Redis database of their own.
    """
    if not TEST_REDIS_URL:
        import fakeredis

        yield fakeredis.FakeStrictRedis()
        return
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(TEST_REDIS_URL)
    try:
        connection.ping()
    except RedisError as exc:
        message = f"Redis at TEST_REDIS_URL is not reachable: {exc}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    connection.flushdb()
    yield connection
    connection.flushdb()
    connection.close()
