"""Calendar feeds at secret addresses, for Google or Apple Calendar to subscribe to."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app

from domain import calendar_feed
from domain.models import Organization, Staff

bp = Blueprint("feeds", __name__, url_prefix="/calendario")


def _ics(body: bytes, name: str) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'inline; filename="{name}.ics"'
    response.headers["Cache-Control"] = "private, max-age=300"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _now():
    return current_app.extensions["yume.clock"].now()


@bp.get("/negocio/<token>.ics")
def business(token: str):
    org = Organization.get_or_none(Organization.feed_token == token)
    if org is None or org.status != "active":
        abort(404)
    return _ics(calendar_feed.build(org, _now()), "agenda")


@bp.get("/persona/<token>.ics")
def staff(token: str):
    member = Staff.get_or_none((Staff.feed_token == token) & (Staff.active == True))  # noqa: E712
    if member is None or member.org.status != "active":
        abort(404)
    return _ics(calendar_feed.build(member.org, _now(), member), "mi-agenda")
