"""GET /healthz: whether the database (and Redis, when configured) answer."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from domain.db import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    settings = current_app.config["YUME"]
    checks = {"database": _check_database()}
    if settings.redis.url:
        checks["redis"] = _check_redis(settings.redis.url)
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "error", **checks}
    return jsonify(body), 200 if healthy else 503


def _check_database() -> str:
    try:
        db.execute_sql("SELECT 1").fetchone()
        return "ok"
    except Exception as exc:  # noqa: BLE001 - any failure is reported, not raised
        current_app.logger.warning("health: database check failed: %s", exc)
        return "unreachable"


def _check_redis(url: str) -> str:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except RedisError as exc:
        current_app.logger.warning("health: redis check failed: %s", exc)
        return "unreachable"
