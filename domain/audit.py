"""The audit log: who did what that matters later (logins, operator visits, hand-offs)."""

from __future__ import annotations

import datetime as dt

from domain.models import AuditLog, Organization


def record(
    actor: str, action: str, *, now: dt.datetime, org: Organization | None = None, **detail
) -> AuditLog:
    """Write one audit row; detail holds plain JSON values."""
    return AuditLog.create(org=org, actor=actor, action=action, detail=detail, created_at=now)


def count_since(actor: str, actions: tuple[str, ...], since: dt.datetime) -> int:
    """How many rows this actor wrote with one of these actions since a moment."""
    return (
        AuditLog.select()
        .where(
            AuditLog.actor == actor,
            AuditLog.action.in_(actions),
            AuditLog.created_at > since,
        )
        .count()
    )


def latest(org: Organization, action: str, limit: int = 200) -> list[AuditLog]:
    return list(
        AuditLog.select()
        .where(AuditLog.org == org, AuditLog.action == action)
        .order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
        .limit(limit)
    )
