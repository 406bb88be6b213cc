"""Account operations shared by the web pages and the ``flask users`` commands."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from app.auth.models import Role, User
from app.db import utcnow
from app.extensions import db


class AccountError(Exception):
    """A rule about accounts was broken; ``code`` is stable, the message is for people."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        #: "email_taken" | "last_admin" | "weak_password" | "invalid_email" | "invalid_name"
        self.code = code


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _check_person(email: str, name: str) -> None:
    """What the columns hold; the forms check the same, the command line does not."""
    address = normalise_email(email)
    if not address or len(address) > 254 or "@" not in address:
        raise AccountError("invalid_email")
    if not name.strip() or len(name.strip()) > 200:
        raise AccountError("invalid_name")


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, name: str, password: str, roles: Iterable[Role]) -> User:
    """Add a staff account; the caller commits."""
    _check_person(email, name)
    if find_by_email(email) is not None:
        raise AccountError("email_taken")
    if len(password) < 12:
        raise AccountError("weak_password")
    user = User(email=normalise_email(email), name=name.strip())
    user.set_password(password)
    user.set_roles(set(roles))
    db.session.add(user)
    db.session.flush()
    return user


def active_admin_count() -> int:
    return (
        db.session.scalar(
            select(func.count(User.id.distinct()))
            .join(User.roles)
            .where(User.is_active_account.is_(True))
            .where(User.roles.any(role=Role.ADMIN.value))
        )
        or 0
    )


def update_user(
    user: User, *, email: str, name: str, roles: set[Role], active: bool, password: str | None
) -> None:
    """Change an account, never removing the last active administrator."""
    _check_person(email, name)
    other = find_by_email(email)
    if other is not None and other.id != user.id:
        raise AccountError("email_taken")
    losing_admin = Role.ADMIN in user.role_names and (Role.ADMIN not in roles or not active)
    if losing_admin and user.is_active_account and active_admin_count() <= 1:
        raise AccountError("last_admin")
    user.email = normalise_email(email)
    user.name = name.strip()
    user.is_active_account = active
    user.set_roles(roles)
    if password:
        user.set_password(password)


def authenticate(email: str, password: str) -> User | None:
    """The active account for these credentials, or None; records the login time."""
    user = find_by_email(email)
    if user is None or not user.is_active_account or not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    return user
