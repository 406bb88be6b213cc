"""``flask users …``: manage staff accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.auth import services
from app.auth.models import Role, User
from app.extensions import db

users_cli = AppGroup("users", help="Manage staff accounts.")
ROLE_NAMES = [r.value for r in Role]


@users_cli.command("create")
@click.argument("email")
@click.option("--name", default="", help="Display name (defaults to the e-mail's local part).")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(ROLE_NAMES),
    required=True,
    help="Role; repeat for several.",
)
@click.password_option(help="At least 12 characters; asked for when not given.")
def create(email: str, name: str, roles: tuple[str, ...], password: str) -> None:
    """Create a staff account."""
    try:
        user = services.create_user(
            email, name or email.split("@")[0], password, {Role(r) for r in roles}
        )
    except services.AccountError as error:
        click.secho(f"Not created: {error.code}", fg="red", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Created {user.email} with roles {', '.join(sorted(roles))}.")


@users_cli.command("list")
def list_() -> None:
    """List staff accounts and roles."""
    for user in db.session.scalars(select(User).order_by(User.email)):
        state = "" if user.is_active_account else " (inactive)"
        click.echo(f"{user.email}\t{','.join(sorted(user.role_names))}{state}")


@users_cli.command("set-password")
@click.argument("email")
@click.password_option()
def set_password(email: str, password: str) -> None:
    """Set a new password for an account."""
    user = services.find_by_email(email)
    if user is None:
        click.secho("No such account.", fg="red", err=True)
        sys.exit(1)
    if len(password) < 12:
        click.secho("The password must have at least 12 characters.", fg="red", err=True)
        sys.exit(1)
    user.set_password(password)
    db.session.commit()
    click.echo("Password changed.")
