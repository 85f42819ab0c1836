"""The business dashboard: one blueprint per page, all under /panel."""

from __future__ import annotations

from flask import Blueprint, current_app

from domain.errors import NotFound
from web.errors import not_found
from web.security import protect


def blueprint(name: str, import_name: str, prefix: str) -> Blueprint:
    """A dashboard blueprint: CSRF-protected, and 404 for records of other businesses."""
    bp = protect(Blueprint(name, import_name, url_prefix=f"/panel{prefix}"))
    bp.register_error_handler(NotFound, not_found)
    return bp


def clock():
    return current_app.extensions["yume.clock"]


def settings():
    return current_app.config["YUME"]


def register(app) -> None:
    from web.dashboard import (
        agenda,
        conversations,
        customers,
        faq,
        hours,
        locations,
        menu,
        messages,
        notifications,
        preferences,
        services,
        spots,
        summary,
        team,
    )

    for module in (
        agenda,
        conversations,
        customers,
        faq,
        hours,
        locations,
        menu,
        messages,
        notifications,
        preferences,
        services,
        spots,
        summary,
        team,
    ):
        app.register_blueprint(module.bp)
