"""Command line: `flask --app web db-upgrade`, `demo`, `doctor`, `templates`, `login-link`."""

from __future__ import annotations

import json
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from domain.models import Organization


def register(app: Flask) -> None:
    app.cli.add_command(db_upgrade)
    app.cli.add_command(demo)
    app.cli.add_command(doctor)
    app.cli.add_command(templates)
    app.cli.add_command(login_link)


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


@click.command("doctor")
@with_appcontext
def doctor():
    """Check the configuration for a public host; exit 1 when something is unsafe."""
    from web import doctor as checks

    settings = current_app.config["YUME"]
    results = checks.findings(settings)
    width = max(len(f.topic) for f in results)
    for finding in results:
        click.echo(f"[{finding.label:>8}] {finding.topic:<{width}}  {finding.message}")
        if finding.fix and finding.level != checks.OK:
            click.echo(f"{'':>{width + 13}}→ {finding.fix}")
    click.echo(checks.summary(settings, results))
    if checks.unsafe(results):
        sys.exit(1)


@click.command("templates")
@with_appcontext
@click.option("--json", "as_json", is_flag=True, help="The same list as JSON.")
def templates(as_json: bool):
    """Every WhatsApp template Yume needs, ready to register with Twilio or Meta."""
    from domain.notice_templates import LANGUAGE, TEMPLATES

    base = current_app.config["YUME"].app.public_base_url.rstrip("/")
    listed = [
        {
            "name": name,
            "kind": template.kind,
            "category": template.category,
            "language": LANGUAGE,
            "body": template.body,
            "variables": {str(i): what for i, what in enumerate(template.variables, 1)},
            "buttons": [button.replace("{base}", base) for button in template.buttons],
            "example": template.sample(),
            "note": template.note,
        }
        for name, template in TEMPLATES.items()
    ]
    if as_json:
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
        return
    for item in listed:  # one line each, the kind first
        variables = ", ".join(f"{{{{{n}}}}} {what}" for n, what in item["variables"].items())
        parts = [
            item["kind"],
            f"plantilla {item['name']}",
            item["category"],
            item["language"],
            item["body"],
            f"variables: {variables}",
            *(f"botón: {button}" for button in item["buttons"]),
            f"ejemplo: {item['example']}",
            *([f"nota: {item['note']}"] if item["note"] else []),
        ]
        click.echo(" | ".join(parts))
    click.echo(
        "\nPon el Content SID de cada una en twilio.templates (config.yaml), con su nombre."
    )


@click.command("login-link")
@with_appcontext
@click.argument("phone")
def login_link(phone: str):
    """Print a single-use dashboard link for a staff member's or an operator's phone.

    For whoever runs the server (it reads the database anyway): `make run` sends no WhatsApp,
    and login links are never shown in the simulator or the logs.
    """
    from domain.auth import identities, issue_login_token, login_url, place_of
    from domain.phones import normalize_phone

    settings = current_app.config["YUME"]
    normalized = normalize_phone(phone)
    people = identities(normalized, settings.platform.operators) if normalized else []
    if not people:
        click.echo(f"{phone} no es de nadie del equipo ni de un operador.", err=True)
        sys.exit(1)
    now = current_app.extensions["yume.clock"].now()
    for who in people:
        raw = issue_login_token(normalized, who, now)
        click.echo(f"{place_of(who)}: {login_url(settings.app.public_base_url, raw)}")
