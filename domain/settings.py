"""Typed settings: config.yaml defaults, overridden by environment variables.

Loaded once by whoever starts a process (web app, worker, CLI) and passed down. An unknown key
or a value of the wrong type raises SettingsError naming it, so a typo stops startup instead
of being silently ignored.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = ROOT / "config.yaml"


class SettingsError(ValueError):
    """A setting is unknown or has a bad value."""


# Keys published in this repository or its history: never good enough for real traffic.
PUBLIC_SECRET_KEYS = frozenset({"", "dev-only-change-me", "change-me", "secret"})
MIN_SECRET_KEY = 32
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")


@dataclass(frozen=True)
class AppSettings:
    secret_key: str = ""
    public_base_url: str = "http://127.0.0.1:5000"
    simulator: str = "auto"
    trusted_proxies: int = 0
    session_idle_hours: int = 48
    session_max_days: int = 14
    login_outside_window: str = "code"
    login_rate_limit: str = "10 per minute"
    api_rate_limit: str = "120 per minute"
    log_level: str = "INFO"
    default_timezone: str = "America/Mexico_City"
    flood_limit_per_minute: int = 20
    conversation_idle_minutes: int = 60
    handoff_hours: int = 12
    staff_relay_hours: int = 4


@dataclass(frozen=True)
class DatabaseSettings:
    url: str = "sqlite:///instance/yume.db"


@dataclass(frozen=True)
class RedisSettings:
    url: str = ""


@dataclass(frozen=True)
class TwilioSettings:
    account_sid: str = ""
    auth_token: str = ""
    api_base_url: str = ""
    platform_number: str = "+525500000000"
    number_pool: list[str] = field(default_factory=list)
    buy_numbers: bool = False
    templates: dict[str, str] = field(default_factory=dict)
    timeout_seconds: float = 10.0


@dataclass(frozen=True)
class OpenAISettings:
    api_key: str = ""
    base_url: str = ""
    model: str = "gpt-4o-mini"
    temperature: float | None = None
    timeout_seconds: float = 4.0


@dataclass(frozen=True)
class PlatformSettings:
    operators: list[str] = field(default_factory=list)
    demo_business: bool = True
    # What Yume costs, in the operator's words: the answer to an owner who asks while setting
    # up a business ("¿cuánto cuesta Yume?").
    pricing: str = (
        "Crear tu negocio en Yume no tiene costo. Si más adelante hay un plan de pago, te "
        "avisamos antes de cobrarte cualquier cosa."
    )


@dataclass(frozen=True)
class Settings:
    app: AppSettings = field(default_factory=AppSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    redis: RedisSettings = field(default_factory=RedisSettings)
    twilio: TwilioSettings = field(default_factory=TwilioSettings)
    openai: OpenAISettings = field(default_factory=OpenAISettings)
    platform: PlatformSettings = field(default_factory=PlatformSettings)

    @property
    def is_local(self) -> bool:
        """Whether the public address is this machine's own (`make run`, tests)."""
        host = (urlsplit(self.app.public_base_url).hostname or "").lower()
        return host in LOOPBACK_HOSTS or host.startswith("127.")

    @property
    def takes_real_traffic(self) -> bool:
        """Configured for the outside world: an https or non-loopback address, or Twilio."""
        return (
            self.app.public_base_url.startswith("https://")
            or not self.is_local
            or bool(self.twilio.account_sid or self.twilio.auth_token)
        )

    @property
    def simulator_enabled(self) -> bool:
        """On by itself only on a loopback address; on a public host only when switched on."""
        if self.app.simulator == "auto":
            return self.is_local
        return self.app.simulator == "on"

    def secret_key_problem(self) -> str | None:
        """Why app.secret_key is unsafe for real traffic, or None."""
        key = self.app.secret_key
        if key in PUBLIC_SECRET_KEYS:
            what = "is missing" if not key else "is a public default"
            return f"SECRET_KEY {what}: set a random value of at least {MIN_SECRET_KEY} characters"
        if len(key) < MIN_SECRET_KEY:
            return f"SECRET_KEY is shorter than {MIN_SECRET_KEY} characters: set a longer one"
        return None

    def replace(self, **sections: dict) -> Settings:
        """Return a copy with some keys changed: replace(database={"url": ...})."""
        changed = {
            name: dataclasses.replace(getattr(self, name), **values)
            for name, values in sections.items()
        }
        return dataclasses.replace(self, **changed)


def env_name(section: str, key: str) -> str:
    """Name of the environment variable that overrides section.key."""
    return key.upper() if section == "app" else f"{section}_{key}".upper()


