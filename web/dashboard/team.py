"""Team: staff members, their roles, WhatsApp, services and own hours."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from domain import agenda, catalog, locations, team
from domain.db import db
from domain.errors import DomainError
from domain.hours import load_hours
from domain.models import Staff
from web.dashboard import blueprint, clock
from web.dashboard.hours import hours_form_values, parse_hours
from web.dashboard.lookups import active_services, owned
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("team", __name__, "/equipo")


@bp.get("/")
@login_required
def index():
    org = viewer().org
    members = Staff.select().where(Staff.org == org).order_by(Staff.position, Staff.id)
    return render_template(
        "dashboard/team.html",
        members=list(members),
        roles=catalog.ROLES,
        invited=team.pending(org, clock().now()),
        branches=agenda.locations(org),
    )


@bp.route("/nuevo", methods=["GET", "POST"], defaults={"staff_id": None})
@bp.route("/<int:staff_id>", methods=["GET", "POST"])
@login_required
def edit(staff_id: int | None):
    org = viewer().org
    member = owned(Staff, org, staff_id) if staff_id else None
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        name = form.text("name", "el nombre", max_len=120)
        phone = form.phone("phone", required=False)
        role = form.choice("role", "un rol", catalog.ROLES)
        service_ids = form.ids("services")
        own = form.flag("own_hours")
        hours = parse_hours(form) if own else None
        color = form.integer("color", "el color", 0, Staff.PALETTE - 1, required=False)
        location_id = form.integer("location", "la sucursal", 1, 2**31, required=False)
        if form.ok:
            try:
                with db.atomic():
                    member = catalog.save_staff(
                        org,
                        member,
                        name=name,
                        role=role,
                        active=form.flag("active"),
                        service_ids=service_ids,
                    )
                    catalog.set_staff_hours(member, hours)
                    invited = team.set_phone(
                        org, member, phone, by=viewer().name, now=clock().now()
                    )
                    catalog.set_staff_color(member, color)
                    if "location" in form.data:
                        locations.assign_staff(org, member, location_id)
                flash(f"{member.name}: cambios guardados.")
                if invited is not None:
                    flash(team.INVITED.format(name=member.name))
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("name", error.message)
    offered = {s.service_id for s in member.staffservice_set} if member else set()
    branches = agenda.locations(org)
    return render_template(
        "dashboard/staff_form.html",
        member=member,
        invitation=team.pending(org, clock().now()).get(member.id) if member else None,
        form=form,
        roles=catalog.ROLES,
        services=active_services(org),
        offered=offered,
        branches=branches if len(branches) > 1 else [],
        palette=range(Staff.PALETTE),
        # Without hours of their own, the editor starts from the business's, to narrow.
        hours=hours_form_values(
            load_hours(member.hours if member and member.hours else catalog.business_hours(org))
        ),
    ), (422 if form.errors else 200)
