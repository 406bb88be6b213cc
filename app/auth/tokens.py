"""API tokens for scanner devices: an organiser creates one, sees it once, and may revoke it.

Only the SHA-256 hash of a token is stored. A token acts like a door account: it may check
tickets in, search attendees and undo a check-in, and nothing else.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, bindparam, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.db import UTCDateTime
from app.extensions import db

#: Prefix that makes a leaked token recognisable (e.g. by secret scanners)
PREFIX = "thd_"
#: ``last_used_at`` is written at most this often, so scans do not all write the token row
TOUCH_INTERVAL = timedelta(minutes=1)


class ApiToken(db.Model):  # type: ignore[name-defined]
    """A bearer token for one scanner device."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the organiser called the device, e.g. "Tablet Eingang Nord"
    name: Mapped[str] = mapped_column(String(100))
    #: SHA-256 hex digest of the token; the token itself is never stored
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The organiser who created it
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Last request made with it (precise to ``TOUCH_INTERVAL``)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Revoked tokens are refused but kept, so past check-ins still name their device
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[User | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(name: str, *, actor: User, now: datetime) -> tuple[ApiToken, str]:
    """A new token; returns the row and the plain token, which is shown once and then lost."""
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name.strip(), token_hash=hash_token(plain), created_by=actor, created_at=now
    )
    db.session.add(token)
    db.session.flush()
    return token, plain


def revoke_token(token: ApiToken, *, now: datetime) -> None:
    """Refuse the token from now on (idempotent)."""
    if token.revoked_at is None:
        token.revoked_at = now


#: Built once: composing the statement per request costs more than running it
_BY_HASH = select(ApiToken).where(ApiToken.token_hash == bindparam("hash"))


def authenticate(plain: str, *, now: datetime) -> ApiToken | None:
    """The active token for ``plain``, or None; records when it was last used."""
    if not plain.startswith(PREFIX) or len(plain) > 200:
        return None
    token = db.session.scalar(_BY_HASH, {"hash": hash_token(plain)})
    if token is None or token.revoked_at is not None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_INTERVAL:
        token.last_used_at = now
    return token


def list_tokens() -> list[ApiToken]:
    """All tokens, active first, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
        )
    )


class Actor:
    """Who did something at the door: a staff account or a scanner device's token."""

    __slots__ = ("token", "user")

    def __init__(self, *, user: User | None = None, token: ApiToken | None = None) -> None:
        if (user is None) == (token is None):
            raise ValueError("an actor is either an account or a token")
        self.user = user
        self.token = token

    @property
    def label(self) -> str:
        """The name shown as "checked in by …"."""
        return self.user.name if self.user is not None else self.token.name  # type: ignore[union-attr]

    def __repr__(self) -> str:
        return f"Actor({self.label!r})"
