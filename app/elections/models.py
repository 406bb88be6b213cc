"""Elections and what organisations bring to them: the roll, delegates and nominations.

The minimal core of issue 4; the election itself (rounds, cards, ballots) builds on it.
Rules are cited as ``ELECTION.md R…``.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.db import UTCDateTime, utcnow
from app.extensions import db
from app.organisations.models import Organisation


def _one_of(column: str, values: enum.EnumMeta) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)  # type: ignore[attr-defined]
    return CheckConstraint(f"{column} IN ({allowed})", name=column)


class ElectionStatus(enum.StrEnum):
    """Where an election stands; the election issue adds the later states."""

    DRAFT = "draft"
    NOMINATIONS_OPEN = "nominations_open"
    FROZEN = "frozen"  # R0.1: configuration and candidate list fixed at nomination close


class TieVariant(enum.StrEnum):
    """R1.5: a tie across the round-1 cut-off goes to a lot, or all tied advance."""

    LOT = "lot"
    ALL_ADVANCE = "all_advance"


class BallotOrder(enum.StrEnum):
    """R1.1: candidates appear alphabetically by surname or in a recorded lot order."""

    ALPHABETICAL = "alphabetical"
    LOT = "lot"


class Election(db.Model):  # type: ignore[name-defined]
    """An election at an election assembly, e.g. the two MSO seats of the steering group."""

    __tablename__ = "elections"
    __table_args__ = (
        _one_of("tie_variant", TieVariant),
        _one_of("ballot_order", BallotOrder),
        CheckConstraint("seats >= 1 AND finalists >= seats", name="seats"),
        CheckConstraint("votes_round1 >= 1 AND votes_runoff >= 1", name="votes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    #: The election assembly (events.id); the foreign key is added when the events area merges
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    #: The committee whose seats are elected, e.g. "Lenkungsgruppe"
    committee_name: Mapped[str] = mapped_column(String(200), default="")
    #: S: seats to fill (ELECTION.md R3.2)
    seats: Mapped[int] = mapped_column(default=2)
    #: F: finalists in the runoff (R1.4)
    finalists: Mapped[int] = mapped_column(default=4)
    #: k1 / k2: votes per ballot in round 1 and the runoff
    votes_round1: Mapped[int] = mapped_column(default=1)
    votes_runoff: Mapped[int] = mapped_column(default=1)
    tie_variant: Mapped[str] = mapped_column(String(20), default=TieVariant.LOT.value)
    #: R8: parity (women's places) on or off
    parity: Mapped[bool] = mapped_column(default=False)
    ballot_order: Mapped[str] = mapped_column(String(20), default=BallotOrder.ALPHABETICAL.value)
    #: Whether a second nomination replaces the first until the deadline (else it is refused)
    allow_replacement: Mapped[bool] = mapped_column(default=False)
    nomination_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    nomination_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: R7.1: days the elected have to declare acceptance
    acceptance_deadline_days: Mapped[int] = mapped_column(default=3)
    #: R8.4: unused reserved places and seats are filled openly, or [config] stay vacant
    parity_unused: Mapped[str] = mapped_column(
        String(20), default="fill_openly", server_default="fill_openly"
    )
    status: Mapped[str] = mapped_column(String(30), default=ElectionStatus.DRAFT.value)
    frozen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: R0.1: SHA-256 of the frozen configuration and candidate list
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    #: When the officials published the candidate list (public page, PDF, API)
    candidates_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: R6.2: the election whose vacant seats this by-election fills (at most one each)
    by_election_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("elections.id"), index=True, unique=True
    )

    roll: Mapped[list[RollEntry]] = relationship(back_populates="election")
    nominations: Mapped[list[Nomination]] = relationship(back_populates="election")

    def nominations_open_at(self, now: datetime) -> bool:
        """True while organisations may nominate (status open and inside the window)."""
        if self.status != ElectionStatus.NOMINATIONS_OPEN.value:
            return False
        if self.nomination_opens_at is not None and now < self.nomination_opens_at:
            return False
        return self.nomination_closes_at is None or now < self.nomination_closes_at


class RollEntry(db.Model):  # type: ignore[name-defined]
    """The current eligibility of one organisation in one election (Wählerverzeichnis).

    The history lives in :class:`EligibilityDecision`; this row is its latest state.
    """

    __tablename__ = "roll_entries"
    __table_args__ = (UniqueConstraint("election_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    is_eligible: Mapped[bool] = mapped_column(default=False)
    #: R0.4 [config per organisation]: False = "may vote but not nominate"
    may_nominate: Mapped[bool] = mapped_column(default=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(String(500), default="")
    #: Part of the personal link's signature; raising it revokes the links sent so far
    link_version: Mapped[int] = mapped_column(default=1)

    election: Mapped[Election] = relationship(back_populates="roll")
    organisation: Mapped[Organisation] = relationship()
    decided_by: Mapped[User | None] = relationship()


class EligibilityDecision(db.Model):  # type: ignore[name-defined]
    """One recorded decision to mark an organisation eligible or to revoke it (append-only)."""

    __tablename__ = "eligibility_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    is_eligible: Mapped[bool]
    may_nominate: Mapped[bool]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: E.g. "Satzung geprüft"
    reason: Mapped[str] = mapped_column(String(500), default="")

    election: Mapped[Election] = relationship()
    organisation: Mapped[Organisation] = relationship()
    decided_by: Mapped[User | None] = relationship()


class Delegate(db.Model):  # type: ignore[name-defined]
    """The person who casts an organisation's vote, or the deputy.

    A change never overwrites: the old row gets ``replaced_at`` and a new row is added, so
    changes after the voting cards were printed stay on record with who and when.
    """

    __tablename__ = "delegates"
    __table_args__ = (
        Index(
            "uq_delegates_current",
            "election_id",
            "organisation_id",
            "is_deputy",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    is_deputy: Mapped[bool] = mapped_column(default=False)
    #: The staff account that entered it, or None when named through the personal link
    named_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    named_at: Mapped[datetime] = mapped_column(UTCDateTime)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    named_by: Mapped[User | None] = relationship(foreign_keys=[named_by_id])


class NominationStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class NominationSource(enum.StrEnum):
    LINK = "link"  # through the organisation's personal link
    PAPER = "paper"  # entered by staff from a paper form


class Nomination(db.Model):  # type: ignore[name-defined]
    """An organisation's one candidate in an election (ELECTION.md R0.4).

    ``UNIQUE (election_id, organisation_id)`` makes "at most one" hold under any concurrency.
    """

    __tablename__ = "nominations"
    __table_args__ = (
        UniqueConstraint("election_id", "organisation_id"),
        _one_of("status", NominationStatus),
        _one_of("source", NominationSource),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    #: Short self-description, in the language the candidate wrote it
    description: Mapped[str] = mapped_column(Text, default="")
    #: Optional translations of the description: {"tr": "…", "ar": "…"}
    description_translations: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: Re-encoded JPEG (max 800 px, no EXIF) or None
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    has_photo: Mapped[bool] = mapped_column(default=False)
    consent_to_stand_at: Mapped[datetime]
    consent_to_publish_at: Mapped[datetime]
    #: R8.1: she stands for the women's place (self-declared; only officials see it)
    womens_place: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(10), default=NominationSource.LINK.value)
    #: The staff account that entered a paper nomination
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=NominationStatus.SUBMITTED.value)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Why confirmed or rejected; shown to the organisation
    decision_reason: Mapped[str] = mapped_column(String(1000), default="")

    election: Mapped[Election] = relationship(back_populates="nominations")
    organisation: Mapped[Organisation] = relationship()
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"


class NominationOverride(db.Model):  # type: ignore[name-defined]
    """An official's recorded permission for one change after the nomination deadline."""

    __tablename__ = "nomination_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The override lapses at this time if unused
    valid_until: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(1000))
    #: Set when the change it allowed was made; an override is used once
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: What it was used for, e.g. {"action": "nominated", "nomination_id": 3}
    used_for: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    organisation: Mapped[Organisation] = relationship()
    granted_by: Mapped[User] = relationship()