def load_settings(path: str | os.PathLike | None = None, environ=None) -> Settings:
    """Read the config file, apply environment overrides and validate every value."""
    environ = os.environ if environ is None else environ
    path = Path(path or environ.get("YUME_CONFIG") or DEFAULT_CONFIG)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{path} must hold sections such as 'app:' and 'database:'")
    return build_settings(raw, environ)


def build_settings(raw: dict, environ) -> Settings:
    sections = {f.name: f for f in dataclasses.fields(Settings)}
    unknown = set(raw) - set(sections)
    if unknown:
        raise SettingsError(f"unknown settings section: {sorted(unknown)[0]!r}")
    built = {}
    for name, section_field in sections.items():
        section_cls = section_field.default_factory
        values = raw.get(name) or {}
        if not isinstance(values, dict):
            raise SettingsError(f"settings section {name!r} must be a mapping")
        built[name] = _build_section(name, section_cls, values, environ)
    settings = Settings(**built)
    _check(settings)
    return settings


def _build_section(section: str, cls, values: dict, environ):
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - known
    if unknown:
        raise SettingsError(f"unknown setting: {section}.{sorted(unknown)[0]}")
    kwargs = {}
    for key in known:
        name = f"{section}.{key}"
        if env_name(section, key) in environ:
            kwargs[key] = _from_env(name, environ[env_name(section, key)], hints[key])
        elif key in values:
            kwargs[key] = _coerce(name, values[key], hints[key])
    return cls(**kwargs)


def _from_env(name: str, text: str, hint):
    base, optional = _unwrap_optional(hint)
    if optional and text.strip().lower() in ("", "null", "none"):
        return None
    if typing.get_origin(base) in (list, dict):
        stripped = text.strip()
        if stripped.startswith(("[", "{")):
            try:
                return _coerce(name, json.loads(stripped), hint)
            except json.JSONDecodeError as exc:
                raise SettingsError(f"setting {name}: invalid JSON in environment") from exc
        if typing.get_origin(base) is list:
            return [item.strip() for item in text.split(",") if item.strip()]
        raise SettingsError(f"setting {name}: expected a JSON object in the environment")
    if base is bool:
        lowered = text.strip().lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off", ""):
            return False
        raise SettingsError(f"setting {name}: expected true or false, got {text!r}")
    return _coerce(name, text, hint)


def _coerce(name: str, value, hint):
    base, optional = _unwrap_optional(hint)
    if value is None:
        if optional:
            return None
        raise SettingsError(f"setting {name} cannot be empty")
    origin = typing.get_origin(base)
    if origin is list:
        if not isinstance(value, list):
            raise SettingsError(f"setting {name}: expected a list")
        return [str(item) for item in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise SettingsError(f"setting {name}: expected a mapping")
        return {str(k): str(v) for k, v in value.items()}
    if base is bool:
        if not isinstance(value, bool):
            raise SettingsError(f"setting {name}: expected true or false, got {value!r}")
        return value
    try:
        if base is int and isinstance(value, float):
            raise ValueError
        return base(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name}: expected {base.__name__}, got {value!r}") from exc


def _unwrap_optional(hint):
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def _check(settings: Settings) -> None:
    if settings.app.simulator not in ("on", "off", "auto"):
        raise SettingsError("setting app.simulator: expected on, off or auto")
    if settings.app.login_outside_window not in ("code", "link"):
        raise SettingsError("setting app.login_outside_window: expected code or link")
    if settings.app.trusted_proxies < 0:
        raise SettingsError("setting app.trusted_proxies: must be zero or more")
    for name in ("login_rate_limit", "api_rate_limit"):
        if not re.fullmatch(
            r"\d+ (per|/) \d* ?(second|minute|hour|day)s?", getattr(settings.app, name)
        ):
            raise SettingsError(f"setting app.{name}: expected something like '10 per minute'")
    if settings.app.log_level.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(f"setting app.log_level: unknown level {settings.app.log_level!r}")
    try:
        ZoneInfo(settings.app.default_timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(
            f"setting app.default_timezone: unknown timezone {settings.app.default_timezone!r}"
        ) from exc
    if not settings.database.url.startswith(("sqlite:", "postgres://", "postgresql://")):
        raise SettingsError("setting database.url: expected a sqlite:// or postgresql:// URL")
    for name in (
        "flood_limit_per_minute",
        "conversation_idle_minutes",
        "handoff_hours",
        "session_idle_hours",
        "session_max_days",
    ):
        if getattr(settings.app, name) <= 0:
            raise SettingsError(f"setting app.{name}: must be greater than zero")
    for section in ("openai", "twilio"):
        if getattr(settings, section).timeout_seconds <= 0:
            raise SettingsError(f"setting {section}.timeout_seconds: must be greater than zero")
