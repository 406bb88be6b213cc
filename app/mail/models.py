"""The outbox: every mail is a row first, written in the transaction of what it announces."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import UTCDateTime, utcnow
from app.extensions import db


class MailStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class OutboxMessage(db.Model):  # type: ignore[name-defined]
    """One mail to one recipient, delivered after commit and retried with backoff."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: What the mail announces: confirmation, waitlisted, promoted, invitation …
    kind: Mapped[str] = mapped_column(String(40))
    #: None once anonymised
    recipient: Mapped[str | None] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text, default="")
    #: Language the mail was written in
    locale: Mapped[str] = mapped_column(String(10), default="de")
    #: Built at delivery: ``[{"provider": "ticket_pdf", "ref": 12}]`` (see :func:`attachment`)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: pending | sent | failed
    status: Mapped[str] = mapped_column(String(20), default=MailStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    #: The event and registration it concerns (plain ids: mail is below every area)
    event_id: Mapped[int | None] = mapped_column(Integer, index=True)
    registration_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
