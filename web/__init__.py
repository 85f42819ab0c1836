"""The Flask application: webhooks, dashboard, admin, JSON API and simulator."""

from __future__ import annotations

from flask import Flask

from bot.engine import Engine
from bot.numbers import NumberPool
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
    app.config.update(YUME=settings)
    app.extensions["yume.clock"] = clock or SystemClock()
    app.extensions["yume.engine"] = Engine(
        settings, app.extensions["yume.clock"], _llm(settings), _numbers(settings)
    )
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    connect_database(settings.database.url)

    @app.before_request
    def _open_db():
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close_db(_exc):
        if not db.is_closed():
            db.close()

    from web import (
        admin,
        api,
        auth,
        cli,
        dashboard,
        doctor,
        errors,
        feeds,
        health,
        security,
        simulator,
        status,
        templating,
        webhooks,
    )

    notices.register()
    security.init_app(app, settings)
    templating.init_app(app)
    errors.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(status.bp)
    if settings.simulator_enabled:
        app.register_blueprint(simulator.bp)
    app.register_blueprint(auth.bp)
    dashboard.register(app)
    app.register_blueprint(admin.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feeds.bp)
    security.limit(app, settings, login=auth.bp, api=api.bp)
    cli.register(app)
    doctor.warn_at_startup(settings, app.extensions["yume.clock"].now())
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


def _numbers(settings: Settings) -> NumberPool:
    """Numbers for new businesses: the pool, and Twilio purchases when switched on."""
    buyer = None
    if settings.twilio.buy_numbers and settings.twilio.account_sid:
        from bot.channels.twilio_numbers import TwilioNumbers

        buyer = TwilioNumbers(settings)
    return NumberPool(settings.twilio, buyer)


def _llm(settings: Settings):
    """The LLM reader when an API key is configured; rules alone otherwise."""
    if not settings.openai.api_key:
        return None
    from bot.nlu.llm import LLMReader

    return LLMReader(settings.openai)
