"""Customers: search as you type, history and figures, notes, editing."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from peewee import IntegrityError

from domain import customers
from domain.db import db
from domain.errors import DomainError
from domain.models import Customer
from domain.phones import display_phone
from web.dashboard import blueprint, clock
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("customers", __name__, "/clientes")


def _found(text: str) -> list[Customer]:
    org = viewer().org
    if text:
        return customers.search(org, text, limit=50)
    return list(
        Customer.select().where(Customer.org == org).order_by(Customer.created_at.desc()).limit(30)
    )


@bp.get("/")
@login_required
def index():
    """The customer list; ?parcial=1 answers only the results (search as you type)."""
    text = request.args.get("q", "").strip()[:80]
    template = "dashboard/_customer_results.html" if request.args.get("parcial") else None
    return render_template(template or "dashboard/customers.html", customers=_found(text), q=text)


@bp.get("/buscar")
@login_required
def lookup():
    """Customers matching q, as JSON, for the booking form's client picker."""
    text = request.args.get("q", "").strip()[:80]
    found = customers.search(viewer().org, text, limit=8) if len(text) >= 2 else []
    return jsonify(
        customers=[{"id": c.id, "name": c.name, "phone": display_phone(c.phone)} for c in found]
    )


@bp.get("/<int:customer_id>")
@login_required
def show(customer_id: int, form: Form | None = None, status: int = 200):
    org, now = viewer().org, clock().now()
    customer = customers.get_customer(org, customer_id)
    history = customers.history(org, customer, now, limit=30)
    upcoming = customers.upcoming(org, customer, now)
    return render_template(
        "dashboard/customer.html",
        customer=customer,
        upcoming=upcoming,
        history=history,
        figures=customers.figures(org, customer),
        notes=customers.notes_of(customer),
        last=(history or upcoming or [None])[0],  # "Agendar otra vez" repeats it
        form=form or Form({}),
    ), status


@bp.post("/<int:customer_id>")
@login_required
def edit(customer_id: int):
    """Change a customer's name and WhatsApp; refuse a phone another customer has."""
    owner_only()
    customer = customers.get_customer(viewer().org, customer_id)
    form = Form(request.form)
    name = form.text("name", "el nombre", max_len=120)
    phone = form.phone("phone", required=False)
    if form.ok:
        customer.name, customer.phone = customers.clean_name(name), phone
        customer.name_confirmed = True
        try:
            with db.atomic():
                customer.save()
            flash("Cliente actualizado.")
            return redirect(url_for(".show", customer_id=customer_id)), 303
        except IntegrityError:
            form.error("phone", "Ese WhatsApp ya es de otro cliente.")
    return show(customer_id, form=form, status=422)


@bp.post("/<int:customer_id>/nota")
@login_required
def note(customer_id: int):
    owner_only()
    customer = customers.get_customer(viewer().org, customer_id)
    form = Form(request.form)
    try:
        customers.add_note(
            customer, form.raw("note")[:1000], author=viewer().name, now=clock().now()
        )
        flash("Nota agregada.")
    except DomainError as error:
        form.error("note", error.message)
        return show(customer_id, form=form, status=422)
    return redirect(url_for(".show", customer_id=customer_id) + "#notas"), 303


@bp.post("/<int:customer_id>/nota/<int:index>/<action>")
@login_required
def change_note(customer_id: int, index: int, action: str):
    """Edit or remove one note; refused when it changed since the page was shown."""
    owner_only()
    customer = customers.get_customer(viewer().org, customer_id)
    form = Form(request.form)
    try:
        if action == "editar":
            customers.edit_note(customer, index, form.raw("line"), form.raw("text"))
            flash("Nota guardada.")
        elif action == "quitar":
            customers.remove_note(customer, index, form.raw("line"))
            flash("Nota quitada.")
        else:
            return render_template("error.html", code=404, message="Acción desconocida."), 404
    except DomainError as error:
        form.error(f"note{index}", error.message)
        return show(customer_id, form=form, status=422)
    return redirect(url_for(".show", customer_id=customer_id) + "#notas"), 303
