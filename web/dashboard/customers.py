"""Customers: search by name or phone, history, notes, no-shows, and editing."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from peewee import IntegrityError

from domain import customers
from domain.db import db
from domain.errors import DomainError
from domain.models import Customer
from web.dashboard import blueprint, clock
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("customers", __name__, "/clientes")


@bp.get("/")
@login_required
def index():
    org = viewer().org
    text = request.args.get("q", "").strip()[:80]
    if text:
        found = customers.search(org, text, limit=50)
    else:
        found = list(
            Customer.select()
            .where(Customer.org == org)
            .order_by(Customer.created_at.desc())
            .limit(30)
        )
    return render_template("dashboard/customers.html", customers=found, q=text)


@bp.get("/<int:customer_id>")
@login_required
def show(customer_id: int, form: Form | None = None, status: int = 200):
    org, now = viewer().org, clock().now()
    customer = customers.get_customer(org, customer_id)
    return render_template(
        "dashboard/customer.html",
        customer=customer,
        upcoming=customers.upcoming(org, customer, now),
        history=customers.history(org, customer, now, limit=30),
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
    return redirect(url_for(".show", customer_id=customer_id)), 303
