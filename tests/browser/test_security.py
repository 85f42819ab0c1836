"""What a person sees, in a real browser: a code that logs in when WhatsApp allows no link,
a simulator that never shows a login link, and pages whose own scripts and styles run under
the Content-Security-Policy while nothing else would."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import TEMPLATES
from tests.factories import salon, staff
from tests.jobs.helpers import dispatch, wrote_at

LOGIN_CODE = "HX" + "c" * 32


@pytest.fixture
def twilio_settings(twilio_settings):
    return twilio_settings.replace(twilio={"templates": {**TEMPLATES, "login_code": LOGIN_CODE}})


def watch_policy(page) -> list[str]:
    """Every Content-Security-Policy complaint the page's console shows."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def test_an_owner_silent_for_a_day_logs_in_with_the_code(
    phone, clock, database, runtime, fake_twilio
):
    org = salon()
    wrote_at(org, "+525511110001", clock.now() - dt.timedelta(hours=25))
    refused = watch_policy(phone)
    phone.goto("/login")
    phone.get_by_label("Tu WhatsApp").fill("55 1111 0001")
    phone.get_by_role("button", name="Mandarme el enlace").click()
    expect(phone.get_by_role("heading", name="Revisa tu WhatsApp")).to_be_visible()
    dispatch(runtime)
    [message] = fake_twilio.sent_to("+525511110001")
    assert message["content_sid"] == LOGIN_CODE
    phone.get_by_label("Código de 6 dígitos").fill(message["content_variables"]["1"])
    phone.shot("code")
    phone.get_by_role("button", name="Entrar con el código").click()
    expect(phone.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(phone.locator(".top .org")).to_have_text(org.name)
    phone.shot("agenda")
    assert refused == []


def test_a_wrong_code_is_said_in_spanish(phone, clock, database, runtime, fake_twilio):
    org = salon()
    wrote_at(org, "+525511110001", clock.now() - dt.timedelta(hours=25))
    phone.goto("/login")
    phone.get_by_label("Tu WhatsApp").fill("55 1111 0001")
    phone.get_by_role("button", name="Mandarme el enlace").click()
    phone.get_by_label("Código de 6 dígitos").fill("000000")
    phone.get_by_role("button", name="Entrar con el código").click()
    expect(phone.get_by_text("Ese código no es válido o ya venció")).to_be_visible()
    phone.shot("wrong-code")


def test_the_simulator_never_shows_a_login_link(phone, clock, database):
    org = salon()
    ana = staff(org, "Ana")
    phone.goto(f"/simulator?to={org.whatsapp_number.replace('+', '%2B')}")
    phone.get_by_label("Tu teléfono").fill(ana.phone)
    phone.get_by_role("button", name="Abrir chat").click()
    phone.get_by_placeholder("Escribe un mensaje").fill("panel")
    phone.get_by_role("button", name="Enviar", exact=True).click()
    expect(phone.get_by_text("Tu enlace para entrar al panel")).to_be_visible()
    phone.shot("simulator-panel")
    shown = phone.locator("body").inner_text()
    assert "[enlace de acceso]" in shown
    assert not re.search(r"/login/[A-Za-z0-9_\-]{16,}", phone.content())


def test_the_dashboards_own_scripts_and_styles_run_under_the_policy(phone, clock, database):
    org = salon()
    refused = watch_policy(phone)
    log_in(phone, staff(org, "Ana"), clock)
    for path in (
        "/panel/agenda/",
        "/panel/agenda/nueva",
        "/panel/clientes/",
        "/panel/chats/",
        "/panel/mas",
        "/panel/equipo/",
        "/panel/horario/",
        "/panel/mensajes/",
    ):
        phone.goto(path)
    phone.goto("/panel/horario/")
    # The hours page's own script still runs: typing a time opens a closed day.
    sunday = phone.locator("fieldset").filter(has_text="domingo").first
    closed = sunday.locator("input[type=checkbox]").first
    if closed.is_checked():
        sunday.locator("input[type=time]").first.fill("10:00")
        expect(closed).not_to_be_checked()
    assert refused == [], refused
    # An injected inline style or script would not run.
    phone.meant_to_be_blocked.append("Executing inline script")
    phone.goto("/panel/agenda/")
    blocked = phone.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s);"
        " return window.__ran === true; }"
    )
    assert blocked is False
