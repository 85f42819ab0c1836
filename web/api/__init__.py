"""The JSON API, /api/v1: bearer tokens from the settings page, JSON errors in Spanish."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, g, jsonify, request

from domain.auth import api_token_for
from domain.errors import (
    BookingConflict,
    DomainError,
    InvalidInput,
    InvalidState,
    NotFound,
    PastCutoff,
)

bp = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_ID = 2**31 - 1
EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


class ApiError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def error_body(status: int, message: str, field: str | None = None):
    error = {"code": status, "message": message}
    if field:
        error["field"] = field
    return jsonify(error=error), status


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    response = error_body(error.status, error.message, error.field)
    if error.status == 401:
        response[0].headers["WWW-Authenticate"] = 'Bearer realm="yume"'
    return response


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    if isinstance(error, NotFound):
        status = 404
    elif isinstance(error, (BookingConflict, InvalidState, PastCutoff)):
        status = 409
    else:
        status = 422 if isinstance(error, InvalidInput) else 400
    return error_body(status, error.message)


@bp.before_request
def _authenticate():
    if request.endpoint == "api.openapi":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(401, "Falta el token: envía el encabezado Authorization: Bearer <token>.")
    token = api_token_for(raw.strip(), now())
    if token is None:
        raise ApiError(401, "El token no es válido o fue revocado.")
    g.api_org = token.org
    return None


def now() -> dt.datetime:
    return current_app.extensions["yume.clock"].now()


def body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "El cuerpo debe ser un objeto JSON (Content-Type: application/json).")
    return data


def text(data, name: str, *, required=False, max_len=200) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise ApiError(422, f"Falta «{name}».", name)
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"«{name}» debe ser texto.", name)
    if "\x00" in value or len(value) > max_len:
        raise ApiError(422, f"«{name}» debe tener hasta {max_len} caracteres válidos.", name)
    return value


def identifier(data, name: str, *, required=False) -> int | None:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise ApiError(422, f"Falta «{name}».", name)
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ID:
        raise ApiError(422, f"«{name}» debe ser un número entero positivo.", name)
    return value


def date(data, name: str, *, default: dt.date | None = None) -> dt.date:
    value = data.get(name)
    if value in (None, ""):
        if default is None:
            raise ApiError(422, f"Falta «{name}» (AAAA-MM-DD).", name)
        return default
    try:
        parsed = (
            dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        )
    except ValueError:
        parsed = None
    if parsed is None or not EARLIEST <= parsed <= LATEST:
        raise ApiError(422, f"«{name}» debe ser una fecha AAAA-MM-DD.", name)
    return parsed


def moment(data, name: str, *, required=False) -> dt.datetime | None:
    value = data.get(name)
    if value is None:
        if required:
            raise ApiError(422, f"Falta «{name}».", name)
        return None
    try:
        parsed = (
            dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if isinstance(value, str)
            else None
        )
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None or not EARLIEST <= parsed.date() <= LATEST:
        raise ApiError(
            422,
            f"«{name}» debe ser fecha y hora con zona, p. ej. 2026-12-03T17:00:00-06:00.",
            name,
        )
    return parsed.astimezone(dt.UTC)


from web.api import openapi, v1  # noqa: E402,F401  (routes attach to bp)
