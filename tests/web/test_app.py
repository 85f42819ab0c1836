"""The app factory and the health endpoint."""

from __future__ import annotations

import pytest

from domain.settings import load_settings
from web import create_app


@pytest.fixture
def settings(database_url):
    """The shipped defaults with only the database changed."""
    return load_settings(environ={"DATABASE_URL": database_url})


def test_health_reports_the_database(settings):
    response = create_app(settings).test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_health_fails_when_redis_is_configured_but_down(settings):
    app = create_app(settings.replace(redis={"url": "redis://127.0.0.1:1/0"}))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["redis"] == "unreachable" and response.json["database"] == "ok"


def test_demo_command_seeds_once(settings):
    runner = create_app(settings).test_cli_runner()
    first = runner.invoke(args=["demo", "--if-empty"])
    assert "Estética Luna creada" in first.output
    again = runner.invoke(args=["demo", "--if-empty"])
    assert "no se crea" in again.output
