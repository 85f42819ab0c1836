"""Who may open the dashboard: login links and codes, sessions, throttling, and API tokens.

Raw secrets never reach the database: login links, codes, session ids and API tokens are
stored as hashes, so a copy of the database opens nothing. A login asked for on /login is
written to the outbox without its secret ("[enlace de acceso]"); the secret is made when the
message is sent (`login_message`): a link while WhatsApp's 24-hour window is open, else a
six-digit code (or a link) in an approved template. So the outbox, the transcripts and the
dashboard only ever hold the placeholder. Throttling counts rows in the database, not in a
process's memory, so it holds across any number of web workers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from domain import audit, outbox
from domain.db import db
from domain.errors import InvalidInput, NotFound
from domain.models import (
    ApiToken,
    LoginCode,
    LoginSession,
    LoginToken,
    Notification,
    Organization,
    Staff,
    utcnow,
)
from domain.redact import LINK

LINK_LIFETIME = dt.timedelta(minutes=15)
CODE_LIFETIME = dt.timedelta(minutes=10)
THROTTLE_WINDOW = dt.timedelta(minutes=15)
LINKS_PER_PHONE = 3  # per window; more requests get the same answer and nothing is sent
ATTEMPTS_PER_ADDRESS = 20  # login requests and bad links per IP address and window
WRONG_CODES_PER_PHONE = 5  # then that phone's codes stop working for LOCK_TIME
WRONG_CODES_PER_ADDRESS = 10
LOCK_TIME = dt.timedelta(minutes=15)
CODE_HASH_ROUNDS = 200_000
SESSION_TOUCH = dt.timedelta(minutes=1)  # last_seen_at is written at most this often
API_TOKEN_PREFIX = "yume_"
LOGIN_KIND = "login_link"


class Throttled(Exception):
    """Too many login attempts from one address or for one phone; try again later."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


# --- links ---------------------------------------------------------------------------


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


def login_url(base_url: str, raw: str) -> str:
    return f"{base_url.rstrip('/')}/login/{raw}"


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


def send_login_links(phone: str, *, operators: list[str], now: dt.datetime) -> int:
    """Ask the outbox to send each identity of phone a way in; return how many.

    The rows hold no secret: it is made when each is sent (`login_message`). Unknown phones
    get nothing, and past the per-phone limit nothing more is sent: the caller answers the
    same neutral message either way.
    """
    actor = f"phone:{phone}"
    if audit.count_since(actor, ("login_request",), now - THROTTLE_WINDOW) >= LINKS_PER_PHONE:
        return 0
    people = identities(phone, operators)
    if not people:
        return 0
    with db.atomic():
        request = audit.record(actor, "login_request", now=now)
        for who in people:
            place = place_of(who)
            outbox.enqueue(
                recipient=phone,
                kind=LOGIN_KIND,
                body=(
                    f"Tu enlace para entrar a {place}: {LINK}\n"
                    "Vale 15 minutos y sirve una sola vez. Si no lo pediste, ignora este mensaje."
                ),
                variables={"1": place, "2": LINK},
                dedup_key=f"login_link:{request.id}:{who.id if who else 'operator'}",
                now=now,
                org=who.org if who else None,
                staff=who,
            )
    return len(people)


def place_of(who: Staff | None) -> str:
    return f"el panel de {who.org.name}" if who else "la administración de Yume"


@dataclass(frozen=True)
class LoginMessage:
    """What a login notification says when it goes: the template (None: plain text)."""

    body: str
    variables: dict[str, str]
    template: str | None = None


def login_message(
    row: Notification,
    now: dt.datetime,
    *,
    base_url: str,
    plain: bool,
    prefer: str = "code",
    templates: dict | None = None,
) -> LoginMessage:
    """Make the secret of a login notification as it is sent; the row keeps the placeholder.

    Inside WhatsApp's window (plain) the link goes as text. Outside it, WhatsApp allows no
    link in an authentication template: a six-digit code goes instead (template
    "login_code"), or, where the operator prefers links (prefer="link"), a utility template
    with a URL button whose suffix is the token (template "login_link"). When only the other
    of the two templates is configured, that one is used.
    """
    who = row.staff if row.staff_id else None
    templates = templates or {}
    wanted, other = ("login_code", "login_link")[:: 1 if prefer == "code" else -1]
    if not templates.get(wanted) and templates.get(other):
        wanted = other
    if not plain and wanted == "login_code":
        code = new_login_code(row.recipient, who, now)
        return LoginMessage(row.body, {"1": code}, "login_code")
    raw = issue_login_token(row.recipient, who, now)
    if plain:
        return LoginMessage(row.body.replace(LINK, login_url(base_url, raw)), {})
    return LoginMessage(row.body, {"1": place_of(who), "2": raw}, "login_link")


