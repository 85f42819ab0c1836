"""Spots: chairs, tables and rooms, and which services each can host."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, catalog, locations
from domain.db import db
from domain.errors import DomainError
from domain.models import Spot, SpotService
from web.dashboard import blueprint
from web.dashboard.lookups import active_services, owned
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("spots", __name__, "/lugares")


@bp.get("/")
@login_required
def index():
    org = viewer().org
    spots = Spot.select().where(Spot.org == org).order_by(Spot.id)
    return render_template(
        "dashboard/spots.html",
        spots=list(spots),
        kinds=catalog.SPOT_KINDS,
        branches=agenda.locations(org),
    )


@bp.route("/nuevo", methods=["GET", "POST"], defaults={"spot_id": None})
@bp.route("/<int:spot_id>", methods=["GET", "POST"])
@login_required
def edit(spot_id: int | None):
    org = viewer().org
    spot = owned(Spot, org, spot_id) if spot_id else None
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        name = form.text("name", "el nombre", max_len=80)
        kind = form.choice("kind", "el tipo de lugar", catalog.SPOT_KINDS)
        service_ids = form.ids("services")
        location_id = form.integer("location", "la sucursal", 1, 2**31, required=False)
        if form.ok:
            try:
                with db.atomic():
                    spot = catalog.save_spot(
                        org,
                        spot,
                        name=name,
                        kind=kind,
                        active=form.flag("active"),
                        service_ids=service_ids,
                    )
                    if location_id:
                        locations.move_spot(org, spot, location_id)
                flash(f"{spot.name}: cambios guardados.")
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("name", error.message)
    hosted = (
        {r.service_id for r in SpotService.select().where(SpotService.spot == spot)}
        if spot
        else set()
    )
    branches = agenda.locations(org)
    return render_template(
        "dashboard/spot_form.html",
        branches=branches if len(branches) > 1 else [],
        spot=spot,
        form=form,
        kinds=catalog.SPOT_KINDS,
        services=active_services(org),
        hosted=hosted,
    ), (422 if form.errors else 200)
