"""``flask demo seed``: demo data for a first look, loaded only into an empty database.

Each area registers a seeder with :func:`register_seeder`; they run in ``order`` in one
transaction, so a failing seeder leaves the database empty, never half-filled.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.auth import services as accounts
from app.auth.models import Role, User
from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data.")

DEMO_ACCOUNTS = [
    ("admin@teilhabe.example", "Admin", {Role.ADMIN}),
    ("orga@teilhabe.example", "Olga Organisatorin", {Role.ORGANISER}),
    ("door@teilhabe.example", "Dilek Door", {Role.DOOR}),
    ("wahl@teilhabe.example", "Walter Wahlleiter", {Role.OFFICIAL}),
]
LOGIN_FILE = "demo-logins.txt"
#: Where to start: the demo's election assembly is under way and waits for the officials
ELECTION_TIP = (
    "The election assembly is under way: log in as wahl@teilhabe.example, open the menu's "
    "election assembly (/elections/voting) and walk through freeze, cards, desk and rounds."
)


@dataclass
class DemoContext:
    """What seeders share: the accounts created first, and anything they leave for later ones."""

    users: dict[str, User]
    shared: dict[str, object] = field(default_factory=dict)


Seeder = Callable[[DemoContext], None]
_SEEDERS: list[tuple[int, str, Seeder]] = []


def register_seeder(order: int, seeder: Seeder) -> None:
    """Areas add their demo data; lower ``order`` runs first (organisations before events)."""
    name = f"{seeder.__module__}.{seeder.__qualname__}"
    if all(existing != name for _, existing, _ in _SEEDERS):
        _SEEDERS.append((order, name, seeder))
        _SEEDERS.sort(key=lambda item: (item[0], item[1]))


def _login_file() -> Path:
    return Path(current_app.instance_path) / LOGIN_FILE


def seed() -> list[tuple[str, str]]:
    """Create the demo accounts and every area's demo data; returns (e-mail, password) pairs."""
    password = secrets.token_urlsafe(12)
    users = {
        next(iter(roles)).value: accounts.create_user(email, name, password, roles)
        for email, name, roles in DEMO_ACCOUNTS
    }
    context = DemoContext(users=users)
    for _, _, seeder in _SEEDERS:
        seeder(context)
    return [(email, password) for email, _, _ in DEMO_ACCOUNTS]


@demo_cli.command("seed")
def seed_command() -> None:
    """Load demo data if the database has no accounts yet, and print the logins."""
    if db.session.scalar(select(func.count(User.id))):
        click.echo("The database already has data; demo data not loaded.")
        _print_logins()
        return
    try:
        logins = seed()
        db.session.commit()
    except Exception as error:
        db.session.rollback()
        click.secho(f"Demo data could not be loaded: {error}", fg="red", err=True)
        sys.exit(1)
    path = _login_file()
    path.write_text("".join(f"{email} {password}\n" for email, password in logins))
    path.chmod(0o600)
    click.echo("Demo data loaded.")
    _print_logins()


@demo_cli.command("logins")
def logins_command() -> None:
    """Print the demo logins written when the demo data was loaded."""
    _print_logins()


def _print_logins() -> None:
    path = _login_file()
    if not path.exists():
        click.echo("No demo logins on record (the accounts were not made by `flask demo seed`).")
        return
    click.secho("Logins (all demo accounts share the password):", bold=True)
    for line in path.read_text().splitlines():
        email, password = line.split(" ", 1)
        click.echo(f"  {email:<28} password: {password}")
    click.echo(ELECTION_TIP)
