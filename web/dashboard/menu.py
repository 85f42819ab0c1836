"""The dashboard's home and its "Más" menu."""

from __future__ import annotations

from flask import redirect, render_template, url_for

from web.dashboard import blueprint, settings
from web.viewer import login_required, viewer

bp = blueprint("menu", __name__, "")


@bp.get("/")
@login_required
def home():
    return redirect(url_for("agenda.index"))


@bp.get("/mas")
@login_required
def index():
    current = settings()  # on a public host the simulator is for operators only
    usable = current.simulator_enabled and (current.is_local or viewer().operator is not None)
    return render_template("dashboard/menu.html", simulator=usable)
