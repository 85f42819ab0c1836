"""Real headless Chromium (Debian's) driven by Playwright, at a phone-sized viewport.

The app runs on 127.0.0.1 with its public URL set to that address, so login links point at
it. Screenshots of each step go to artifacts/browser/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from domain.auth import issue_login_token
from domain.settings import ROOT

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


@pytest.fixture
def phone(chromium, live_server, request):
    """A fresh phone-sized browser tab on the running app; `phone.shot(name)` saves a picture."""
    context = chromium.new_context(base_url=live_server, **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    backend = request.node.callspec.params.get("database_url", "sqlite")
    folder = ARTIFACTS / f"{request.node.originalname}-{backend}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    steps = iter(range(1, 100))
    page.shot = lambda name: page.screenshot(
        path=str(folder / f"{next(steps):02d}-{name}.png"), full_page=True
    )
    yield page
    context.close()


def log_in(page, member, clock):
    """Open a login link as the WhatsApp message would carry it, and press Entrar."""
    raw = issue_login_token(member.phone, member, clock.now())
    page.goto(f"/login/{raw}")
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_url("**/panel/agenda/")
