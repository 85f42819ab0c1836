"""What every response carries, rate limits on the API, and logs that keep secrets out."""

from __future__ import annotations

import logging

import pytest

from bot.channels.local_sender import LocalSender
from bot.channels.twilio_sender import Outgoing
from domain.auth import create_api_token
from tests.factories import salon
from web.security import RedactSecrets


@pytest.fixture
def org(database):
    return salon()


def test_pages_forbid_framing_and_foreign_scripts_and_styles(client, org):
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_no_hsts_on_plain_http(settings, clock, database):
    from web import create_app

    local = settings.replace(
        app={"public_base_url": "http://127.0.0.1:5000"}, twilio={"auth_token": ""}
    )
    response = create_app(local, clock=clock).test_client().get("/login")
    assert "Strict-Transport-Security" not in response.headers
    assert "Content-Security-Policy" in response.headers


def test_a_login_page_is_never_cached(client, org):
    assert client.get("/login/sometoken").headers["Cache-Control"] == "no-store"


def test_the_api_is_limited_per_token_with_retry_after(settings, clock, org):
    from web import create_app

    app = create_app(settings.replace(app={"api_rate_limit": "5 per minute"}), clock=clock)
    client = app.test_client()
    _, busy = create_api_token(org, "integración", clock.now())
    _, calm = create_api_token(org, "otra", clock.now())
    answers = [
        client.get("/api/v1/services", headers={"Authorization": f"Bearer {busy}"})
        for _ in range(7)
    ]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 2
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert answers[-1].get_json()["error"]["code"] == 429
    other = client.get("/api/v1/services", headers={"Authorization": f"Bearer {calm}"})
    assert other.status_code == 200


def test_request_logs_never_show_a_login_token_or_a_feed_address():
    token = "Zr8kQm3vN1xYpL0aB7cD9eF2gH4jK6mS"
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '127.0.0.1 - - "%s %s HTTP/1.1" 200 -',
        ("POST", f"/login/{token}"),
        None,
    )
    RedactSecrets().filter(record)
    assert token not in record.getMessage() and "[enlace de acceso]" in record.getMessage()
    feed = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1, "GET /calendario/negocio/%s.ics", (token,), None
    )
    RedactSecrets().filter(feed)
    assert token not in feed.getMessage()


def test_the_local_sender_logs_no_login_link(caplog):
    token = "Zr8kQm3vN1xYpL0aB7cD9eF2gH4jK6mS"
    with caplog.at_level(logging.INFO):
        LocalSender().send(
            Outgoing(
                "+525550001000",
                "+525511110001",
                body=f"Tu enlace para entrar: http://127.0.0.1:5000/login/{token}",
            )
        )
    assert "Tu enlace para entrar" in caplog.text and token not in caplog.text
