"""Platform admin for Yume's operators: businesses, statistics, conversation debugging, and
opening any business's dashboard as its owner (every visit audited)."""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from domain import audit, handoff, platform
from domain.models import Conversation, Organization
from domain.phones import normalize_phone
from web.security import protect
from web.viewer import viewer

bp = protect(Blueprint("admin", __name__, url_prefix="/admin"))


def operator_required(view):
    """Operators only; anyone else gets a 404, as if the page did not exist."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        who = viewer()
        if who is None:
            return redirect(url_for("auth.login", next=request.path))
        if who.operator is None:
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def _now():
    return current_app.extensions["yume.clock"].now()


def _actor() -> str:
    return f"operator:{viewer().operator}"


@bp.get("/")
@operator_required
def index():
    return render_template(
        "admin/index.html",
        businesses=platform.businesses(),
        totals=platform.totals(),
        days=platform.daily(_now()),
    )


@bp.post("/negocios/<int:org_id>/abrir")
@operator_required
def open_business(org_id: int):
    """Open a business's dashboard as its owner; written to the audit log."""
    org = Organization.get_or_none(Organization.id == org_id) or abort(404)
    session["as_org"] = org.id
    audit.record(_actor(), "operator_open", now=_now(), org=org)
    return redirect(url_for("agenda.index")), 303


@bp.post("/salir-del-negocio")
@operator_required
def leave_business():
    session.pop("as_org", None)
    return redirect(url_for(".index")), 303


@bp.post("/negocios/<int:org_id>/estado")
@operator_required
def set_status(org_id: int):
    org = Organization.get_or_none(Organization.id == org_id) or abort(404)
    status = request.form.get("status")
    if status not in ("active", "suspended"):
        abort(400)
    Organization.update(status=status).where(Organization.id == org.id).execute()
    audit.record(_actor(), "business_status", now=_now(), org=org, status=status)
    flash(f"{org.name}: {'activo' if status == 'active' else 'suspendido'}.")
    return redirect(url_for(".index")), 303


@bp.get("/conversaciones")
@operator_required
def conversations():
    text = request.args.get("telefono", "").strip()
    phone = normalize_phone(text) if text else None
    query = Conversation.select().order_by(Conversation.updated_at.desc()).limit(50)
    if text:
        query = query.where(Conversation.phone == (phone or text))
    return render_template("admin/conversations.html", conversations=list(query), q=text)


@bp.get("/conversaciones/<int:conversation_id>")
@operator_required
def conversation(conversation_id: int):
    """Everything about one chat: flow, state, slots and each message with its raw payload."""
    chat = Conversation.get_or_none(Conversation.id == conversation_id) or abort(404)
    audit.record(_actor(), "operator_debug", now=_now(), org=chat.org, conversation=chat.id)
    return render_template(
        "admin/conversation.html", chat=chat, messages=handoff.transcript(chat, limit=500)
    )


@bp.get("/configuracion")
@operator_required
def configuration():
    """What `flask --app web doctor` says about the running configuration."""
    from web import doctor

    settings = current_app.config["YUME"]
    results = doctor.findings(settings)
    return render_template(
        "admin/configuration.html",
        findings=results,
        summary=doctor.summary(settings, results),
    )
