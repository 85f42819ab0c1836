"""Secrets out of everything a person other than their owner can read.

A login link or code goes to one phone; transcripts, the outbox, the dashboard, the admin, the
API and the logs hold the message with the secret replaced. Two nets: the exact secrets a turn
issued (`Secrets`), and patterns for what looks like one (a login link, a calendar feed's
address), for text that reaches a log from anywhere.
"""

from __future__ import annotations

import re

LINK = "[enlace de acceso]"
CODE = "[código de acceso]"
FEED = "[calendario privado]"

LOGIN_LINK = re.compile(r"\S*/login/[A-Za-z0-9_\-]{16,}")
FEED_PATH = re.compile(r"/calendario/(negocio|persona)/[A-Za-z0-9_\-]{8,}\.ics")


def redact(text: str | None) -> str:
    """text with anything that looks like a login link or a private feed address hidden."""
    if not text:
        return text or ""
    text = LOGIN_LINK.sub(LINK, text)
    return FEED_PATH.sub(lambda m: f"/calendario/{m.group(1)}/{FEED}", text)


class Secrets:
    """The secrets issued while answering one message, to hide in what is stored of it."""

    def __init__(self) -> None:
        self._hidden: dict[str, str] = {}

    def keep(self, secret: str, placeholder: str = LINK) -> str:
        """Note a secret that is about to be said; return it unchanged."""
        self._hidden[secret] = placeholder
        return secret

    def hide(self, text: str | None) -> str:
        text = text or ""
        for secret, placeholder in self._hidden.items():
            text = text.replace(secret, placeholder)
        return redact(text)
