"""Apply the numbered schema migrations in domain/migrations (peewee's migration runner)."""

from __future__ import annotations

from pathlib import Path

from playhouse.migrations import Runner

from domain.db import db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def runner() -> Runner:
    return Runner(db.obj, directory=str(MIGRATIONS))


def upgrade() -> list[str]:
    """Apply every pending migration; return the names applied."""
    return runner().up()


def pending() -> list[str]:
    return [m.name for m in runner().status() if m.applied is None and m.path]
