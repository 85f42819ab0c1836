"""What is unsafe or missing in the running configuration, and what to do about it.

`findings(settings)` returns structured results for `flask --app web doctor` and the admin's
configuration page alike. A finding is "unsafe" when a public host must not run that way (the
command then exits non-zero), a "warning" when something will not work as expected, "ok"
otherwise. On a loopback address (`make run`, tests) the public-host rules do not apply.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from domain import notice_templates
from domain.db import db
from domain.settings import Settings

log = logging.getLogger(__name__)

OK, WARNING, UNSAFE = "ok", "warning", "unsafe"
LABELS = {OK: "bien", WARNING: "aviso", UNSAFE: "inseguro"}


@dataclass(frozen=True)
class Finding:
    level: str  # ok | warning | unsafe
    topic: str  # the setting or part concerned, e.g. "SECRET_KEY"
    message: str  # what was found (es-MX)
    fix: str = ""  # what to do

    @property
    def label(self) -> str:
        return LABELS[self.level]


def findings(settings: Settings) -> list[Finding]:
    """Every check, in the order an operator should fix them."""
    return [
        *_secret_key(settings),
        *_webhooks(settings),
        *_simulator(settings),
        *_proxies(settings),
        *_templates(settings),
        *_metrics(settings),
        *_database(),
        *_redis_and_scheduler(settings),
    ]


def unsafe(results: list[Finding]) -> bool:
    return any(f.level == UNSAFE for f in results)


def summary(settings: Settings, results: list[Finding]) -> str:
    where = "local" if settings.is_local else "host público"
    if unsafe(results):
        return f"{where}: hay ajustes inseguros"
    if any(f.level == WARNING for f in results):
        return f"{where}: funciona, con avisos"
    return f"{where}, todo en orden"


def _secret_key(settings: Settings) -> list[Finding]:
    problem = settings.secret_key_problem()
    if problem is None:
        return [Finding(OK, "SECRET_KEY", "La clave secreta es larga y propia.")]
    if settings.takes_real_traffic:
        return [
            Finding(
                UNSAFE,
                "SECRET_KEY",
                "La clave que firma las sesiones falta, es pública o es corta; la app no "
                "arranca así con tráfico real.",
                "Define SECRET_KEY con un valor aleatorio de 32 caracteres o más, por ejemplo "
                '`python -c "import secrets; print(secrets.token_urlsafe(48))"`.',
            )
        ]
    return [Finding(OK, "SECRET_KEY", "Local: se usa una clave aleatoria guardada en instance/.")]


def _webhooks(settings: Settings) -> list[Finding]:
    twilio = settings.twilio
    if twilio.auth_token:
        return [Finding(OK, "TWILIO_AUTH_TOKEN", "El webhook de Twilio exige firma válida.")]
    if settings.is_local:
        return [Finding(OK, "TWILIO_AUTH_TOKEN", "Local: el webhook acepta mensajes sin firmar.")]
    return [
        Finding(
            UNSAFE,
            "TWILIO_AUTH_TOKEN",
            "En un host público el webhook de Twilio no tiene con qué comprobar las firmas: "
            "responde 403 a todo hasta que se configure.",
            "Define TWILIO_AUTH_TOKEN (y TWILIO_ACCOUNT_SID) de tu cuenta de Twilio.",
        )
    ]


def _simulator(settings: Settings) -> list[Finding]:
    if not settings.simulator_enabled:
        return [Finding(OK, "SIMULATOR", "El simulador está apagado.")]
    if settings.is_local:
        return [Finding(OK, "SIMULATOR", "Local: el simulador está abierto en esta máquina.")]
    return [
        Finding(
            WARNING,
            "SIMULATOR",
            "El simulador está encendido en un host público: solo lo abren operadores con "
            "sesión, y nunca muestra enlaces ni códigos de acceso.",
            "Si no lo necesitas, pon SIMULATOR=off (o auto).",
        )
    ]


def _proxies(settings: Settings) -> list[Finding]:
    if settings.is_local:
        return [Finding(OK, "TRUSTED_PROXIES", "Local: sin proxy.")]
    found = []
    if not settings.app.public_base_url.startswith("https://"):
        found.append(
            Finding(
                UNSAFE,
                "PUBLIC_BASE_URL",
                "La dirección pública no usa https: las sesiones y los enlaces viajan sin cifrar.",
                "Pon la app detrás de un proxy TLS y usa PUBLIC_BASE_URL=https://….",
            )
        )
    if settings.app.trusted_proxies == 0:
        found.append(
            Finding(
                WARNING,
                "TRUSTED_PROXIES",
                "No se confía en ningún proxy: detrás de uno, todos los visitantes parecen "
                "venir de la misma dirección y los límites de intentos los bloquean juntos.",
                "Con un proxy TLS delante pon TRUSTED_PROXIES=1 (uno por cada proxy).",
            )
        )
    else:
        found.append(
            Finding(
                OK,
                "TRUSTED_PROXIES",
                f"Se confía en {settings.app.trusted_proxies} proxy(s) delante de la app."
                if settings.app.trusted_proxies > 1
                else "Se confía en el proxy delante de la app.",
            )
        )
    return found


def _templates(settings: Settings) -> list[Finding]:
    if not (settings.twilio.account_sid and settings.twilio.auth_token):
        return [Finding(OK, "twilio.templates", "Sin Twilio no hacen falta plantillas.")]
    missing = notice_templates.unconfigured(
        settings.twilio.templates, settings.app.login_outside_window
    )
    if not missing:
        return [Finding(OK, "twilio.templates", "Cada aviso tiene su plantilla aprobada.")]
    return [
        Finding(
            WARNING,
            "twilio.templates",
            "Sin plantilla, estos avisos no salen fuera de la ventana de 24 horas de WhatsApp: "
            + ", ".join(missing)
            + ".",
            "Regístralas con el texto de `flask --app web templates` y pon cada Content SID "
            "en twilio.templates.",
        )
    ]


def _metrics(settings: Settings) -> list[Finding]:
    """A metrics endpoint, where this installation has one, needs its token off loopback."""
    token = getattr(settings.app, "metrics_token", None)
    if token is None or settings.is_local or token:
        return []
    return [
        Finding(
            UNSAFE,
            "METRICS_TOKEN",
            "Las métricas no piden token en un host público.",
            "Define METRICS_TOKEN con un valor aleatorio.",
        )
    ]


def _database() -> list[Finding]:
    from domain.migrate import pending

    try:
        waiting = _connected(lambda: (db.execute_sql("SELECT 1").fetchone(), pending())[1])
    except Exception as error:  # noqa: BLE001 - any failure is the finding
        return [
            Finding(
                UNSAFE,
                "DATABASE_URL",
                f"La base de datos no responde: {type(error).__name__}.",
                "Revisa DATABASE_URL y que el servidor esté arriba.",
            )
        ]
    if waiting:
        return [
            Finding(
                UNSAFE,
                "migraciones",
                f"Faltan migraciones por aplicar: {', '.join(waiting)}.",
                "Corre `make migrate` (flask --app web db-upgrade).",
            )
        ]
    return [Finding(OK, "DATABASE_URL", "La base de datos responde y su esquema está al día.")]


def _redis_and_scheduler(settings: Settings) -> list[Finding]:
    if not settings.redis.url:
        return [
            Finding(
                OK if settings.is_local else WARNING,
                "REDIS_URL",
                "Sin Redis: los trabajos corren dentro del proceso web de `make run`.",
                ""
                if settings.is_local
                else "En producción define REDIS_URL y corre `make worker` y `make scheduler`.",
            )
        ]
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        connection = Redis.from_url(settings.redis.url, socket_connect_timeout=2, socket_timeout=2)
        connection.ping()
        alive = connection.exists("rq:scheduler") and not connection.hexists(
            "rq:scheduler", "death"
        )
    except RedisError as error:
        return [
            Finding(
                UNSAFE,
                "REDIS_URL",
                f"Redis no responde: {type(error).__name__}.",
                "Revisa REDIS_URL y que Redis esté arriba.",
            )
        ]
    found = [Finding(OK, "REDIS_URL", "Redis responde.")]
    if alive:
        found.append(Finding(OK, "scheduler", "rqscheduler se vio hace menos de un minuto."))
    else:
        found.append(
            Finding(
                WARNING,
                "scheduler",
                "No hay un rqscheduler vivo: recordatorios, resúmenes y avisos no salen.",
                "Corre `make scheduler` (y al menos un `make worker`).",
            )
        )
    return found


def warn_at_startup(settings: Settings, now: dt.datetime) -> None:
    """Say once, in the log, what a public host is missing; send again what only lacked a
    template that is now configured."""
    from web.security import serving

    if not settings.is_local and not settings.twilio.auth_token:
        log.error(
            "public address %s without TWILIO_AUTH_TOKEN: the Twilio webhook answers 403 to "
            "every request until it is set",
            settings.app.public_base_url,
        )
    if not (settings.twilio.account_sid and settings.twilio.auth_token):
        return
    missing = notice_templates.unconfigured(
        settings.twilio.templates, settings.app.login_outside_window
    )
    if missing:
        log.warning(
            "Twilio templates not configured (twilio.templates): %s; these notices fail "
            "outside WhatsApp's 24-hour window. `flask --app web templates` lists what to "
            "register.",
            ", ".join(missing),
        )
    if not serving():
        return
    try:
        again = _connected(
            lambda: notice_templates.retry_without_template(settings.twilio.templates, now)
        )
    except Exception:  # noqa: BLE001 - a database not migrated yet must not stop startup
        log.exception("could not look for notifications waiting for a template")
        return
    if again:
        log.info("%s notifications that lacked a template will be sent now", again)


def _connected(work):
    """Run work on the database, connecting (and closing again) only if it is not open."""
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        return work()
    finally:
        if opened:
            db.close()
