"""The Flask application: webhooks, dashboard, admin, JSON API and simulator."""

from __future__ import annotations

from flask import Flask

from domain import notices
from domain.clock import Clock, SystemClock
from domain.db import connect_database, db
from domain.logs import configure_logging
from domain.settings import Settings, load_settings


def create_app(
    settings: Settings | None = None, *, clock: Clock | None = None, start_jobs: bool = False
) -> Flask:
    """Build the app from settings (config.yaml + environment when not given).

    start_jobs=True (`make run`) runs the background jobs in this process when there is no
    REDIS_URL; with Redis, `make worker` and `make scheduler` run them instead.
    """
    settings = settings or load_settings()
    configure_logging(settings.app.log_level)
    app = Flask(__name__)
    app.config.update(SECRET_KEY=settings.app.secret_key, YUME=settings)
    app.extensions["yume.clock"] = clock or SystemClock()
    connect_database(settings.database.url)

    @app.before_request
    def _open_db():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close_db(_exc):
        if not db.is_closed():
            db.close()

    from web import cli, health, status

    notices.register()
    app.register_blueprint(health.bp)
    app.register_blueprint(status.bp)
    cli.register(app)
    if start_jobs and not settings.redis.url:
        _start_jobs(app, settings)
    return app


def _start_jobs(app: Flask, settings: Settings) -> None:
    from werkzeug.serving import is_running_from_reloader

    from scheduler.inprocess import InProcessRunner
    from scheduler.runtime import build

    if app.debug and not is_running_from_reloader():
        return  # the reloader's child process runs them
    current = build(settings, clock=app.extensions["yume.clock"])
    app.extensions["yume.jobs"] = InProcessRunner(current).start()
