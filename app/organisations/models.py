"""The registry of organisations and the history of changes to each."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.db import UTCDateTime, utcnow
from app.extensions import db


class OrganisationKind(enum.StrEnum):
    """What kind of organisation this is; only MSOs can be on an election's roll."""

    MSO = "mso"
    UMBRELLA = "umbrella"
    NGO = "ngo"
    RELIGIOUS = "religious"
    AUTHORITY = "authority"
    OTHER = "other"


KIND_VALUES = tuple(kind.value for kind in OrganisationKind)


class Organisation(db.Model):  # type: ignore[name-defined]
    """An organisation in the city's registry (Migrant*innenorganisation, NGO, …)."""

    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in KIND_VALUES) + ")", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The name as the organisation writes it, e.g. "Türkischer Elternverein e.V."
    name: Mapped[str] = mapped_column(String(300))
    #: The name without case, accents, punctuation and legal form; two organisations never share it
    normalised_name: Mapped[str] = mapped_column(String(300), unique=True)
    #: One of :class:`OrganisationKind`
    kind: Mapped[str] = mapped_column(String(20), default=OrganisationKind.MSO.value, index=True)
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    #: Languages spoken, comma-separated as entered (e.g. "Türkisch, Deutsch")
    languages: Mapped[str] = mapped_column(String(300), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    changes: Mapped[list[OrganisationChange]] = relationship(
        back_populates="organisation",
        order_by="OrganisationChange.id.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def is_mso(self) -> bool:
        return self.kind == OrganisationKind.MSO.value


class OrganisationChange(db.Model):  # type: ignore[name-defined]
    """One entry of an organisation's history: who changed what, and when (append-only)."""

    __tablename__ = "organisation_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    #: The staff account, or None for changes made through the organisation's personal link
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: "created" | "updated" | "imported" | "eligibility" | "delegate" | "nomination" | …
    action: Mapped[str] = mapped_column(String(30))
    #: Changed fields as {"field": [old, new]}, or other details of the action
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    organisation: Mapped[Organisation] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship()
