"""Real headless Chromium (Debian's) driven by Playwright, on a phone and on a desktop.

The app runs on 127.0.0.1 with its public URL set to that address, so login links point at
it. Pages are served under a strict Content-Security-Policy (only the app's own scripts and
styles). Screenshots of each step go to artifacts/browser/ (not kept in git).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from domain.auth import issue_login_token
from domain.settings import ROOT

# Shared CI machines can be slow; a page waits as long for an assertion as for an action.
expect.set_options(timeout=10_000)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "browser"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "es-MX",
    "timezone_id": "America/Mexico_City",
}
DESKTOP = {
    "viewport": {"width": 1280, "height": 800},
    "locale": "es-MX",
    "timezone_id": "America/Mexico_City",
}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: run `make setup`")
        pytest.skip("chromium is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def settings(settings, free_port):
    return settings.replace(app={"public_base_url": f"http://127.0.0.1:{free_port}"})


# The policy the app will send: only its own scripts and styles, nothing inline. Every page a
# browser test opens runs under it, and a violation fails the test.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _with_csp(route):
    if route.request.resource_type != "document":
        route.fallback()
        return
    response = route.fetch(max_redirects=0)
    route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})


def open_page(chromium, base_url: str, request, screen: str = "phone"):
    """A fresh browser tab of the given screen on the running app, under the strict CSP.

    `page.shot(name)` saves a full-page screenshot under artifacts/browser/<test>-<db>-<screen>/.
    """
    options = PHONE if screen == "phone" else DESKTOP
    context = chromium.new_context(base_url=base_url, **options)
    context.route("**/*", _with_csp)
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    backend = request.node.callspec.params.get("database_url", "sqlite")
    folder = ARTIFACTS / f"{request.node.originalname}-{backend}-{screen}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    steps = iter(range(1, 100))
    page.shot = lambda name: page.screenshot(
        path=str(folder / f"{next(steps):02d}-{name}.png"), full_page=True
    )
    page.screen = screen
    page.csp_violations = violations
    page.meant_to_be_blocked = []  # what a test injects on purpose to see it refused
    return context, page


def unexpected_violations(page) -> list[str]:
    return [v for v in page.csp_violations if not any(m in v for m in page.meant_to_be_blocked)]


@pytest.fixture
def phone(chromium, live_server, request):
    """A phone-sized tab (390×844) on the running app."""
    context, page = open_page(chromium, live_server, request, "phone")
    yield page
    context.close()
    assert unexpected_violations(page) == [], page.csp_violations


@pytest.fixture(params=["phone", "desktop"])
def screen(chromium, live_server, request):
    """The same test on a phone (390×844) and on a desktop (1280×800)."""
    context, page = open_page(chromium, live_server, request, request.param)
    yield page
    context.close()
    assert unexpected_violations(page) == [], page.csp_violations


@pytest.fixture
def desktop(chromium, live_server, request):
    context, page = open_page(chromium, live_server, request, "desktop")
    yield page
    context.close()
    assert unexpected_violations(page) == [], page.csp_violations


def log_in(page, member, clock):
    """Open a login link as the WhatsApp message would carry it, and press Entrar."""
    raw = issue_login_token(member.phone, member, clock.now())
    page.goto(f"/login/{raw}")
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_url("**/panel/agenda/")
