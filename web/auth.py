"""Logging in by a link or a code sent over WhatsApp, and logging out.

GET /login/<token> only shows a button: WhatsApp and other apps open links to draw previews,
and a preview must not spend the single-use link. The POST behind the button logs in. Outside
WhatsApp's 24-hour window the phone gets a six-digit code instead, typed on /login/codigo.
A login opens a session recorded in the database; logging out (here, or on every device)
ends it for good, whatever copy of the cookie is left.
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
from domain.auth import (
    LOCK_TIME,
    Throttled,
    check_address,
    consume_login_code,
    consume_login_token,
    end_session,
    end_sessions,
    send_login_links,
    start_session,
)
from domain.errors import DomainError
from domain.models import Staff
from web.forms import Form
from web.security import protect
from web.viewer import viewer

bp = protect(Blueprint("auth", __name__))

SENT = (
    "Si ese número es de alguien del equipo, te mandamos un enlace por WhatsApp (ábrelo en los "
    "próximos 15 minutos) o, si hace más de un día que no escribes al WhatsApp de tu negocio, "
    "un código de 6 dígitos: escríbelo aquí abajo."
)


def _now():
    return current_app.extensions["yume.clock"].now()


def _address() -> str:
    return request.remote_addr or "unknown"


def _home():
    who = viewer()
    return url_for("admin.index") if who.org is None else url_for("agenda.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Ask for a WhatsApp number and send it a way in."""
    if viewer() is not None:
        return redirect(_home())
    form = Form(request.form)
    if request.method == "POST":
        check_address(_address(), _now())
        phone = form.phone("phone", "tu número de WhatsApp")
        if form.ok:
            settings = current_app.config["YUME"]
            send_login_links(phone, operators=settings.platform.operators, now=_now())
            return render_template("auth/sent.html", message=SENT, phone=phone, form=Form({}))
    status = 422 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/login/codigo")
def enter_code():
    """Log in with the six-digit code WhatsApp delivered."""
    now = _now()
    form = Form(request.form)
    phone = form.phone("phone", "tu número de WhatsApp")
    if not form.ok:
        return render_template("auth/login.html", form=form), 422
    try:
        used = consume_login_code(phone, form.raw("code"), address=_address(), now=now)
    except DomainError as error:
        form.error("code", error.message)
        return render_template("auth/sent.html", message=SENT, phone=phone, form=form), 422
    return _open_session(used.staff if used.staff_id else None, phone, now)


@bp.get("/login/<token>")
def confirm(token: str):
    return render_template("auth/confirm.html", token=token)


@bp.post("/login/<token>")
def enter(token: str):
    """Spend the link and open a session for whom it was issued."""
    now = _now()
    check_address(_address(), now)
    used = consume_login_token(token, now)
    if used is None:
        return render_template("auth/expired.html"), 400
    return _open_session(used.staff if used.staff_id else None, used.phone, now)


def _open_session(member: Staff | None, phone: str, now):
    """A new session for a staff member (None: the operator with this phone)."""
    operators = current_app.config["YUME"].platform.operators
    if member is not None and (not member.active or member.org.status != "active"):
        return render_template("auth/expired.html"), 400
    if member is None and phone not in operators:
        return render_template("auth/expired.html"), 400
    session.clear()
    session.permanent = True
    if member is not None:
        session["sid"] = start_session(staff=member, now=now)
        audit.record(f"dashboard:{member.id}", "login", now=now, org=member.org)
        return redirect(url_for("agenda.index"))
    session["sid"] = start_session(operator=phone, now=now)
    audit.record(f"operator:{phone}", "login", now=now)
    return redirect(url_for("admin.index"))


@bp.post("/logout")
def logout():
    end_session(session.get("sid"), _now())
    session.clear()
    flash("Cerraste sesión.")
    return redirect(url_for("auth.login"))


@bp.post("/logout/todos")
def logout_everywhere():
    """End every session of this person, on every device."""
    who = viewer()
    if who is not None:
        if who.staff is not None:
            end_sessions(staff=who.staff, now=_now())
        else:
            end_sessions(operator=who.operator, now=_now())
    session.clear()
    flash("Cerraste sesión en todos tus dispositivos.")
    return redirect(url_for("auth.login"))


@bp.app_errorhandler(Throttled)
def throttled(_error):
    response = current_app.make_response((render_template("auth/throttled.html"), 429))
    response.headers["Retry-After"] = str(int(LOCK_TIME.total_seconds()))
    return response
