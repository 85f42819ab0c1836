"""Branches: add and edit locations (name, address, hours), who works there, which spots."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, locations
from domain.errors import DomainError
from domain.hours import load_hours
from domain.models import Location, Spot, Staff
from web.dashboard import blueprint
from web.dashboard.hours import hours_form_values, parse_hours
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("locations", __name__, "/sucursales")


@bp.get("/")
@login_required
def index():
    org = viewer().org
    branches = list(Location.select().where(Location.org == org).order_by(Location.id))
    staff = list(Staff.select().where(Staff.org == org, Staff.active == True))  # noqa: E712
    return render_template("dashboard/locations.html", branches=branches, staff=staff)


@bp.route("/nueva", methods=["GET", "POST"], defaults={"location_id": None})
@bp.route("/<int:location_id>", methods=["GET", "POST"])
@login_required
def edit(location_id: int | None):
    org = viewer().org
    location = locations.get_location(org, location_id) if location_id else None
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        name = form.text("name", "el nombre", max_len=120)
        address = form.text("address", "la dirección", required=False, max_len=300)
        hours = parse_hours(form)
        staff_ids, spot_ids = form.ids("staff"), form.ids("spots")
        if form.ok:
            try:
                location = locations.save_location(
                    org,
                    location,
                    name=name,
                    address=address,
                    hours=hours,
                    active=form.flag("active"),
                    staff_ids=staff_ids,
                    spot_ids=spot_ids,
                )
                flash(f"{location.name}: cambios guardados.")
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("name", error.message)
        values = form.data
    else:
        # A new branch starts from the first branch's hours, to change what differs.
        model = location or (agenda.locations(org) or [None])[0]
        values = hours_form_values(load_hours(model.hours) if model else {})
    return render_template(
        "dashboard/location_form.html",
        location=location,
        form=form,
        values=values,
        staff=agenda.staff_at(org),
        spots=list(Spot.select().where(Spot.org == org).order_by(Spot.id)),
        ranges=3,
    ), (422 if form.errors else 200)
