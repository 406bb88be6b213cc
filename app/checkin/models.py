"""Checkpoints, check-ins, the log of refused scans, and the scanner's idempotency records."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.auth.tokens import Actor, ApiToken
from app.db import UTCDateTime
from app.extensions import db

if TYPE_CHECKING:
    from app.events.models import Event, Session, Ticket

#: Exactly one of the two actor columns is set (an account or a device token)
ONE_ACTOR = "({0}_user_id IS NULL) <> ({0}_token_id IS NULL)"
ACTIVE = text("undone_at IS NULL")


class CheckpointKind(enum.StrEnum):
    """Where a checkpoint stands."""

    ENTRANCE = "entrance"
    SESSION = "session"


class Checkpoint(db.Model):  # type: ignore[name-defined]
    """A place where tickets are scanned: the entrance or a session's room."""

    __tablename__ = "checkpoints"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'session') = (session_id IS NOT NULL)", name="session_iff_kind_session"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    #: Shown on the scanner and in "already checked in at …"
    name: Mapped[str] = mapped_column(String(120))
    #: ``CheckpointKind``: entrance, or the door of one session
    kind: Mapped[str] = mapped_column(String(20), default=CheckpointKind.ENTRANCE.value)
    #: The session a session checkpoint admits to
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[Event] = relationship()
    session: Mapped[Session | None] = relationship()


class _ActorMixin:
    """Helpers for rows that name who did something (an account or a token)."""

    def _actor(self, prefix: str) -> Actor | None:
        user, token = getattr(self, f"{prefix}_user"), getattr(self, f"{prefix}_token")
        if user is None and token is None:
            return None
        return Actor(user=user) if user is not None else Actor(token=token)


class CheckIn(_ActorMixin, db.Model):  # type: ignore[name-defined]
    """One admission of a ticket at a checkpoint; an undone one stays, marked, for the record."""

    __tablename__ = "check_ins"
    __table_args__ = (
        # One active check-in per ticket and checkpoint: the database settles parallel scans.
        Index(
            "uq_check_ins_ticket_id_checkpoint_id_active",
            "ticket_id",
            "checkpoint_id",
            unique=True,
            sqlite_where=ACTIVE,
            postgresql_where=ACTIVE,
        ),
        CheckConstraint(ONE_ACTOR.format("admitted_by"), name="one_admitter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    checkpoint_id: Mapped[int] = mapped_column(
        ForeignKey("checkpoints.id", ondelete="CASCADE"), index=True
    )
    #: When the door admitted the ticket (UTC)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    #: The door account that admitted it, or …
    admitted_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: … the scanner device's token
    admitted_by_token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"))
    #: Set when the check-in was taken back (a mistaken scan)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    undone_by_token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"))

    ticket: Mapped[Ticket] = relationship()
    checkpoint: Mapped[Checkpoint] = relationship()
    admitted_by_user: Mapped[User | None] = relationship(foreign_keys=[admitted_by_user_id])
    admitted_by_token: Mapped[ApiToken | None] = relationship(foreign_keys=[admitted_by_token_id])
    undone_by_user: Mapped[User | None] = relationship(foreign_keys=[undone_by_user_id])
    undone_by_token: Mapped[ApiToken | None] = relationship(foreign_keys=[undone_by_token_id])

    @property
    def admitted_by(self) -> Actor:
        return self._actor("admitted_by")  # type: ignore[return-value]

    @property
    def undone_by(self) -> Actor | None:
        return self._actor("undone_by")


class CheckInAttempt(_ActorMixin, db.Model):  # type: ignore[name-defined]
    """A refused scan (as pretix logs failed check-ins); the scanned text is never stored."""

    __tablename__ = "check_in_attempts"
    __table_args__ = (CheckConstraint(ONE_ACTOR.format("actor"), name="one_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    checkpoint_id: Mapped[int] = mapped_column(
        ForeignKey("checkpoints.id", ondelete="CASCADE"), index=True
    )
    #: The ticket, when the scanned code named a real one (cancelled, wrong event, …)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    #: The stable denial code, e.g. "invalid", "cancelled", "already_checked_in"
    code: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_token_id: Mapped[int | None] = mapped_column(ForeignKey("api_tokens.id"))
    checkpoint: Mapped[Checkpoint] = relationship()
    actor_user: Mapped[User | None] = relationship()
    actor_token: Mapped[ApiToken | None] = relationship()

    @property
    def actor(self) -> Actor:
        return self._actor("actor")  # type: ignore[return-value]


class ScanNonce(db.Model):  # type: ignore[name-defined]
    """A scanner's retry key: the same nonce gets the first answer again, never a second scan."""

    __tablename__ = "scan_nonces"
    __table_args__ = (UniqueConstraint("actor_key", "nonce"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "user:<id>" or "token:<id>": a nonce is only replayed to whoever sent it
    actor_key: Mapped[str] = mapped_column(String(40))
    #: The client's nonce as sent
    nonce: Mapped[str] = mapped_column(String(100))
    #: The first answer, as JSON
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
