"""A fake Twilio REST API on 127.0.0.1 for the real `twilio` client to talk to.

It implements the Messages resource (create, list, fetch) and the phone-number resources
onboarding needs (AvailablePhoneNumbers MX Mobile/Local, IncomingPhoneNumbers purchase and
update), with JSON shaped like Twilio's. Faults are programmed per test: HTTP 500 and 429, a
reply slower than the client's timeout (with or without the message having been accepted),
permanent errors with Twilio's codes, and a gate that accepts messages but holds the replies
(to kill a worker while a request is in flight). Everything received is recorded.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import json
import secrets
import socket
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "test-auth-token"
API = "/2010-04-01"

# Twilio's own wording for the errors the tests use.
ERRORS = {
    20003: (401, "Authenticate"),
    20429: (429, "Too Many Requests"),
    20500: (500, "Internal Server Error"),
    21211: (400, "The 'To' number {to} is not a valid phone number."),
    21408: (400, "Permission to send an SMS has not been enabled for the region indicated."),
    21422: (400, "PhoneNumber requested is not available"),
    21610: (400, "Attempt to send to unsubscribed recipient"),
    21656: (400, "The ContentVariables Parameter is invalid."),
    63016: (
        400,
        "Failed to send freeform message because you are outside the allowed window. "
        "If you are using WhatsApp, please use a Message Template.",
    ),
}


@dataclass
class Fault:
    status: int = 500
    code: int | None = None
    delay: float = 0.0  # seconds before answering
    accept: bool = False  # the message is created even though the reply is late


def rfc2822(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.UTC)).replace("-0000", "+0000")


class FakeTwilio:
    """The server and what it has seen. Use as the `fake_twilio` fixture."""

    def __init__(self, account_sid: str = ACCOUNT_SID, auth_token: str = AUTH_TOKEN):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.clock = None  # anything with now(); stamps date_created (tests pass their clock)
        self.messages: list[dict] = []  # messages Twilio accepted, in order
        self.requests: list[dict] = []  # every request, accepted or not
        self.templates: dict[str, str] = {}  # Content SID -> "Hola {{1}}, …" to render bodies
        self.numbers: dict[str, dict] = {}  # purchased IncomingPhoneNumbers by PN sid
        self.available = [
            "+525512340001",
            "+525512340002",
            "+528112340003",
            "+523312340004",
        ]
        self._faults: deque[Fault] = deque()
        self._rejected: dict[str, int] = {}
        self._template_only: set[str] = set()
        self._hold_after: int | None = None
        self._released = threading.Event()
        self.holding = threading.Event()  # set once a reply is being held
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeTwilio:
        fake = self

        class Handler(_Handler):
            twilio = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def now(self) -> dt.datetime:
        return self.clock.now() if self.clock is not None else dt.datetime.now(dt.UTC)

    # -- programming faults ----------------------------------------------------------------

    def fail_next(self, status: int = 500, *, times: int = 1):
        """The next `times` message requests answer `status` (500, 429…); nothing is sent."""
        code = {429: 20429, 401: 20003}.get(status, 20500)
        for _ in range(times):
            self._faults.append(Fault(status=status, code=code))

    def delay_next(self, seconds: float, *, accepted: bool = True, times: int = 1):
        """Answer the next requests only after `seconds` (longer than the client waits).

        accepted=True: Twilio took the message and only the answer is lost, the case that
        makes a blind retry send twice. accepted=False: the request never got anywhere.
        """
        for _ in range(times):
            self._faults.append(Fault(status=201, delay=seconds, accept=accepted))

    def reject(self, recipient: str, code: int) -> None:
        """Every message to recipient fails with Twilio error `code` (21211, 21610, 63016…)."""
        self._rejected[_bare(recipient)] = code

    def require_template(self, recipient: str) -> None:
        """Freeform text to recipient fails with 63016, as outside WhatsApp's 24-hour window."""
        self._template_only.add(_bare(recipient))

    def hold_after(self, accepted: int) -> None:
        """Accept messages, but after `accepted` of them hold every reply until release()."""
        self._hold_after = accepted
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    # -- what was received -----------------------------------------------------------------

    def sent_to(self, recipient: str) -> list[dict]:
        return [m for m in self.messages if m["to"] == f"whatsapp:{_bare(recipient)}"]

    def message_requests(self) -> list[dict]:
        """Every attempt to send (POST Messages.json), accepted or not."""
        return [
            r
            for r in self.requests
            if r["method"] == "POST" and r["path"].endswith("/Messages.json")
        ]

    def lookups(self) -> list[dict]:
        """Every listing of messages (GET Messages.json)."""
        return [
            r
            for r in self.requests
            if r["method"] == "GET" and r["path"].endswith("/Messages.json")
        ]

    def callback(self, message: dict, status: str, *, base_url: str, error_code=None):
        """The form and signature Twilio would POST to the message's StatusCallback."""
        url = message["status_callback"]
        form = {
            "AccountSid": self.account_sid,
            "ApiVersion": "2010-04-01",
            "ChannelPrefix": "whatsapp",
            "From": message["from"],
            "MessageSid": message["sid"],
            "MessageStatus": status,
            "SmsSid": message["sid"],
            "SmsStatus": status,
            "To": message["to"],
        }
        if error_code is not None:
            form["ErrorCode"] = str(error_code)
        signature = RequestValidator(self.auth_token).compute_signature(url, form)
        return url[len(base_url) :], form, {"X-Twilio-Signature": signature}

    # -- resources -------------------------------------------------------------------------

    def create_message(self, form: dict) -> tuple[int, dict, dict]:
        fault = self._faults.popleft() if self._faults else None
        to = form.get("To", "")
        code = self._rejected.get(_bare(to))
        if code is None and _bare(to) in self._template_only and not form.get("ContentSid"):
            code = 63016
        if code is not None:
            return _error(code, to=_bare(to))
        if fault is not None and fault.status >= 400:
            _, body, headers = _error(fault.code)
            return fault.status, {**body, "status": fault.status}, headers
        if fault is not None and fault.delay and not fault.accept:
            self._wait(fault.delay)
            return _error(20500)
        message = self._accept(form)
        if fault is not None and fault.delay:
            self._wait(fault.delay)
        if self._hold_after is not None and len(self.messages) > self._hold_after:
            self.holding.set()
            self._released.wait()
        return 201, message, {}

    def _accept(self, form: dict) -> dict:
        with self._lock:
            sid = "SM" + secrets.token_hex(16)
            now = rfc2822(self.now())
            body = form.get("Body", "")
            if form.get("ContentSid"):
                body = self._render(form["ContentSid"], form.get("ContentVariables", "{}"))
            message = {
                "account_sid": self.account_sid,
                "api_version": "2010-04-01",
                "body": body,
                "date_created": now,
                "date_sent": None,
                "date_updated": now,
                "direction": "outbound-api",
                "error_code": None,
                "error_message": None,
                "from": form.get("From"),
                "messaging_service_sid": None,
                "num_media": "0",
                "num_segments": "1",
                "price": None,
                "price_unit": "USD",
                "sid": sid,
                "status": "queued",
                "subresource_uris": {"media": f"{self._base()}/Messages/{sid}/Media.json"},
                "to": form.get("To"),
                "uri": f"{self._base()}/Messages/{sid}.json",
                # Not part of Twilio's answer; kept to check what was asked for.
                "content_sid": form.get("ContentSid"),
                "content_variables": json.loads(form.get("ContentVariables") or "{}"),
                "status_callback": form.get("StatusCallback"),
                "persistent_action": form.get("PersistentAction"),
            }
            self.messages.append(message)
        return message

    def _render(self, content_sid: str, variables: str) -> str:
        values = json.loads(variables)
        text = self.templates.get(content_sid) or " · ".join(values[k] for k in sorted(values))
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        return text

    def list_messages(self, query: dict) -> dict:
        found = [
            _public(m)
            for m in reversed(self.messages)
            if (not query.get("To") or m["to"] == query["To"])
            and (not query.get("From") or m["from"] == query["From"])
        ]
        size = int(query.get("PageSize", 50))
        return self._page("messages", "Messages.json", found[:size], size)

    def available_numbers(self, kind: str, query: dict) -> dict:
        contains = query.get("Contains", "").replace("*", "")
        area = query.get("AreaCode", "")
        numbers = [
            n
            for n in self.available
            if contains in n
            and (not area or n[3:].startswith(area))
            and n not in {p["phone_number"] for p in self.numbers.values()}
        ]
        records = [
            {
                "friendly_name": n,
                "phone_number": n,
                "lata": None,
                "locality": None,
                "rate_center": None,
                "latitude": None,
                "longitude": None,
                "region": None,
                "postal_code": None,
                "iso_country": "MX",
                "address_requirements": "any",
                "beta": False,
                "capabilities": {"voice": True, "SMS": True, "MMS": False},
            }
            for n in numbers
        ]
        return self._page("available_phone_numbers", f"AvailablePhoneNumbers/MX/{kind}", records)

    def buy_number(self, form: dict) -> tuple[int, dict, dict]:
        number = form.get("PhoneNumber", "")
        taken = {p["phone_number"] for p in self.numbers.values()}
        if number not in self.available or number in taken:
            return _error(21422)
        sid = "PN" + secrets.token_hex(16)
        now = rfc2822(self.now())
        record = {
            "account_sid": self.account_sid,
            "address_requirements": "any",
            "address_sid": None,
            "api_version": "2010-04-01",
            "beta": False,
            "bundle_sid": None,
            "capabilities": {"voice": True, "sms": True, "mms": False, "fax": False},
            "date_created": now,
            "date_updated": now,
            "emergency_status": "Inactive",
            "friendly_name": form.get("FriendlyName", number),
            "identity_sid": None,
            "origin": "twilio",
            "phone_number": number,
            "sid": sid,
            "sms_application_sid": "",
            "sms_fallback_method": "POST",
            "sms_fallback_url": "",
            "sms_method": form.get("SmsMethod", "POST"),
            "sms_url": form.get("SmsUrl", ""),
            "status": "in-use",
            "status_callback": form.get("StatusCallback", ""),
            "status_callback_method": "POST",
            "trunk_sid": None,
            "uri": f"{self._base()}/IncomingPhoneNumbers/{sid}.json",
            "voice_application_sid": None,
            "voice_caller_id_lookup": False,
            "voice_fallback_method": "POST",
            "voice_fallback_url": None,
            "voice_method": "POST",
            "voice_url": None,
        }
        self.numbers[sid] = record
        return 201, record, {}

    def update_number(self, sid: str, form: dict) -> tuple[int, dict, dict]:
        record = self.numbers.get(sid)
        if record is None:
            return 404, {"code": 20404, "message": "Not found", "status": 404}, {}
        fields = {
            "SmsUrl": "sms_url",
            "SmsMethod": "sms_method",
            "StatusCallback": "status_callback",
            "FriendlyName": "friendly_name",
        }
        for name, key in fields.items():
            if name in form:
                record[key] = form[name]
        record["date_updated"] = rfc2822(self.now())
        return 200, record, {}

    def _base(self) -> str:
        return f"{API}/Accounts/{self.account_sid}"

    def _page(self, key: str, path: str, records: list, size: int = 50) -> dict:
        uri = f"{self._base()}/{path}"
        uri = uri if uri.endswith(".json") else f"{uri}.json"
        return {
            key: records,
            "end": max(len(records) - 1, 0),
            "first_page_uri": f"{uri}?PageSize={size}&Page=0",
            "next_page_uri": None,
            "page": 0,
            "page_size": size,
            "previous_page_uri": None,
            "start": 0,
            "uri": f"{uri}?PageSize={size}&Page=0",
        }

    def _wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as with the real API
    twilio: FakeTwilio

    def setup(self):
        super().setup()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_DELETE(self):
        self._handle("DELETE")

    def _handle(self, method: str) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        form = {k: v[-1] for k, v in parse_qs(raw, keep_blank_values=True).items()}
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        fake = self.twilio
        with fake._lock:
            fake.requests.append(
                {"method": method, "path": parts.path, "form": form, "query": query}
            )
        if not self._authorised():
            return self._send(*_error(20003))
        self._send(*self._route(method, parts.path, form, query))

    def _route(self, method, path, form, query):
        fake = self.twilio
        base = fake._base()
        if not path.startswith(base + "/"):
            return 404, {"code": 20404, "message": "Not found", "status": 404}, {}
        rest = path[len(base) + 1 :]
        if rest == "Messages.json" and method == "POST":
            return fake.create_message(form)
        if rest == "Messages.json":
            return 200, fake.list_messages(query), {}
        if rest.startswith("Messages/") and method == "GET":
            sid = rest[len("Messages/") : -len(".json")]
            for message in fake.messages:
                if message["sid"] == sid:
                    return 200, _public(message), {}
        if rest in ("AvailablePhoneNumbers/MX/Mobile.json", "AvailablePhoneNumbers/MX/Local.json"):
            kind = rest.rsplit("/", 1)[1][: -len(".json")]
            return 200, fake.available_numbers(kind, query), {}
        if rest == "IncomingPhoneNumbers.json" and method == "POST":
            return fake.buy_number(form)
        if rest == "IncomingPhoneNumbers.json":
            records = list(fake.numbers.values())
            return 200, fake._page("incoming_phone_numbers", rest, records), {}
        if rest.startswith("IncomingPhoneNumbers/"):
            sid = rest[len("IncomingPhoneNumbers/") : -len(".json")]
            if method == "POST":
                return fake.update_number(sid, form)
            if method == "DELETE" and fake.numbers.pop(sid, None) is not None:
                return 204, {}, {}
            if sid in fake.numbers:
                return 200, fake.numbers[sid], {}
        return 404, {"code": 20404, "message": "Not found", "status": 404}, {}

    def _authorised(self) -> bool:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return user == self.twilio.account_sid and password == self.twilio.auth_token

    def _send(self, status: int, body: dict, headers: dict) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self._headers_buffer.append(b"\r\n" + data)  # headers and body in one write
            self.flush_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting: that is the point of a delay fault


def _error(code: int, **details) -> tuple[int, dict, dict]:
    status, message = ERRORS[code]
    body = {
        "code": code,
        "message": message.format(**details) if details else message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    return status, body, {}


def _public(message: dict) -> dict:
    hidden = ("content_sid", "content_variables", "status_callback")
    return {k: v for k, v in message.items() if k not in hidden}


def _bare(address: str) -> str:
    return address.split(":", 1)[-1]