class CandidateOrderLot(db.Model):  # type: ignore[name-defined]
    """A recorded drawing of lots for the order of names on the ballot (R1.1, R4.2)."""

    __tablename__ = "candidate_order_lots"
    __table_args__ = (CheckConstraint("method IN ('physical', 'digital')", name="method"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    #: "physical" (slips drawn one by one) or "digital" (seed + :data:`LOT_ALGORITHM`)
    method: Mapped[str] = mapped_column(String(10))
    drawn_by: Mapped[str] = mapped_column(String(200))
    witnesses: Mapped[str] = mapped_column(String(500), default="")
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime)
    seed: Mapped[str] = mapped_column(String(200), default="")
    algorithm: Mapped[str] = mapped_column(String(50), default="")
    #: Nomination ids in the drawn order
    drawn_order: Mapped[list[int]] = mapped_column(JSON)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class LinkMailing(db.Model):  # type: ignore[name-defined]
    """One mail of an organisation's personal link, queued by an organiser (who, when, to whom).

    The outbox row says whether it went out; ``link_version`` tells whether the link mailed
    is still the current one after "Renew the link".
    """

    __tablename__ = "link_mailings"

    id: Mapped[int] = mapped_column(primary_key=True)
    roll_entry_id: Mapped[int] = mapped_column(ForeignKey("roll_entries.id"), index=True)
    #: The outbox message (a plain id: mail sits below every area)
    outbox_message_id: Mapped[int] = mapped_column(index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    #: Language the mail was written in
    locale: Mapped[str] = mapped_column(String(10))
    #: The roll entry's link_version at the time of sending
    link_version: Mapped[int]
    queued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)

    roll_entry: Mapped[RollEntry] = relationship()
    queued_by: Mapped[User] = relationship()
