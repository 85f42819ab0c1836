"""What the jobs run with: settings, a clock and a sender, chosen in one place.

An rq work-horse builds its runtime from config.yaml and the environment on first use (binding
the database and subscribing the notice handlers); the in-process runner and the tests hand
theirs over with `configure`. Jobs reach it through `current()`, never through globals of
their own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from bot.channels.local_sender import LocalSender
from bot.channels.twilio_sender import Accepted, Outgoing, Seen, TwilioSender
from domain import notices
from domain.clock import Clock, SystemClock
from domain.db import connect_database
from domain.logs import configure_logging
from domain.settings import Settings, load_settings

log = logging.getLogger(__name__)


class Sender(Protocol):
    requires_templates: bool

    def send(self, message: Outgoing) -> Accepted: ...

    def recent(self, *, sender: str, recipient: str, limit: int = 50) -> list[Seen]: ...


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    sender: Sender

    @property
    def status_callback_base(self) -> str:
        return self.settings.app.public_base_url.rstrip("/") + "/webhooks/twilio/status"


def sender_for(settings: Settings) -> Sender:
    """Twilio when it is configured, else the local sender (`make run`, the simulator)."""
    twilio = settings.twilio
    if twilio.account_sid and twilio.auth_token:
        return TwilioSender(
            twilio.account_sid,
            twilio.auth_token,
            base_url=twilio.api_base_url,
            timeout=twilio.timeout_seconds,
        )
    return LocalSender()


def build(settings: Settings, *, clock: Clock | None = None, sender: Sender | None = None):
    return Runtime(settings, clock or SystemClock(), sender or sender_for(settings))


_current: Runtime | None = None


def configure(runtime: Runtime | None) -> None:
    """Use this runtime for the jobs of this process (None: build from settings again)."""
    global _current
    _current = runtime


def current() -> Runtime:
    """This process's runtime, built from config.yaml and the environment the first time."""
    global _current
    if _current is None:
        settings = load_settings()
        configure_logging(settings.app.log_level)
        connect_database(settings.database.url)
        notices.register()
        _current = build(settings)
        log.info("jobs runtime ready (sender: %s)", type(_current.sender).__name__)
    return _current
