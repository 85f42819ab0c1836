"""Error pages in Spanish for the dashboard, admin and login; JSON errors under /api/.

Other parts of the app (webhooks, the simulator) keep Flask's default error responses.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request

MESSAGES = {
    400: "La solicitud no es válida. Vuelve a cargar la página e inténtalo de nuevo.",
    403: "Solo la persona dueña del negocio puede hacer este cambio.",
    404: "No encontramos lo que buscas.",
    405: "Esa acción no está permitida aquí.",
    429: "Demasiados intentos. Espera unos minutos e inténtalo de nuevo.",
}
CSRF = "La página expiró. Vuelve a cargarla e inténtalo de nuevo."
PAGES = ("/panel", "/admin", "/login", "/logout", "/calendario")


def init_app(app: Flask) -> None:
    for code in MESSAGES:
        app.register_error_handler(code, _page)


def not_found(_error):
    """A record of another business (or none at all): always 404, never its data."""
    return _page(_Status(404))


class _Status:
    def __init__(self, code):
        self.code, self.description = code, None


def _page(error):
    code = getattr(error, "code", 500) or 500
    message = CSRF if getattr(error, "description", None) == "csrf" else MESSAGES.get(code)
    if request.path.startswith("/api/"):
        return jsonify(error={"code": code, "message": message}), code
    if not request.path.startswith(PAGES):
        return error
    return render_template("error.html", code=code, message=message), code
