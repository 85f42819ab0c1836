"""Messages Yume sent (or tried to): status, and why a failure failed."""

from __future__ import annotations

from flask import render_template, request

from domain.models import Notification
from web.dashboard import blueprint
from web.viewer import login_required, viewer

bp = blueprint("notifications", __name__, "/mensajes")

FILTERS = {"": "Todos", "failed": "Fallidos", "pending": "Pendientes", "sent": "Enviados"}
PAGE = 50


@bp.get("/")
@login_required
def index():
    org = viewer().org
    shown = request.args.get("estado", "")
    query = Notification.select().where(Notification.org == org)
    if shown == "sent":
        query = query.where(Notification.status.in_(("sent", "delivered", "read")))
    elif shown in FILTERS and shown:
        query = query.where(Notification.status == shown)
    before = request.args.get("antes", "")
    if before.isdigit():
        query = query.where(Notification.id < int(before))
    rows = list(query.order_by(Notification.id.desc()).limit(PAGE))
    return render_template(
        "dashboard/notifications.html",
        rows=rows,
        filters=FILTERS,
        shown=shown if shown in FILTERS else "",
        more=len(rows) == PAGE,
        masked=not viewer().is_owner,
    )
