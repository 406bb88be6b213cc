"""``flask election export ID FILE`` and ``flask election verify FILE`` (R11.4)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from app.db import utcnow
from app.elections.export_json import write_export
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.extensions import db
from voting import verify_export
from voting.reading import read_export

election_cli = AppGroup("election", help="The MSO election: audit export and verification.")


@election_cli.command("export")
@click.argument("election_id", type=int)
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export(election_id: int, file: Path) -> None:
    """Write the audit export of ELECTION_ID to FILE and log the export (R11.1)."""
    from app.elections.results import audit_export

    election = db.session.get(Election, election_id)
    if election is None:
        click.secho(f"No election {election_id}.", fg="red")
        sys.exit(1)
    try:
        data = audit_export(election, log_export=True, at=utcnow())
    except ElectionError as error:
        db.session.rollback()
        click.secho(f"Not exportable: {error.code} {error.detail}", fg="red")
        sys.exit(1)
    db.session.commit()
    write_export(data, file)
    click.echo(f"Wrote {file}.")


@election_cli.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify(file: Path) -> None:
    """Check an audit export with voting's verifier; exit 1 on any failure."""
    try:
        data = read_export(file)
    except (OSError, ValueError) as error:
        click.secho(f"Cannot read {file}: {error}", fg="red")
        sys.exit(2)
    checks = verify_export(data)
    for check in checks:
        colour = {"PASS": "green", "FAIL": "red"}.get(check.status, "yellow")
        click.secho(f"{check.status} {check.name}: {check.message}", fg=colour)
    if any(c.status == "FAIL" for c in checks):
        sys.exit(1)
