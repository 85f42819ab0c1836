"""Who is looking at the dashboard, loaded from the session on every request.

A viewer is a staff member of one business, or a platform operator (who may be opening a
business's dashboard as its owner). Every dashboard query is scoped to `viewer.org`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from flask import abort, current_app, g, redirect, request, session, url_for

from domain import audit
from domain.auth import end_session, live_session
from domain.models import Organization, Staff


@dataclass
class Viewer:
    org: Organization | None
    staff: Staff | None = None
    operator: str | None = None  # the operator's phone

    @property
    def is_owner(self) -> bool:
        return self.operator is not None or (self.staff is not None and self.staff.is_owner)

    @property
    def name(self) -> str:
        return self.staff.name if self.staff else "Operador de Yume"

    @property
    def actor(self) -> str:
        """How booking services and the audit log name this person."""
        return f"dashboard:{self.staff.id}" if self.staff else "dashboard:operator"

    def may_change(self, staff_id: int | None) -> bool:
        """Owners change anything in the business; employees only their own agenda."""
        return self.is_owner or (self.staff is not None and staff_id == self.staff.id)


def load_viewer() -> Viewer | None:
    """The viewer of this request's session, or None (and a cleared session) if it ended.

    The cookie only carries the session's id: who it belongs to, and whether it still lasts
    (not logged out, not idle too long, not too old, the member still active in the same
    role), is read from the database on every request.
    """
    if not session.get("sid"):
        if "staff_id" in session or "operator" in session:
            session.clear()  # a cookie from before sessions were recorded
        return None
    settings = current_app.config["YUME"]
    now = current_app.extensions["yume.clock"].now()
    row = live_session(
        session["sid"],
        now,
        idle=dt.timedelta(hours=settings.app.session_idle_hours),
        longest=dt.timedelta(days=settings.app.session_max_days),
    )
    if row is None:
        session.clear()
        return None
    if row.staff_id is not None:
        member = (
            Staff.select(Staff, Organization)
            .join(Organization)
            .where(Staff.id == row.staff_id, Staff.active == True)  # noqa: E712
            .first()
        )
        if member is None or member.org.status != "active":
            session.clear()
            return None
        return Viewer(member.org, member)
    if row.operator not in settings.platform.operators:
        end_session(session["sid"], now)
        session.clear()
        return None
    org = Organization.get_or_none(Organization.id == session.get("as_org"))
    return Viewer(org, operator=row.operator)


def viewer() -> Viewer | None:
    if "viewer" not in g:
        g.viewer = load_viewer()
    return g.viewer


def login_required(view):
    """Dashboard pages: a logged-in person of a business; operator visits are audited."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        who = viewer()
        if who is None:
            return redirect(url_for("auth.login", next=request.path))
        if who.org is None:
            return redirect(url_for("admin.index"))
        if who.operator:
            clock = current_app.extensions["yume.clock"]
            audit.record(
                f"operator:{who.operator}",
                "operator_visit",
                now=clock.now(),
                org=who.org,
                method=request.method,
                path=request.path,
            )
        return view(*args, **kwargs)

    return wrapped


def owner_only() -> None:
    """Stop an employee at a change only owners make."""
    if not viewer().is_owner:
        abort(403)


def require_change(staff_id: int | None) -> None:
    if not viewer().may_change(staff_id):
        abort(403)
