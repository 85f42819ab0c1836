"""`flask --app web doctor`: what is unsafe for a public host, named with what to do; the same
findings on the admin's configuration page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from domain.settings import ROOT
from tests.factories import salon, staff
from tests.web.conftest import Visitor, text_of

FLASK = str(Path(sys.executable).parent / "flask")
OPERATOR = "+525599990000"
GOOD_KEY = "k" * 40


def doctor(database_url: str, **environ) -> subprocess.CompletedProcess:
    """The command as an operator runs it, with only these settings in the environment."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    env.update(DATABASE_URL=database_url, **environ)
    return subprocess.run(
        [FLASK, "--app", "web", "doctor"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_fresh_local_setup_is_fine(database_url):
    result = doctor(database_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "local, todo en orden" in result.stdout
    assert "inseguro" not in result.stdout


PUBLIC = {
    "PUBLIC_BASE_URL": "https://citas.example.mx",
    "SECRET_KEY": GOOD_KEY,
    "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
    "TWILIO_AUTH_TOKEN": "token",
    "TRUSTED_PROXIES": "1",
}


@pytest.mark.parametrize(
    "unsafe, named",
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-change-me"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"TWILIO_AUTH_TOKEN": "", "TWILIO_ACCOUNT_SID": ""}, "TWILIO_AUTH_TOKEN"),
        ({"PUBLIC_BASE_URL": "http://citas.example.mx"}, "PUBLIC_BASE_URL"),
    ],
)
def test_each_unsafe_setting_on_a_public_host_is_named_and_fails(database_url, unsafe, named):
    result = doctor(database_url, **{**PUBLIC, **unsafe})
    assert result.returncode == 1, result.stdout + result.stderr
    flagged = [line for line in result.stdout.splitlines() if "inseguro" in line]
    assert any(named in line for line in flagged), result.stdout
    assert "→" in result.stdout  # with what to do


def test_a_safe_public_host_passes_with_its_warnings(database_url):
    result = doctor(database_url, **PUBLIC)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "twilio.templates" in result.stdout  # no templates configured yet: a warning
    assert "host público: funciona, con avisos" in result.stdout


def test_the_admin_shows_the_same_findings_to_operators_only(settings, clock, database):
    from web import create_app

    public = settings.replace(
        platform={"operators": [OPERATOR]}, app={"simulator": "on", "trusted_proxies": 0}
    )
    app = create_app(public, clock=clock)
    operator = Visitor(app.test_client(), clock).login(phone=OPERATOR)
    page = text_of(operator.get("/admin/configuracion"))
    assert "SIMULATOR" in page and "TRUSTED_PROXIES" in page and "aviso" in page
    assert "Revisar la configuración" in text_of(operator.get("/admin/"))
    owner = Visitor(app.test_client(), clock).login(staff(salon(), "Ana"))
    assert owner.get("/admin/configuracion").status_code == 404


def test_serving_for_real_traffic_without_a_key_exits_naming_it(database_url, free_port):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    env.update(DATABASE_URL=database_url, PUBLIC_BASE_URL="https://citas.example.mx")
    result = subprocess.run(
        [FLASK, "--app", "web", "run", "--port", str(free_port)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
