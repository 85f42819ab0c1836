"""Sending WhatsApp messages through Twilio's REST API with the real `twilio` client.

Besides sending, the adapter says what a failure means for a retry, because that is what keeps
a message from being lost or sent twice:
  RETRY      Twilio certainly did not take the message (429, refused connection): send again.
  UNKNOWN    Twilio may have taken it (timeout, 5xx, a connection cut mid-answer): look at
             what Twilio holds (`recent`) before sending again.
  PERMANENT  it would fail again (invalid or unsubscribed number, template needed or
             rejected, any other refusal of the request): do not retry.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.request
from dataclasses import dataclass

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from domain.phones import whatsapp_address

log = logging.getLogger(__name__)

# What Twilio's error codes mean, for the person who reads a notification's status. Codes of
# a refused request (21xxx, 63016…) and of a failed delivery reported later (30xxx, 63xxx).
ERROR_TEXTS = {
    21211: "el número del destinatario no es válido",
    21408: "Twilio no tiene permiso para enviar a esa región",
    21610: "el destinatario se dio de baja de los mensajes de este número",
    21612: "Twilio no puede enviar de este número a ese destinatario",
    21614: "el número no puede recibir mensajes",
    21656: "las variables de la plantilla no son válidas",
    63003: "el número no tiene WhatsApp",
    63016: "fuera de la ventana de 24 horas de WhatsApp: se necesita una plantilla aprobada",
    63024: "el destinatario no es válido en WhatsApp",
    63027: "la plantilla no existe o no está aprobada",
    63028: "la plantilla no recibió todas sus variables",
    30003: "el teléfono del destinatario no está disponible",
    30005: "el número del destinatario no existe",
    30006: "el número no puede recibir mensajes",
    30007: "el operador filtró el mensaje",
    30008: "error desconocido al entregar el mensaje",
    63049: "WhatsApp decidió no entregar este mensaje",
}


def describe_error(code: int | None, message: str = "") -> str:
    """ "el número del destinatario no es válido (Twilio 21211)"."""
    text = ERROR_TEXTS.get(code) if code is not None else None
    text = text or (f"Twilio rechazó el mensaje: {message}" if message else "error de Twilio")
    return f"{text} (Twilio {code})" if code is not None else text


@dataclass(frozen=True)
class Outgoing:
    sender: str  # E.164: the business's number, or the platform's
    recipient: str  # E.164
    body: str = ""
    content_sid: str | None = None  # an approved template, outside the 24-hour window
    variables: dict[str, str] | None = None
    status_callback: str | None = None
    persistent_action: tuple[str, ...] = ()  # "geo:19.4,-99.1|label": a WhatsApp map pin


@dataclass(frozen=True)
class Accepted:
    sid: str
    status: str  # queued, accepted, sent…


@dataclass(frozen=True)
class Seen:
    """A message Twilio holds, as its Messages list shows it."""

    sid: str
    body: str
    created_at: dt.datetime | None
    status: str


class SendFailed(Exception):
    PERMANENT = "permanent"
    RETRY = "retry"
    UNKNOWN = "unknown"

    def __init__(self, reason: str, outcome: str, code: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.outcome = outcome
        self.code = code


def rest_client(account_sid: str, auth_token: str, *, base_url="", timeout=10.0) -> Client:
    """The real twilio client, aimed at base_url when given (a fake server in tests)."""
    logging.getLogger("twilio.http_client").setLevel(logging.WARNING)  # it logs every call
    http = TwilioHttpClient(timeout=timeout, proxy=urllib.request.getproxies())
    http.session.trust_env = False  # proxies read once, above, not from os.environ per call
    client = Client(account_sid, auth_token, http_client=http)
    if base_url:
        client.api.base_url = base_url.rstrip("/")
    return client


class TwilioSender:
    """One REST client (and its connection pool) per process or thread."""

    requires_templates = True  # WhatsApp's 24-hour rule applies

    def __init__(self, account_sid: str, auth_token: str, *, base_url="", timeout=10.0):
        self.client = rest_client(account_sid, auth_token, base_url=base_url, timeout=timeout)

    def send(self, message: Outgoing) -> Accepted:
        """Hand one message to Twilio; raise SendFailed saying whether a retry is safe."""
        fields = {
            "from_": whatsapp_address(message.sender),
            "to": whatsapp_address(message.recipient),
        }
        if message.content_sid:
            fields["content_sid"] = message.content_sid
            fields["content_variables"] = json.dumps(message.variables or {}, ensure_ascii=False)
        else:
            fields["body"] = message.body
        if message.persistent_action and not message.content_sid:
            fields["persistent_action"] = list(message.persistent_action)
        if message.status_callback:
            fields["status_callback"] = message.status_callback
        try:
            created = self.client.messages.create(**fields)
        except TwilioRestException as error:
            raise classify(error) from error
        except requests.exceptions.ConnectTimeout as error:
            raise SendFailed("no se pudo conectar con Twilio", SendFailed.RETRY) from error
        except requests.exceptions.Timeout as error:
            raise SendFailed("Twilio no respondió a tiempo", SendFailed.UNKNOWN) from error
        except requests.exceptions.ConnectionError as error:
            outcome = SendFailed.RETRY if _never_connected(error) else SendFailed.UNKNOWN
            raise SendFailed("se perdió la conexión con Twilio", outcome) from error
        except (TwilioException, requests.RequestException, ValueError) as error:
            reason = f"respuesta inesperada de Twilio: {error}"
            raise SendFailed(reason, SendFailed.UNKNOWN) from error
        return Accepted(sid=created.sid, status=created.status or "queued")

    def recent(self, *, sender: str, recipient: str, limit: int = 50) -> list[Seen]:
        """The latest messages from sender to recipient that Twilio holds, newest first."""
        page = self.client.messages.page(
            from_=whatsapp_address(sender), to=whatsapp_address(recipient), page_size=limit
        )
        return [Seen(m.sid, m.body or "", m.date_created, m.status or "") for m in page]


def classify(error: TwilioRestException) -> SendFailed:
    """What an error answer from Twilio means for a retry."""
    code = error.code
    if error.status == 429:
        return SendFailed("Twilio pidió esperar (429)", SendFailed.RETRY, code)
    if error.status >= 500:
        return SendFailed(f"Twilio respondió con error {error.status}", SendFailed.UNKNOWN, code)
    if error.status in (401, 403):
        log.error("Twilio refused our credentials (%s): check TWILIO_ACCOUNT_SID/TOKEN", code)
        return SendFailed("Twilio rechazó las credenciales", SendFailed.RETRY, code)
    return SendFailed(describe_error(code, error.msg), SendFailed.PERMANENT, code)


def _never_connected(error: requests.exceptions.ConnectionError) -> bool:
    text = repr(error)
    return "NewConnectionError" in text or "Failed to establish" in text
