"""Logging in by a link sent over WhatsApp, and logging out.

GET /login/<token> only shows a button: WhatsApp and other apps open links to draw previews,
and a preview must not spend the single-use link. The POST behind the button logs in.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from domain import audit
from domain.auth import Throttled, check_address, consume_login_token, send_login_links
from web.forms import Form
from web.security import protect
from web.viewer import viewer

bp = protect(Blueprint("auth", __name__))

SENT = (
    "Si ese número es de alguien del equipo, te mandamos un enlace por WhatsApp. "
    "Ábrelo en los próximos 15 minutos."
)


def _now():
    return current_app.extensions["yume.clock"].now()


def _home():
    who = viewer()
    return url_for("admin.index") if who.org is None else url_for("agenda.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Ask for a WhatsApp number and send it a login link."""
    if viewer() is not None:
        return redirect(_home())
    form = Form(request.form)
    if request.method == "POST":
        check_address(request.remote_addr or "unknown", _now())
        phone = form.phone("phone", "tu número de WhatsApp")
        if form.ok:
            settings = current_app.config["YUME"]
            send_login_links(
                phone,
                operators=settings.platform.operators,
                base_url=settings.app.public_base_url,
                now=_now(),
            )
            return render_template("auth/sent.html", message=SENT)
    status = 422 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.get("/login/<token>")
def confirm(token: str):
    return render_template("auth/confirm.html", token=token)


@bp.post("/login/<token>")
def enter(token: str):
    """Spend the link and open a session for whom it was issued."""
    now = _now()
    check_address(request.remote_addr or "unknown", now)
    used = consume_login_token(token, now)
    member = used.staff if used and used.staff_id else None
    operators = current_app.config["YUME"].platform.operators
    if used is None or (member and (not member.active or member.org.status != "active")):
        return render_template("auth/expired.html"), 400
    if member is None and used.phone not in operators:
        return render_template("auth/expired.html"), 400
    session.clear()
    session.permanent = True
    if member is not None:
        session["staff_id"] = member.id
        audit.record(f"dashboard:{member.id}", "login", now=now, org=member.org)
        return redirect(url_for("agenda.index"))
    session["operator"] = used.phone
    audit.record(f"operator:{used.phone}", "login", now=now)
    return redirect(url_for("admin.index"))


@bp.post("/logout")
def logout():
    session.clear()
    flash("Cerraste sesión.")
    return redirect(url_for("auth.login"))


@bp.app_errorhandler(Throttled)
def throttled(_error):
    return render_template("auth/throttled.html"), 429
