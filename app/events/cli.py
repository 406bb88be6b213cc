"""``flask privacy purge`` and ``flask events …``: thin wrappers around the services."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from app.db import utcnow
from app.events import privacy
from app.extensions import db

privacy_cli = AppGroup("privacy", help="Data protection: retention and information requests.")


@privacy_cli.command("purge")
def purge() -> None:
    """Anonymise registrations of events whose retention period has passed."""
    counts = privacy.purge(utcnow())
    db.session.commit()
    click.echo(
        f"{counts['registrations']} registrations, {counts['invitations']} invitations and "
        f"{counts['mails']} mails of {counts['events']} events anonymised."
    )


@privacy_cli.command("export")
@click.argument("email")
def export(email: str) -> None:
    """Print everything stored about EMAIL as JSON."""
    click.echo(json.dumps(privacy.export_person(email), ensure_ascii=False, indent=2))
