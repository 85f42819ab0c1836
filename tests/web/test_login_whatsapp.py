"""Logging in through real WhatsApp: outside the 24-hour window the login page gets a code
that WhatsApp allows (an authentication template), with the real twilio client against the
fake Twilio server."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from domain import notice_templates
from domain.models import LoginCode, Notification
from tests.conftest import TEMPLATES
from tests.factories import salon, staff
from tests.jobs.helpers import dispatch, wrote_at
from tests.web.conftest import Visitor, text_of

LOGIN_CODE = "HX" + "a" * 32
LOGIN_LINK = "HX" + "b" * 32


@pytest.fixture
def twilio_settings(twilio_settings):
    return twilio_settings.replace(twilio={"templates": {**TEMPLATES, "login_code": LOGIN_CODE}})


@pytest.fixture
def app(twilio_settings, clock, database):
    from web import create_app

    app = create_app(twilio_settings, clock=clock)
    app.config["TESTING"] = True
    return app


@pytest.fixture
def org(database):
    return salon()


@pytest.fixture
def owner_phone(org, runtime, clock):
    ana = staff(org, "Ana")
    wrote_at(org, ana.phone, clock.now() - dt.timedelta(hours=25))  # silent for 25 hours
    return ana.phone


def code_sent_to(fake_twilio, phone) -> str:
    [message] = fake_twilio.sent_to(phone)
    assert message["content_sid"] == LOGIN_CODE
    return message["content_variables"]["1"]


def test_a_silent_owner_gets_a_code_that_logs_her_in(
    app, clock, runtime, fake_twilio, owner_phone
):
    visitor = Visitor(app.test_client(), clock)
    asked = visitor.post("/login", {"phone": owner_phone})
    assert "código de 6 dígitos" in text_of(asked)
    dispatch(runtime)
    code = code_sent_to(fake_twilio, owner_phone)
    assert len(code) == 6 and code.isdigit()
    row = Notification.get(Notification.kind == "login_link")
    assert row.status == "sent" and row.template_sid == LOGIN_CODE
    assert code not in row.body + json.dumps(row.variables)  # only the phone saw it
    assert code not in LoginCode.get().code_hash
    entered = visitor.post("/login/codigo", {"phone": owner_phone, "code": code})
    assert entered.status_code == 302 and entered.headers["Location"].endswith("/panel/agenda/")
    assert "Estética Luna" in text_of(visitor.get("/panel/agenda/"))


def test_five_wrong_codes_lock_that_phone_for_a_while(
    app, clock, runtime, fake_twilio, owner_phone
):
    visitor = Visitor(app.test_client(), clock)
    visitor.post("/login", {"phone": owner_phone})
    dispatch(runtime)
    code = code_sent_to(fake_twilio, owner_phone)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        answer = visitor.post("/login/codigo", {"phone": owner_phone, "code": wrong})
        assert answer.status_code == 422 and "no es válido" in text_of(answer)
    locked = visitor.post("/login/codigo", {"phone": owner_phone, "code": code})
    assert locked.status_code == 429 and int(locked.headers["Retry-After"]) > 0
    assert visitor.get("/panel/agenda/").status_code == 302
    # Another address cannot try for that phone either.
    elsewhere = Visitor(app.test_client(), clock)
    again = elsewhere.post(
        "/login/codigo",
        {"phone": owner_phone, "code": code},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert again.status_code == 429


def test_inside_the_window_the_link_goes_as_text(
    app, clock, runtime, fake_twilio, org, owner_phone
):
    wrote_at(org, owner_phone, clock.now() - dt.timedelta(hours=2))
    Visitor(app.test_client(), clock).post("/login", {"phone": owner_phone})
    dispatch(runtime)
    [message] = fake_twilio.sent_to(owner_phone)
    assert message["content_sid"] is None and "/login/" in message["body"]


def test_a_login_that_lacked_its_template_goes_once_it_is_configured(
    settings, fake_twilio, clock, database
):
    from scheduler import runtime as jobs_runtime
    from web import create_app

    org = salon()
    ana = staff(org, "Ana")
    without = settings.replace(
        twilio={"api_base_url": fake_twilio.url, "templates": {"staff_invitation": "HX1"}}
    )
    app = create_app(without, clock=clock)
    Visitor(app.test_client(), clock).post("/login", {"phone": ana.phone})
    dispatch(jobs_runtime.build(without, clock=clock))
    row = Notification.get(Notification.kind == "login_link")
    assert row.status == "failed" and "«login_code»" in row.last_error
    clock.advance(minutes=2)
    configured = without.replace(
        twilio={"api_base_url": fake_twilio.url, "templates": {"login_code": LOGIN_CODE}}
    )
    create_app(configured, clock=clock)  # a restart with the template
    dispatch(jobs_runtime.build(configured, clock=clock))
    assert Notification.get_by_id(row.id).status == "sent"
    assert code_sent_to(fake_twilio, ana.phone)


def test_an_old_login_is_not_sent_late(settings, fake_twilio, clock, database):
    from scheduler import runtime as jobs_runtime
    from web import create_app

    ana = staff(salon(), "Ana")
    without = settings.replace(twilio={"api_base_url": fake_twilio.url, "templates": {}})
    app = create_app(without, clock=clock)
    Visitor(app.test_client(), clock).post("/login", {"phone": ana.phone})
    dispatch(jobs_runtime.build(without, clock=clock))
    clock.advance(hours=1)
    configured = without.replace(
        twilio={"api_base_url": fake_twilio.url, "templates": {"login_code": LOGIN_CODE}}
    )
    create_app(configured, clock=clock)
    dispatch(jobs_runtime.build(configured, clock=clock))
    assert Notification.get().status == "failed" and fake_twilio.sent_to(ana.phone) == []


def test_the_templates_command_lists_every_kind_that_may_go_outside_the_window(app):
    result = app.test_cli_runner().invoke(args=["templates", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert {t["kind"] for t in listed} == notice_templates.needing_templates()
    for template in listed:
        assert template["language"] == "es_MX"
        assert template["category"] in ("utility", "authentication", "marketing")
        assert "{{1}}" in template["body"] and "{{" not in template["example"]
    by_name = {t["name"]: t for t in listed}
    assert by_name["login_code"]["category"] == "authentication"
    assert any(
        "https://yume.example.mx/login/{{2}}" in b for b in by_name["login_link"]["buttons"]
    )
    text = app.test_cli_runner().invoke(args=["templates"]).output
    lines = [line for line in text.splitlines() if " | " in line]
    assert [line.split(" | ")[0] for line in lines] == [t["kind"] for t in listed]
    assert all(
        f"plantilla {t['name']} | {t['category']} | es_MX" in line
        for line, t in zip(lines, listed, strict=True)
    )


def test_every_kind_the_code_sends_is_listed(database, clock):
    """The outbox refuses a kind missing from the list, so the list is complete."""
    from domain import outbox

    with pytest.raises(ValueError, match="notice_templates"):
        outbox.enqueue(
            recipient="+525511110001", kind="surprise", body="x", dedup_key="x", now=clock.now()
        )


@pytest.mark.parametrize("name", sorted(notice_templates.TEMPLATES))
def test_each_template_numbers_its_variables_one_by_one(name):
    template = notice_templates.TEMPLATES[name]
    numbers = {int(n) for n in re.findall(r"\{\{(\d+)\}\}", template.body)}
    numbers |= {int(n) for b in template.buttons for n in re.findall(r"\{\{(\d+)\}\}", b)}
    assert numbers == set(range(1, len(template.variables) + 1))
    assert len(template.example) == len(template.variables)