def why_login_stale(row: Notification, now: dt.datetime) -> str | None:
    """A login asked for long ago is no use any more: the person asked again or gave up."""
    if now - row.created_at > CODE_LIFETIME:
        return "la persona pidió entrar hace más de 10 minutos"
    return None


# --- codes ---------------------------------------------------------------------------


def new_login_code(phone: str, staff: Staff | None, now: dt.datetime) -> str:
    """A six-digit single-use code for phone, valid 10 minutes; only its salted hash is kept."""
    code = f"{secrets.randbelow(10**6):06d}"
    LoginCode.create(
        phone=phone,
        staff=staff,
        code_hash=_hash_code(code, secrets.token_hex(16)),
        expires_at=now + CODE_LIFETIME,
        created_at=now,
    )
    return code


def _hash_code(code: str, salt: str) -> str:
    hashed = hashlib.pbkdf2_hmac("sha256", code.encode(), salt.encode(), CODE_HASH_ROUNDS)
    return f"{salt}${hashed.hex()}"


def _code_matches(code: str, stored: str) -> bool:
    salt, _, _ = stored.partition("$")
    return hmac.compare_digest(_hash_code(code, salt), stored)


def code_locked(phone: str, address: str, now: dt.datetime) -> bool:
    """Whether wrong codes stopped this phone, or this address, from trying for a while."""
    since = now - LOCK_TIME
    return (
        audit.count_since(f"phone:{phone}", ("login_code_wrong",), since) >= WRONG_CODES_PER_PHONE
        or audit.count_since(f"ip:{address}", ("login_code_wrong",), since)
        >= WRONG_CODES_PER_ADDRESS
    )


def consume_login_code(phone: str, code: str, *, address: str, now: dt.datetime) -> LoginCode:
    """Use a code sent to phone: the row it matched, once. Raise Throttled while locked;
    InvalidInput (counted against the phone and the address) when it matches nothing."""
    if code_locked(phone, address, now):
        raise Throttled(phone)
    code = "".join(ch for ch in code or "" if ch.isdigit())
    live = LoginCode.select().where(
        LoginCode.phone == phone, LoginCode.used_at.is_null(), LoginCode.expires_at > now
    )
    for row in live if len(code) == 6 else []:
        if not _code_matches(code, row.code_hash):
            continue
        used = (
            LoginCode.update(used_at=now)
            .where(LoginCode.id == row.id, LoginCode.used_at.is_null())
            .execute()
        )
        if used == 1:
            return row
    with db.atomic():
        audit.record(f"phone:{phone}", "login_code_wrong", now=now)
        audit.record(f"ip:{address}", "login_code_wrong", now=now)
    raise InvalidInput("Ese código no es válido o ya venció. Revísalo o pide uno nuevo.")


# --- sessions ------------------------------------------------------------------------


def start_session(*, staff: Staff | None = None, operator: str | None = None, now) -> str:
    """A new dashboard session; return its raw id for the cookie."""
    raw = secrets.token_urlsafe(32)
    LoginSession.create(
        token_hash=digest(raw), staff=staff, operator=operator, created_at=now, last_seen_at=now
    )
    return raw


def live_session(
    raw: str | None, now: dt.datetime, *, idle: dt.timedelta, longest: dt.timedelta
) -> LoginSession | None:
    """The session with this raw id while it lasts: not ended, used recently, not too old."""
    if not raw:
        return None
    row = LoginSession.get_or_none(
        (LoginSession.token_hash == digest(raw)) & LoginSession.ended_at.is_null()
    )
    if row is None:
        return None
    if now - row.last_seen_at > idle or now - row.created_at > longest:
        end_session(raw, now)
        return None
    if now - row.last_seen_at > SESSION_TOUCH:
        LoginSession.update(last_seen_at=now).where(LoginSession.id == row.id).execute()
    return row


def end_session(raw: str | None, now: dt.datetime) -> None:
    if raw:
        LoginSession.update(ended_at=now).where(
            LoginSession.token_hash == digest(raw), LoginSession.ended_at.is_null()
        ).execute()


def end_sessions(
    *, staff: Staff | None = None, operator: str | None = None, now: dt.datetime | None = None
) -> int:
    """End every session of a staff member or an operator (all their devices)."""
    if staff is None and operator is None:
        return 0
    whose = LoginSession.staff == staff if staff is not None else LoginSession.operator == operator
    return (
        LoginSession.update(ended_at=now or utcnow())
        .where(whose, LoginSession.ended_at.is_null())
        .execute()
    )


# --- API tokens ----------------------------------------------------------------------


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
