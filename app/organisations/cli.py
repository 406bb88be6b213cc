"""``flask organisations …``: import a CSV file, print the personal links of an election."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.db import utcnow
from app.elections.models import Election, RollEntry
from app.extensions import db
from app.organisations import csv_io
from app.organisations.links import personal_link
from app.organisations.models import Organisation

organisations_cli = AppGroup("organisations", help="The registry of organisations.")


@organisations_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--good-rows", is_flag=True, help="Import the good rows even if others have problems."
)
def import_command(path: Path, good_rows: bool) -> None:
    """Check a CSV file and import it (all rows, or with --good-rows only the good ones)."""
    report = csv_io.read_csv(path.read_bytes())
    for problem in report.problems:
        click.echo(f"row {problem.row}: {problem.code} {problem.detail}".rstrip(), err=True)
    if report.fatal or (report.problems and not good_rows):
        click.secho("Nothing imported.", fg="red", err=True)
        sys.exit(1)
    started = time.perf_counter()
    try:
        count = csv_io.import_rows(report, actor=None, now=utcnow())
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        click.secho("Nothing imported: the registry changed meanwhile.", fg="red", err=True)
        sys.exit(1)
    click.echo(f"Imported {count} organisations in {time.perf_counter() - started:.2f} s.")


@organisations_cli.command("links")
@click.argument("election_id", type=int)
def links_command(election_id: int) -> None:
    """Print name, e-mail and personal link of every eligible organisation as CSV."""
    election = db.session.get(Election, election_id)
    if election is None:
        click.secho("No such election.", fg="red", err=True)
        sys.exit(1)
    writer = csv.writer(sys.stdout, delimiter=";")
    writer.writerow(["name", "email", "link"])
    organisations = db.session.scalars(
        select(Organisation)
        .join(RollEntry, RollEntry.organisation_id == Organisation.id)
        .where(RollEntry.election_id == election.id, RollEntry.is_eligible.is_(True))
        .order_by(Organisation.normalised_name)
    )
    for organisation in organisations:
        writer.writerow(
            [organisation.name, organisation.email, personal_link(organisation, election)]
        )
