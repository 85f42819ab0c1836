"""What keeps the web app safe to put on the internet.

- The secret key: for real traffic (an https or public address, or Twilio credentials) startup
  refuses a missing, public or short SECRET_KEY; on a loopback address a random one is made
  once and kept in instance/secret_key, so `make run` needs no setup.
- Session cookies and CSRF: every form carries a per-session token; a POST without the right
  one is refused before the view runs. Blueprints opt in with `protect(bp)`, so webhooks and
  the bearer-token API (which browsers cannot be tricked into calling with credentials) stay
  outside it. Who a session belongs to is checked against the database on every request
  (web/viewer.py), so logging out really ends it.
- Behind a proxy: `app.trusted_proxies` hops of X-Forwarded-For/Proto/Host are believed
  (werkzeug's ProxyFix), so throttling keys on the real client address.
- Rate limits (flask-limiter): /login pages per client address, the JSON API per token; in
  Redis when REDIS_URL is set, in memory otherwise. 429 with Retry-After.
- Headers: a Content-Security-Policy allowing only the app's own scripts and styles, no
  framing, no referrer leaving the site, HSTS on https.
- Logs: request lines never show a login link's token or a calendar feed's secret address.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import logging
import os
import re
import secrets
from pathlib import Path

import click
from flask import Blueprint, Flask, abort, request, session
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix

from domain.redact import redact
from domain.settings import PUBLIC_SECRET_KEYS, Settings, SettingsError

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SECRET_FILE = "secret_key"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Inline pieces of our own templates are allowed by their hash, nothing else inline is: a
# style="" or <script> that reached a page any other way does not run.
STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"{}]*)"')
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
log = logging.getLogger(__name__)


def init_app(app: Flask, settings: Settings) -> None:
    """Secret key, proxies, sessions, headers and log redaction, from settings."""
    app.config["SECRET_KEY"] = secret_key(settings, Path(app.instance_path))
    if settings.app.trusted_proxies:
        hops = settings.app.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    configure_session(app, settings)
    app.after_request(_headers(settings.app.public_base_url.startswith("https://")))
    redact_request_logs()


def limit(app: Flask, settings: Settings, *, login: Blueprint, api: Blueprint) -> Limiter:
    """Rate limits: the login pages' forms per client address, the API per token."""
    limiter = Limiter(
        key_func=lambda: request.remote_addr or "unknown",
        app=app,
        storage_uri=settings.redis.url or "memory://",
        headers_enabled=True,
        swallow_errors=True,  # Redis down: serve rather than refuse everyone
        key_prefix="yume",
    )
    limiter.limit(settings.app.login_rate_limit, methods=["POST"])(login)
    limiter.limit(settings.app.api_rate_limit, key_func=api_token_key)(api)
    return limiter


def secret_key(settings: Settings, instance: Path) -> str:
    """The key that signs sessions; refuses an unsafe one when the app takes real traffic."""
    problem = settings.secret_key_problem()
    if problem is None:
        return settings.app.secret_key
    if settings.takes_real_traffic:
        if serving():
            raise SettingsError(problem)
        log.error("%s (this command runs; serving would stop here)", problem)
    elif settings.app.secret_key not in PUBLIC_SECRET_KEYS:
        return settings.app.secret_key  # a short key of one's own, on this machine only
    return _local_key(instance)


def serving() -> bool:
    """Whether this process serves requests: gunicorn, `flask run`, a test client; not another
    `flask` command (doctor, templates, db-upgrade), which may run to report the problem."""
    context = click.get_current_context(silent=True)
    return context is None or context.info_name == "run"


def _local_key(instance: Path) -> str:
    """A random key made once for this machine, kept in instance/secret_key (mode 600)."""
    path = instance / SECRET_FILE
    try:
        key = path.read_text().strip()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    return key


def configure_session(app: Flask, settings: Settings) -> None:
    app.config.update(
        SESSION_COOKIE_NAME="yume_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.app.public_base_url.startswith("https://"),
        PERMANENT_SESSION_LIFETIME=dt.timedelta(days=settings.app.session_max_days),
    )
    app.jinja_env.globals["csrf_token"] = csrf_token


def csrf_token() -> str:
    """This session's CSRF token, created on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    if request.method not in UNSAFE:
        return
    expected = session.get("csrf")
    given = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    if not expected or not hmac.compare_digest(expected, given):
        abort(400, description="csrf")


def protect(bp: Blueprint) -> Blueprint:
    bp.before_request(check_csrf)
    return bp


def api_token_key() -> str:
    """Rate-limit key of an API request: its token (hashed), else the client address."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer ") and header[7:].strip():
        return "token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
    return "ip:" + (request.remote_addr or "unknown")


@functools.cache
def content_security_policy(folder: Path = TEMPLATES) -> str:
    """Only the app's own scripts and styles: its files, and the inline pieces its templates
    hold (by hash); no framing, no plugins, forms only to itself."""
    styles, scripts = set(), set()
    for template in sorted(folder.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        styles |= {_hash(value) for value in STYLE_ATTRIBUTE.findall(text)}
        scripts |= {_hash(body) for body in INLINE_SCRIPT.findall(text) if not _templated(body)}
    return (
        f"default-src 'self'; script-src 'self' {' '.join(sorted(scripts))}; ".replace(" ;", ";")
        + f"style-src 'self' 'unsafe-hashes' {' '.join(sorted(styles))}; ".replace(" ;", ";")
        + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; object-src 'none'"
    )


def _templated(text: str) -> bool:
    """Whether Jinja fills this in, so the page's text differs from the template's."""
    return "{{" in text or "{%" in text


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _headers(https: bool):
    def add(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy())
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        if https:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if request.path.startswith("/login/"):
            headers["Cache-Control"] = "no-store"
        return response

    return add


class RedactSecrets(logging.Filter):
    """Hide login tokens and calendar-feed addresses in request log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = redact(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True


def redact_request_logs() -> None:
    """The dev server's and gunicorn's access logs, and every handler of the root logger."""
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
