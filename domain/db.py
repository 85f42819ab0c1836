"""The database handle: declared unbound here, bound by whoever starts the process.

The web app, the rq worker, the CLI and the tests call `connect_database(url)` once; models
only ever see the proxy. SQLite runs in WAL mode and starts every write transaction with
BEGIN IMMEDIATE, so concurrent writers queue on the database lock instead of failing when they
upgrade a read lock.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import (
    DatabaseProxy,
    DateTimeField,
    PostgresqlDatabase,
    SqliteDatabase,
    TextField,
    fn,
)
from playhouse.db_url import connect as connect_url

from domain.settings import ROOT

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -16000,
}


def connect_database(url: str):
    """Open the database named by url and bind the models' proxy to it."""
    database = open_database(url)
    db.initialize(database)
    return database


def open_database(url: str):
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        database = SqliteDatabase(
            sqlite_path(url),
            pragmas=SQLITE_PRAGMAS,
            timeout=10,  # wait for a writer, but answer Twilio well within its 15 seconds
            lock_type="IMMEDIATE",
            check_same_thread=False,
        )
        database.register_function(fold, "yume_fold", 1, deterministic=True)
        return database
    if parsed.scheme in ("postgres", "postgresql"):
        # A pool per process: connecting costs more than most of a message's queries.
        pooled = "postgresql+pool://" + url.split("://", 1)[1]
        return connect_url(pooled, max_connections=40, stale_timeout=300, timeout=30)
    raise ValueError(f"unsupported database URL scheme: {parsed.scheme!r}")


def sqlite_path(url: str) -> str:
    """File path of a sqlite:/// URL; relative paths are taken from the project root."""
    raw = unquote(url[len("sqlite:///") :]) if url.startswith("sqlite:///") else ""
    if raw in ("", ":memory:"):
        return ":memory:"
    path = Path(raw)
    if not path.is_absolute():
        path = ROOT / path
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


def is_postgres() -> bool:
    return isinstance(db.obj, PostgresqlDatabase)


def fold(text: str | None) -> str:
    """Lower case without accents, for searching: "Lucía Núñez" -> "lucia nunez"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


_ACCENTED = "áàäâãéèëêíìïîóòöôõúùüûñçÁÀÄÂÃÉÈËÊÍÌÏÎÓÒÖÔÕÚÙÜÛÑÇ"
_PLAIN = "aaaaaeeeeiiiiooooouuuunc" * 2


def folded(column):
    """SQL for fold(column): a registered function on SQLite, translate() on PostgreSQL."""
    if is_postgres():
        return fn.translate(fn.lower(column), _ACCENTED, _PLAIN)
    return fn.yume_fold(column)


@contextmanager
def connection():
    """Hold a connection for the block; close it after unless it was already open."""
    opened = db.connect(reuse_if_open=True)
    try:
        yield
    finally:
        if opened and not db.in_transaction():
            db.close()


class UTCDateTimeField(DateTimeField):
    """An aware UTC datetime in Python, a naive UTC timestamp in the database.

    Naive storage keeps SQLite's text comparisons and PostgreSQL's `timestamp` identical; the
    field refuses naive datetimes so local wall-clock times can never slip in unconverted.
    """

    def db_value(self, value):
        if value is None or not isinstance(value, dt.datetime):
            return super().db_value(value)
        if value.tzinfo is None:
            raise ValueError(f"{self.name}: naive datetime {value!r}; pass an aware UTC time")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def python_value(self, value):
        if value is None:
            return None
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value)
        return value.replace(tzinfo=dt.UTC)


class JSONField(TextField):
    """JSON stored as text, the same on SQLite and PostgreSQL."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value):
        return None if value is None else json.loads(value)
