"""What customers ask: the owner's questions and answers, how to pay, where on the map.

Yume answers these on WhatsApp from what is written here; customers' questions are matched
by meaning, so one question written the way a customer would ask it is enough.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from domain import faq, info
from domain.availability import default_location
from domain.errors import DomainError
from web.dashboard import blueprint
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("faq", __name__, "/preguntas")


@bp.get("/")
@login_required
def index():
    org = viewer().org
    return render_template(
        "dashboard/faq.html",
        questions=faq.questions(org),
        org=org,
        location=default_location(org),
        map_link=info.map_link(default_location(org)),
        form=Form({}),
    )


@bp.route("/nueva", methods=["GET", "POST"], defaults={"entry_id": None})
@bp.route("/<int:entry_id>", methods=["GET", "POST"])
@login_required
def edit(entry_id: int | None):
    org = viewer().org
    entry = faq.get_question(org, entry_id) if entry_id else None
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        question = form.text("question", "la pregunta", max_len=faq.MAX_QUESTION)
        answer = form.text("answer", "la respuesta", max_len=faq.MAX_ANSWER)
        if form.ok:
            try:
                if entry:
                    faq.update_question(org, entry.id, question, answer)
                else:
                    faq.add_question(org, question, answer)
                flash("Pregunta guardada.")
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("question", error.message)
    return render_template("dashboard/faq_form.html", entry=entry, form=form), (
        422 if form.errors else 200
    )


@bp.post("/<int:entry_id>/borrar")
@login_required
def remove(entry_id: int):
    owner_only()
    faq.remove_question(viewer().org, entry_id)
    flash("Pregunta borrada.")
    return redirect(url_for(".index")), 303


@bp.post("/datos")
@login_required
def details():
    """How to pay, and the map point of the business."""
    owner_only()
    org = viewer().org
    form = Form(request.form)
    methods = form.text("payment_methods", "las formas de pago", required=False, max_len=300)
    latitude = _coordinate(form, "latitude", "la latitud")
    longitude = _coordinate(form, "longitude", "la longitud")
    if form.ok:
        try:
            info.update_details(
                org,
                default_location(org),
                payment_methods=methods,
                latitude=latitude,
                longitude=longitude,
            )
            flash("Datos guardados.")
            return redirect(url_for(".index")), 303
        except DomainError as error:
            form.error("latitude", error.message)
    location = default_location(org)
    return render_template(
        "dashboard/faq.html",
        questions=faq.questions(org),
        org=org,
        location=location,
        map_link=info.map_link(location),
        form=form,
    ), 422


def _coordinate(form: Form, name: str, label: str) -> float | None:
    text = form.raw(name).replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        form.error(name, f"Escribe {label} como número, por ejemplo 19.4191.")
        return None
