"""Settings: defaults from config.yaml, environment overrides, clear errors."""

from __future__ import annotations

import pytest

from domain.settings import SettingsError, load_settings


def write(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_config_loads_with_embedded_defaults():
    settings = load_settings(environ={})
    assert settings.database.url.startswith("sqlite:///")
    assert settings.redis.url == "" and settings.openai.api_key == ""
    assert settings.simulator_enabled  # on a loopback address the simulator stands in
    assert settings.is_local and not settings.takes_real_traffic


def test_environment_overrides_the_file():
    settings = load_settings(
        environ={
            "DATABASE_URL": "postgresql://yume@db/yume",
            "SECRET_KEY": "s3cret",
            "TWILIO_AUTH_TOKEN": "tok",
            "TWILIO_NUMBER_POOL": "+525511112222, +525533334444",
            "OPENAI_TEMPERATURE": "0.2",
            "TWILIO_BUY_NUMBERS": "true",
        }
    )
    assert settings.database.url == "postgresql://yume@db/yume"
    assert settings.app.secret_key == "s3cret"
    assert settings.twilio.number_pool == ["+525511112222", "+525533334444"]
    assert settings.openai.temperature == 0.2 and settings.twilio.buy_numbers is True
    assert settings.simulator_enabled  # still a loopback address: the simulator stays


def test_on_a_public_host_the_simulator_is_off_unless_switched_on():
    public = {"PUBLIC_BASE_URL": "https://citas.example.mx"}
    assert not load_settings(environ=public).simulator_enabled
    assert not load_settings(environ=public).is_local
    assert load_settings(environ={**public, "SIMULATOR": "on"}).simulator_enabled
    assert not load_settings(environ={"SIMULATOR": "off"}).simulator_enabled


@pytest.mark.parametrize(
    "environ",
    [
        {"PUBLIC_BASE_URL": "https://citas.example.mx"},
        {"PUBLIC_BASE_URL": "http://203.0.113.7:8000"},
        {"TWILIO_ACCOUNT_SID": "AC" + "1" * 32},
        {"TWILIO_AUTH_TOKEN": "token"},
    ],
)
def test_real_traffic_needs_a_long_private_secret_key(environ):
    for key, problem in (
        (None, "missing"),
        ("dev-only-change-me", "public default"),
        ("short-but-mine", "shorter than 32"),
    ):
        with_key = {**environ, **({"SECRET_KEY": key} if key else {})}
        settings = load_settings(environ=with_key)
        assert settings.takes_real_traffic
        assert problem in settings.secret_key_problem()
        assert "SECRET_KEY" in settings.secret_key_problem()
    good = load_settings(environ={**environ, "SECRET_KEY": "x" * 32})
    assert good.secret_key_problem() is None


@pytest.mark.parametrize(
    "text, named",
    [
        ("app:\n  secret_kee: x\n", "app.secret_kee"),
        ("databse:\n  url: x\n", "databse"),
        ("app:\n  flood_limit_per_minute: lots\n", "app.flood_limit_per_minute"),
        ("twilio:\n  buy_numbers: maybe\n", "twilio.buy_numbers"),
        ("app:\n  default_timezone: Mars/Olympus\n", "app.default_timezone"),
        ("database:\n  url: mysql://x\n", "database.url"),
        ("app: [1, 2]\n", "app"),
    ],
)
def test_a_bad_setting_stops_startup_naming_it(tmp_path, text, named):
    with pytest.raises(SettingsError, match=named.replace(".", r"\.")):
        load_settings(write(tmp_path, text), environ={})


def test_a_bad_environment_value_is_named_too(tmp_path):
    with pytest.raises(SettingsError, match="openai.timeout_seconds"):
        load_settings(environ={"OPENAI_TIMEOUT_SECONDS": "soon"})


def test_missing_keys_take_their_defaults(tmp_path):
    settings = load_settings(write(tmp_path, "app:\n  log_level: DEBUG\n"), environ={})
    assert settings.app.log_level == "DEBUG" and settings.app.handoff_hours == 12
