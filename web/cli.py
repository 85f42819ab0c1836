"""Command line: `flask --app web db-upgrade`, `flask --app web demo`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain.models import Organization


def register(app: Flask) -> None:
    app.cli.add_command(db_upgrade)
    app.cli.add_command(demo)


@click.command("db-upgrade")
@with_appcontext
def db_upgrade():
    """Apply pending schema migrations."""
    from domain.migrate import upgrade

    applied = upgrade()
    click.echo(f"migraciones aplicadas: {', '.join(applied)}" if applied else "esquema al día")


@click.command("demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only when there is no business yet.")
def demo(if_empty: bool):
    """Create the demo business, Estética Luna, with a few appointments."""
    from domain import demo as demo_data

    if if_empty and Organization.select().exists():
        click.echo("ya hay negocios; no se crea el demo")
        return
    org = demo_data.create_demo(current_app.extensions["yume.clock"])
    click.echo(f"{org.name} creada. WhatsApp del negocio: {org.whatsapp_number}")
    for name, phone in (demo_data.OWNER, *demo_data.STAFF):
        click.echo(f"  {name}: {phone}")
