"""Outbox dispatch: claim due notifications under a lease, send each once, record the outcome.

A row's life (Notification.status):
  pending --claim--> pending, leased --begin--> sending --Twilio took it--> sent
  sent --status callbacks (web/status.py)--> delivered --> read, or failed
  sending --timeout, 5xx--> sending, looked up at Twilio before the next attempt
  sending --429, refused connection--> pending, retried after a backoff
  --permanent error, or no template outside the 24-hour window--> failed (never retried)
  --stale reminder, opted-out customer, suspended business--> skipped

Claiming sets `locked_until` and bumps `attempts`; that attempt number is the claim's fencing
token: every later write is conditional on it, so a dispatcher that lost its lease (a second
worker took the row over) changes nothing. "sending" means that a request may have reached
Twilio: whoever takes such a row over first asks Twilio whether it already holds the message
(`find_sent`) and only sends when it does not. See the README's "Sending" section for the
guarantees and the risk that remains.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from peewee import Case, Tuple

from bot.channels.twilio_sender import Accepted, Outgoing, Seen, SendFailed
from domain import auth, delivery, notice_templates, notice_texts
from domain.db import db, is_postgres
from domain.models import Conversation, Customer, Message, Notification, Organization
from domain.notices import OPTIONAL_KINDS, REMINDER_KINDS
from scheduler import followups, reminders
from scheduler.runtime import Runtime

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=5)  # far longer than one request (twilio.timeout_seconds)
BATCH = 50  # rows claimed at once
GROUP = 10  # rows marked in flight, and recorded as sent, per commit
SENDERS = 4  # requests to Twilio at once, per dispatcher
MAX_ATTEMPTS = 8
BACKOFF_FIRST = dt.timedelta(seconds=30)  # doubled each attempt, ±10%, at most BACKOFF_MAX
BACKOFF_MAX = dt.timedelta(minutes=30)
WINDOW = dt.timedelta(hours=24) - dt.timedelta(minutes=2)  # a margin before WhatsApp's 24 h
LOOKUP_SLACK = dt.timedelta(minutes=10)  # clock skew allowed when matching Twilio's records

STALE_CHECKS = {
    "reminder": reminders.why_stale,
    "reminder_2h": reminders.why_stale,
    "thank_you": followups.why_thank_you_stale,
    "rebook_nudge": followups.why_nudge_stale,
    auth.LOGIN_KIND: auth.why_login_stale,
}


@dataclass
class Report:
    sent: int = 0
    found: int = 0  # already at Twilio from an attempt whose answer was lost
    retrying: int = 0
    failed: int = 0
    skipped: int = 0


def dispatch_due(runtime: Runtime, *, batch: int = BATCH, max_seconds: float = 50.0) -> Report:
    """Send what is due, batch after batch, until nothing is due or the time is up."""
    report = Report()
    deadline = time.monotonic() + max_seconds
    with ThreadPoolExecutor(SENDERS, thread_name_prefix="twilio") as pool:
        while time.monotonic() < deadline:
            rows = claim(runtime.clock.now(), batch)
            if not rows:
                break
            chats = _prepare(rows)
            for start in range(0, len(rows), GROUP):
                send_group(runtime, rows[start : start + GROUP], chats, report, pool)
    return report


def claim(now: dt.datetime, limit: int) -> list[Notification]:
    """Lease up to `limit` due rows and return them; a row's `attempts` is its claim's token."""
    N = Notification
    due = (
        N.status.in_(("pending", "sending"))
        & (N.next_attempt_at <= now)
        & (N.locked_until.is_null() | (N.locked_until <= now))
    )
    changes = {N.attempts: N.attempts + 1, N.locked_until: now + LEASE, N.updated_at: now}
    if is_postgres():
        picked = (
            N.select(N.id)
            .where(due)
            .order_by(N.next_attempt_at)
            .limit(limit)
            .for_update(skip_locked=True)
        )
        query = N.update(changes).where(N.id.in_(picked) & due).returning(N)
        with db.atomic():
            return sorted(query.execute(), key=lambda row: (row.next_attempt_at, row.id))
    with db.atomic():  # SQLite: BEGIN IMMEDIATE, so claimers take turns
        ids = [
            row.id for row in N.select(N.id).where(due).order_by(N.next_attempt_at).limit(limit)
        ]
        if not ids:
            return []
        N.update(changes).where(N.id.in_(ids)).execute()
        return list(N.select().where(N.id.in_(ids)).order_by(N.next_attempt_at, N.id))


def deliver(runtime: Runtime, row: Notification, report: Report, *, chat=None) -> None:
    """Send one claimed row (see send_group)."""
    send_group(runtime, [row], {(sending_number(row, runtime), row.recipient): chat}, report)


def send_group(
    runtime: Runtime, rows: list[Notification], chats: dict, report: Report, pool=None
) -> None:
    """Send a few claimed rows: check each, mark those that go as in flight (one commit),
    send them (a few requests at a time, from `pool`'s threads, which only talk HTTP),
    record what Twilio accepted (one commit).

    Rows are as claimed; anything that changed since (a cancelled reminder, another
    dispatcher's claim) makes the fenced writes change nothing, so nothing is sent. A crash
    after a request and before the record leaves the row "sending": it is looked up at Twilio,
    not sent again.
    """
    ready = []
    for row in rows:
        chat = chats.get((sending_number(row, runtime), row.recipient))
        try:
            message = _ready(runtime, row, report, chat)
        except Exception:  # noqa: BLE001 - one bad row must not stop the others
            log.exception("notification %s: not prepared; retried after the lease", row.id)
            continue
        if message is not None:
            ready.append((row, message, chat))
    in_flight = _begin(ready, runtime.clock.now())
    send = partial(_send, runtime.sender)
    answers = pool.map(send, in_flight) if pool else map(send, in_flight)
    accepted = []
    for (row, message, chat), answer in zip(in_flight, list(answers), strict=True):
        if isinstance(answer, SendFailed):
            _failed_attempt(row, row.attempts, answer, runtime.clock.now(), report)
            continue
        report.sent += 1
        accepted.append((row, message.sender, answer.sid, answer.status, chat))
    _record_sent(accepted, runtime.clock.now())


def _send(sender, item) -> Accepted | SendFailed:
    try:
        return sender.send(item[1])
    except SendFailed as failure:
        return failure
    except Exception as error:  # noqa: BLE001 - an unexpected error: the outcome is unknown
        log.exception("sending %s crashed", item[0].id)
        return SendFailed(f"error inesperado al enviar: {error}", SendFailed.UNKNOWN)


def _ready(runtime: Runtime, row: Notification, report: Report, chat) -> Outgoing | None:
    """The message to send for this row, or None when it was settled here instead."""
    token, now = row.attempts, runtime.clock.now()
    if row.status not in ("pending", "sending"):
        return None
    sender = sending_number(row, runtime)
    if row.status == "pending" and token > MAX_ATTEMPTS:  # claimed again and again, never sent
        return _finish(row, token, "failed", _gave_up(row), now, report)
    if row.status == "sending":  # an earlier request may have reached Twilio
        try:
            seen = find_sent(runtime, row, sender)
        except Exception as error:  # noqa: BLE001 - any failure to look means "look again later"
            return _retry(row, token, now, f"no se pudo consultar Twilio: {error}", report)
        if seen is not None:
            report.found += 1
            return _record_sent([(row, sender, seen.sid, seen.status or "sent", chat)], now)
        if token > MAX_ATTEMPTS:
            return _finish(row, token, "failed", _gave_up(row), now, report)
    reason = why_not_send(row, now)
    if reason:
        return _finish(row, token, "skipped", reason, now, report)
    if row.kind in REMINDER_KINDS:  # say "hoy"/"mañana" as of now, with current names
        notice = notice_texts.reminder(row.appointment, now)
        row.body, row.variables = notice.body, notice.variables
    message, problem = compose(runtime, row, sender, now, chat)
    if message is None:
        return _finish(row, token, "failed", problem, now, report)
    return message


def _prepare(rows: list[Notification]) -> dict:
    """Load what the batch needs in two queries: businesses, and the conversations that tell
    whether WhatsApp's 24-hour window is open."""
    ids = {row.org_id for row in rows if row.org_id}
    orgs = {org.id: org for org in Organization.select().where(Organization.id.in_(ids))}
    for row in rows:
        if row.org_id in orgs:
            row.org = orgs[row.org_id]
    phones = {row.recipient for row in rows}
    chats = Conversation.select().where(
        Conversation.phone.in_(phones),
        Conversation.current == True,  # noqa: E712
    )
    return {(chat.channel_number, chat.phone): chat for chat in chats}


def sending_number(row: Notification, runtime: Runtime) -> str:
    """The business's own number, or the platform's (shared-number mode, operators)."""
    org = row.org
    return (org.whatsapp_number if org else None) or runtime.settings.twilio.platform_number


def why_not_send(row: Notification, now: dt.datetime) -> str | None:
    if row.org is not None and row.org.status != "active":
        return "el negocio está suspendido"
    if row.kind in OPTIONAL_KINDS:
        customer = row.customer or _customer_by_phone(row)
        if customer is not None and customer.opted_out_at is not None:
            return "el cliente pidió no recibir estos mensajes (baja)"
    check = STALE_CHECKS.get(row.kind)
    return check(row, now) if check else None


def window_open(chat: Conversation | None, now: dt.datetime) -> bool:
    """Whether the person wrote to this number recently enough for plain text."""
    last = chat.last_inbound_at if chat is not None else None
    return last is not None and now - last < WINDOW


def compose(
    runtime: Runtime, row: Notification, sender: str, now, chat=None
) -> tuple[Outgoing | None, str]:
    """Plain text inside WhatsApp's 24-hour window, the kind's approved template outside it."""
    callback = f"{runtime.status_callback_base}?n={row.id}"
    plain = not runtime.sender.requires_templates or window_open(chat, now)
    body, variables, template = row.body, row.variables, row.kind
    if row.kind == auth.LOGIN_KIND:  # its secret is made now, and never stored in the row
        login = auth.login_message(
            row,
            now,
            base_url=runtime.settings.app.public_base_url,
            plain=plain,
            prefer=runtime.settings.app.login_outside_window,
            templates=runtime.settings.twilio.templates,
        )
        body, variables, template = login.body, login.variables, login.template
    if plain:
        pin = tuple((variables or {}).get("persistent_action") or ())  # a location
        return Outgoing(
            sender, row.recipient, body=body, status_callback=callback, persistent_action=pin
        ), ""
    content_sid = runtime.settings.twilio.templates.get(template)
    if not content_sid:
        return None, notice_templates.missing(template)
    return (
        Outgoing(
            sender,
            row.recipient,
            body=body,
            content_sid=content_sid,
            variables=variables,
            status_callback=callback,
        ),
        "",
    )


def find_sent(runtime: Runtime, row: Notification, sender: str) -> Seen | None:
    """The message of an earlier attempt, if Twilio holds it and no other row claims it."""
    since = row.due_at - LOOKUP_SLACK
    seen = [
        m
        for m in runtime.sender.recent(sender=sender, recipient=row.recipient)
        if m.created_at is None or m.created_at >= since
    ]
    if not seen:
        return None
    sids = [m.sid for m in seen]
    known = {
        n.provider_sid
        for n in Notification.select(Notification.provider_sid).where(
            Notification.provider_sid.in_(sids)
        )
    }
    known |= {m.sid for m in Message.select(Message.sid).where(Message.sid.in_(sids))}
    for message in reversed(seen):  # oldest first
        if message.sid not in known and _same_message(message.body, row):
            return message
    return None


def backoff(attempt: int, row_id: int) -> dt.timedelta:
    """30 s, 1 min, 2 min… up to 30 min, spread ±10% (by row) so retries do not bunch up."""
    base = min(BACKOFF_FIRST * 2 ** max(attempt - 1, 0), BACKOFF_MAX)
    spread = 0.9 + 0.2 * ((row_id * 0.6180339887) % 1)
    return base * spread


def _same_message(body: str, row: Notification) -> bool:
    if body.strip() == row.body.strip():
        return True
    values = [v for v in (row.variables or {}).values() if v and v != "-"]
    return bool(row.template_sid and values and body and all(v in body for v in values))


def _customer_by_phone(row: Notification) -> Customer | None:
    if row.org is None:
        return None
    return Customer.get_or_none((Customer.org == row.org) & (Customer.phone == row.recipient))


def _mine(row: Notification, token: int, *statuses: str):
    return (
        (Notification.id == row.id)
        & (Notification.attempts == token)
        & Notification.status.in_(statuses or ("pending", "sending"))
    )


def _begin(ready: list, now) -> list:
    """Mark rows as in flight, renewing their lease, in one commit; return those still ours."""
    if not ready:
        return []
    N = Notification
    by_template: dict = {}
    for row, message, _chat in ready:
        by_template.setdefault(message.content_sid, []).append(row)
    ours: set[int] = set()
    with db.atomic():
        for content_sid, rows in by_template.items():
            query = (
                N.update(
                    status="sending",
                    locked_until=now + LEASE,
                    template_sid=content_sid,
                    updated_at=now,
                )
                .where(_claimed_by_us(rows), N.status.in_(("pending", "sending")))
                .returning(N.id)
            )
            ours |= {row.id for row in query.execute()}
        for row, _message, _chat in ready:
            if row.kind in REMINDER_KINDS and row.id in ours:  # its text was refreshed: keep it
                N.update(body=row.body, variables=row.variables).where(N.id == row.id).execute()
    for row, message, _chat in ready:
        row.template_sid = message.content_sid
    return [item for item in ready if item[0].id in ours]


def _record_sent(accepted: list, now) -> None:
    """Record messages Twilio accepted, and show them in their conversations (one commit)."""
    if not accepted:
        return
    N = Notification
    with db.atomic():
        if is_postgres():
            # Safe to commit without waiting for the disk: were this record lost, the rows
            # would still say "sending", and the next dispatcher would find the messages at
            # Twilio instead of sending them again.
            db.execute_sql("SET LOCAL synchronous_commit TO OFF")
        rows = [row for row, *_ in accepted]
        query = (
            N.update(
                status="sent",
                provider_sid=Case(N.id, [(row.id, sid) for row, _, sid, _, _ in accepted]),
                delivery_status=Case(N.id, [(row.id, st) for row, _, _, st, _ in accepted]),
                sent_at=now,
                locked_until=None,
                last_error="",
                updated_at=now,
            )
            .where(_claimed_by_us(rows), N.status == "sending")
            .returning(N.id)
        )
        recorded = {row.id for row in query.execute()}
        shown = []
        for row, sender, sid, status, chat in accepted:
            if row.id not in recorded and N.get_by_id(row.id).provider_sid != sid:
                log.error("notification %s: sent as %s after losing its claim", row.id, sid)
                continue
            shown.append((row, sender, sid, status, chat))
        delivery.record_sent_messages(shown, now)


def _claimed_by_us(rows: list[Notification]):
    """Rows whose attempt count is still the one our claim gave them (the fencing token)."""
    return Tuple(Notification.id, Notification.attempts).in_([(r.id, r.attempts) for r in rows])


def _failed_attempt(row, token, failure: SendFailed, now, report: Report) -> None:
    log.warning(
        "notification %s attempt %s: %s (%s)", row.id, token, failure.reason, failure.outcome
    )
    if failure.outcome == SendFailed.PERMANENT:
        return _finish(row, token, "failed", failure.reason, now, report)
    if failure.outcome == SendFailed.RETRY and token >= MAX_ATTEMPTS:
        return _finish(row, token, "failed", _gave_up(row, failure.reason), now, report)
    _retry(row, token, now, failure.reason, report, unknown=failure.outcome == SendFailed.UNKNOWN)


def _retry(row, token, now, reason: str, report: Report, *, unknown: bool = True) -> None:
    """Try again after a backoff; an unknown outcome stays "sending" so it is looked up first."""
    later = now + backoff(token, row.id)
    Notification.update(
        status="sending" if unknown else "pending",
        next_attempt_at=later,
        locked_until=later if unknown else None,
        last_error=reason,
        updated_at=now,
    ).where(_mine(row, token)).execute()
    report.retrying += 1


def _finish(row, token, status: str, reason: str, now, report: Report) -> None:
    Notification.update(status=status, last_error=reason, locked_until=None, updated_at=now).where(
        _mine(row, token)
    ).execute()
    if status == "failed":
        report.failed += 1
        log.warning("notification %s (%s) failed: %s", row.id, row.kind, reason)
    else:
        report.skipped += 1


def _gave_up(row: Notification, reason: str = "") -> str:
    last = reason or row.last_error
    return f"no se pudo enviar después de {MAX_ATTEMPTS} intentos" + (f": {last}" if last else "")
