"""Services: name, duration, price, cleanup time, who offers them and where."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for

from domain import catalog
from domain.errors import DomainError
from domain.models import Service, Spot, SpotService, Staff, StaffService
from web.dashboard import blueprint
from web.dashboard.lookups import active_staff, owned
from web.forms import Form
from web.viewer import login_required, owner_only, viewer

bp = blueprint("services", __name__, "/servicios")


@bp.get("/")
@login_required
def index():
    services = Service.select().where(Service.org == viewer().org)
    return render_template(
        "dashboard/services.html", services=list(services.order_by(Service.position, Service.id))
    )


@bp.route("/nuevo", methods=["GET", "POST"], defaults={"service_id": None})
@bp.route("/<int:service_id>", methods=["GET", "POST"])
@login_required
def edit(service_id: int | None):
    org = viewer().org
    service = owned(Service, org, service_id) if service_id else None
    form = Form(request.form)
    if request.method == "POST":
        owner_only()
        values = dict(
            name=form.text("name", "el nombre", max_len=120),
            duration_min=form.integer("duration", "la duración", 5, 720),
            price_cents=form.money("price", "el precio"),
            buffer_min=form.integer("buffer", "el tiempo de limpieza", 0, 240, required=False)
            or 0,
            active=form.flag("active"),
            staff_ids=form.ids("staff"),
            spot_ids=form.ids("spots"),
            synonyms=form.text("synonyms", "los otros nombres", required=False, max_len=500),
        )
        if form.ok:
            try:
                service = catalog.save_service(org, service, **values)
                flash(f"{service.name}: cambios guardados.")
                return redirect(url_for(".index")), 303
            except DomainError as error:
                form.error("name", error.message)
    spots = list(Spot.select().where(Spot.org == org, Spot.active == True))  # noqa: E712
    return render_template(
        "dashboard/service_form.html",
        service=service,
        form=form,
        staff=active_staff(org),
        spots=spots,
        # A new service starts offered by everyone, everywhere: the owner unticks exceptions.
        offered_by={
            r.staff_id for r in StaffService.select().where(StaffService.service == service)
        }
        if service
        else {m.id for m in Staff.select().where(Staff.org == org)},
        offered_at={r.spot_id for r in SpotService.select().where(SpotService.service == service)}
        if service
        else {p.id for p in spots},
    ), (422 if form.errors else 200)
