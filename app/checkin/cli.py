"""``flask checkin …``: scanner tokens, checkpoints and housekeeping from the command line."""

from __future__ import annotations

import sys
from datetime import timedelta

import click
from flask.cli import AppGroup
from sqlalchemy import delete

from app.auth import services as accounts
from app.auth import tokens
from app.checkin import services
from app.checkin.demo import ENTRANCE
from app.checkin.models import ScanNonce
from app.db import utcnow
from app.events.models import Event
from app.extensions import db

checkin_cli = AppGroup("checkin", help="Check-in at the door.")


@checkin_cli.command("token")
@click.argument("name")
@click.option("--by", "email", required=True, help="E-mail of the organiser who creates it.")
def create_token(name: str, email: str) -> None:
    """Create a scanner device token and print it (once)."""
    organiser = accounts.find_by_email(email)
    if organiser is None:
        click.secho(f"No account {email}", fg="red", err=True)
        sys.exit(1)
    _token, plain = tokens.create_token(name, actor=organiser, now=utcnow())
    db.session.commit()
    click.echo(plain)


@checkin_cli.command("checkpoints")
@click.argument("event_id", type=int)
def set_up_checkpoints(event_id: int) -> None:
    """Create the entrance and one checkpoint per session where missing."""
    event = db.session.get(Event, event_id)
    if event is None:
        click.secho(f"No event {event_id}", fg="red", err=True)
        sys.exit(1)
    created = services.ensure_checkpoints(event, entrance_name=ENTRANCE)
    db.session.commit()
    click.echo(f"{created} checkpoints created.")


@checkin_cli.command("purge-nonces")
@click.option("--days", default=2, show_default=True, help="Keep retry records this long.")
def purge_nonces(days: int) -> None:
    """Delete scanner retry records (and their stored answers) older than ``days``."""
    cutoff = utcnow() - timedelta(days=days)
    result = db.session.execute(delete(ScanNonce).where(ScanNonce.created_at < cutoff))
    db.session.commit()
    click.echo(f"{result.rowcount} retry records deleted.")
