"""Who may open the dashboard: magic login links, throttling, and API tokens.

Raw secrets never reach the database: login links and API tokens are stored as SHA-256
hashes, so a copy of the database opens nothing. Throttling counts rows in the database, not
in a process's memory, so it holds across any number of web workers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from domain import audit, outbox
from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.models import ApiToken, LoginToken, Organization, Staff

LINK_LIFETIME = dt.timedelta(minutes=15)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
LINKS_PER_PHONE = 3  # per window; more requests get the same answer and nothing is sent
ATTEMPTS_PER_ADDRESS = 20  # login requests and bad links per IP address and window
API_TOKEN_PREFIX = "yume_"


class Throttled(Exception):
    """Too many login attempts from one address; try again later."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_login_token(phone: str, staff: Staff | None, now: dt.datetime) -> tuple[LoginToken, str]:
    """Create a single-use login token; return the row and the raw secret for the link."""
    raw = secrets.token_urlsafe(32)
    row = LoginToken.create(
        phone=phone,
        staff=staff,
        token_hash=digest(raw),
        expires_at=now + LINK_LIFETIME,
        created_at=now,
    )
    return row, raw


def issue_login_token(phone: str, staff: Staff | None, now: dt.datetime) -> str:
    """A raw login token for staff (None: a platform operator), valid 15 minutes, once."""
    return new_login_token(phone, staff, now)[1]


def consume_login_token(raw: str, now: dt.datetime) -> LoginToken | None:
    """Use a login token: the row when it was valid and unused, else None.

    One conditional UPDATE decides: of two concurrent consumers only one changes the row.
    """
    hashed = digest(raw or "")
    with db.atomic():
        changed = (
            LoginToken.update(used_at=now)
            .where(
                LoginToken.token_hash == hashed,
                LoginToken.used_at.is_null(),
                LoginToken.expires_at > now,
            )
            .execute()
        )
        if changed != 1:
            return None
        return LoginToken.get(LoginToken.token_hash == hashed)


def identities(phone: str, operators: list[str]) -> list[Staff | None]:
    """Everyone this phone may log in as: active staff of active businesses, and operator."""
    staff = list(
        Staff.select(Staff, Organization)
        .join(Organization)
        .where(Staff.phone == phone, Staff.active == True, Organization.status == "active")  # noqa: E712
        .order_by(Organization.name, Staff.id)
    )
    return [*staff, *([None] if phone in operators else [])]


def check_address(address: str, now: dt.datetime) -> None:
    """Count one login attempt from address; raise Throttled past the limit."""
    actor = f"ip:{address}"
    if audit.count_since(actor, ("login_attempt",), now - THROTTLE_WINDOW) >= ATTEMPTS_PER_ADDRESS:
        raise Throttled(address)
    audit.record(actor, "login_attempt", now=now)


def send_login_links(phone: str, *, operators: list[str], base_url: str, now) -> int:
    """Send a login link to each identity of phone through the outbox; return how many.

    Unknown phones get nothing, and past the per-phone limit nothing more is sent: the caller
    answers the same neutral message either way.
    """
    recent = LoginToken.select().where(
        LoginToken.phone == phone, LoginToken.created_at > now - THROTTLE_WINDOW
    )
    if recent.count() >= LINKS_PER_PHONE:
        return 0
    sent = 0
    with db.atomic():
        for who in identities(phone, operators):
            row, raw = new_login_token(phone, who, now)
            place = f"el panel de {who.org.name}" if who else "la administración de Yume"
            outbox.enqueue(
                recipient=phone,
                kind="login_link",
                body=(
                    f"Tu enlace para entrar a {place}: {login_url(base_url, raw)}\n"
                    "Vale 15 minutos y sirve una sola vez. Si no lo pediste, ignora este mensaje."
                ),
                dedup_key=f"login_link:{row.id}",
                now=now,
                org=who.org if who else None,
                staff=who,
            )
            sent += 1
    return sent


def login_url(base_url: str, raw: str) -> str:
    return f"{base_url.rstrip('/')}/login/{raw}"


def create_api_token(org: Organization, name: str, now: dt.datetime) -> tuple[ApiToken, str]:
    """A new API token for org; the raw value is shown once and never stored."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("Ponle un nombre al token para reconocerlo después.")
    if len(name) > 80:
        raise InvalidInput("El nombre del token puede tener hasta 80 caracteres.")
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.create(
        org=org, name=name, prefix=raw[:12], token_hash=digest(raw), created_at=now
    )
    return token, raw


def revoke_api_token(org: Organization, token_id: int, now: dt.datetime) -> ApiToken:
    token = ApiToken.get_or_none((ApiToken.org == org) & (ApiToken.id == token_id))
    if token is None:
        raise NotFound("No encontré ese token.")
    if token.revoked_at is None:
        token.revoked_at = now
        token.save()
    return token


def api_token_for(raw: str, now: dt.datetime) -> ApiToken | None:
    """The live token with this raw value, its business active; notes when it was used."""
    token = (
        ApiToken.select(ApiToken, Organization)
        .join(Organization)
        .where(ApiToken.token_hash == digest(raw), ApiToken.revoked_at.is_null())
        .first()
    )
    if token is None or token.org.status != "active":
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.update(last_used_at=now).where(ApiToken.id == token.id).execute()
    return token
