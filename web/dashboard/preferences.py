"""Settings: booking rules, which notices to send, API tokens and calendar feed links."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from domain import auth, catalog
from domain.errors import DomainError
from domain.models import ApiToken, Organization, Staff, new_secret
from web.dashboard import blueprint, clock, settings
from web.dashboard.lookups import active_staff, owned
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("preferences", __name__, "/ajustes")

SWITCHES = {
    "notify_new_booking": "Avisarme de cada cita nueva",
    "notify_cancellation": "Avisarme cuando cancelan",
    "notify_reschedule": "Avisarme cuando cambian una cita",
    "notify_handoff": "Avisarme cuando un cliente pide hablar con alguien",
    "summary_to_staff": "Mandar a cada persona del equipo su resumen diario",
    "thank_you_enabled": "Mandar un agradecimiento después de la cita",
}


def _read(form: Form) -> dict:
    values = dict(
        name=form.text("name", "el nombre del negocio", max_len=120),
        timezone=form.choice("timezone", "la zona horaria", catalog.TIMEZONES),
        slot_interval_min=form.integer("slot_interval_min", "el intervalo", 5, 60),
        min_notice_min=form.integer("min_notice_min", "la anticipación mínima", 0, 10080),
        horizon_days=form.integer("horizon_days", "el horizonte", 1, 365),
        cancel_cutoff_hours=form.integer("cancel_cutoff_hours", "el límite para cancelar", 0, 168),
        reminder_hours=form.integer("reminder_hours", "el recordatorio", 1, 72),
        second_reminder_hours=form.integer(
            "second_reminder_hours", "el segundo recordatorio", 1, 71, required=False
        ),
        daily_summary_time=form.time("daily_summary_time", "la hora del resumen"),
        rebook_nudge_weeks=form.integer(
            "rebook_nudge_weeks", "las semanas para invitar a volver", 1, 52, required=False
        ),
    )
    if values["daily_summary_time"] is not None:
        values["daily_summary_time"] = values["daily_summary_time"].strftime("%H:%M")
    values.update({key: form.flag(key) for key in SWITCHES})
    return values


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    org = viewer().org
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        values = _read(form)
        if form.ok:
            try:
                catalog.update_booking_settings(Organization.get_by_id(org.id), **values)
                flash("Ajustes guardados.")
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("settings", error.message)
    return _page(form)


def _page(form: Form, new_token: str | None = None, status: int | None = None):
    org, who = viewer().org, viewer()
    tokens = ApiToken.select().where(ApiToken.org == org).order_by(ApiToken.created_at.desc())
    return render_template(
        "dashboard/preferences.html",
        form=form,
        org=org,
        switches=SWITCHES,
        timezones=catalog.TIMEZONES,
        intervals=catalog.SLOT_INTERVALS,
        tokens=list(tokens) if who.is_owner else [],
        new_token=new_token,
        base_url=settings().app.public_base_url.rstrip("/"),
        staff=active_staff(org) if who.is_owner else [who.staff] if who.staff else [],
    ), status or (422 if form.errors else 200)


@bp.post("/tokens")
@login_required
def create_token():
    owner_only()
    form = Form(request.form)
    try:
        _token, raw = auth.create_api_token(viewer().org, form.raw("token_name"), clock().now())
    except DomainError as error:
        form.error("token_name", error.message)
        return _page(form)
    return _page(Form({}), new_token=raw, status=201)  # shown once, in this answer only


@bp.post("/tokens/<int:token_id>/revocar")
@login_required
def revoke_token(token_id: int):
    owner_only()
    token = auth.revoke_api_token(viewer().org, token_id, clock().now())
    flash(f"Token «{token.name}» revocado: ya no abre la API.")
    return redirect(url_for(".index") + "#api"), 303


@bp.post("/calendario/renovar")
@login_required
def rotate_feed():
    """Give a feed a new secret address; the old one stops working at once."""
    org, who = viewer().org, viewer()
    target = request.form.get("staff", "")
    if target.isdigit():
        member = owned(Staff, org, int(target))
        if not who.may_change(member.id):
            owner_only()
        Staff.update(feed_token=new_secret()).where(Staff.id == member.id).execute()
    else:
        owner_only()
        Organization.update(feed_token=new_secret()).where(Organization.id == org.id).execute()
    flash("Nueva dirección del calendario lista; la anterior dejó de funcionar.")
    return redirect(url_for(".index") + "#calendario"), 303
