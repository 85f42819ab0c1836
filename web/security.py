"""Session cookie settings and CSRF protection for the dashboard's forms.

Every form carries a per-session token; a POST without the right one is refused before the
view runs. Blueprints opt in with `protect(bp)`, so webhooks and the bearer-token API (which
browsers cannot be tricked into calling with credentials) stay outside it.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets

from flask import Blueprint, Flask, abort, request, session

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def configure_session(app: Flask, public_base_url: str) -> None:
    app.config.update(
        SESSION_COOKIE_NAME="yume_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=public_base_url.startswith("https://"),
        PERMANENT_SESSION_LIFETIME=dt.timedelta(days=30),
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
