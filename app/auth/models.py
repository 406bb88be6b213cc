"""Staff accounts and their roles."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.db import UTCDateTime, utcnow
from app.extensions import db


class Role(enum.StrEnum):
    """What a staff account may do. An admin may do everything."""

    ADMIN = "admin"
    ORGANISER = "organiser"
    DOOR = "door"
    OFFICIAL = "official"


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """A staff account: city staff, door volunteers, election officials."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Login name; stored lower-case
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    #: Deactivated accounts cannot log in; they are kept for the audit trail
    is_active_account: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.is_active_account

    @property
    def role_names(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)

    def has_role(self, *roles: Role | str) -> bool:
        """True for an admin, or if the account holds any of ``roles``."""
        held = self.role_names
        return Role.ADMIN in held or any(Role(r) in held for r in roles)

    def set_roles(self, roles: list[Role] | set[Role]) -> None:
        wanted = {Role(r) for r in roles}
        self.roles = [r for r in self.roles if Role(r.role) in wanted]
        for role in wanted - self.role_names:
            self.roles.append(UserRole(role=role.value))

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class UserRole(db.Model):  # type: ignore[name-defined]
    """One role held by one account."""

    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    user: Mapped[User] = relationship(back_populates="roles")
