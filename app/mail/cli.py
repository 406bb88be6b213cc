"""``flask mail deliver``: send what is due in the outbox (run it from cron every minute)."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.extensions import db
from app.mail import outbox
from app.mail.models import OutboxMessage

mail_cli = AppGroup("mail", help="The mail outbox.")


@mail_cli.command("deliver")
@click.option("--limit", default=500, show_default=True, help="At most this many messages.")
def deliver(limit: int) -> None:
    """Send pending mails that are due; failed attempts are retried later with backoff."""
    sent = outbox.deliver_due(limit=limit)
    click.echo(f"{sent} sent.")


@mail_cli.command("status")
def status() -> None:
    """Count messages per status."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(OutboxMessage.status)
    )
    for state, count in rows:
        click.echo(f"{state}\t{count}")
