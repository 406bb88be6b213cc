"""The election as it is held: frozen snapshot, voting cards, rounds, ballots, the event log.

Secrecy lives in the schema (ELECTION.md R10.4, R10.5): a ballot row has a random 128-bit id, no
organisation, token, device, session, IP or time, and no auto-increment; on SQLite the ballot and
tracking-code tables are ``WITHOUT ROWID`` so not even the hidden rowid keeps insertion order.
The "received a card" register has no time and no card id; tracking codes have no link to ballots.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime
from app.extensions import db
from app.organisations.models import Organisation


class FrozenElection(db.Model):  # type: ignore[name-defined]
    """The configuration and candidate list as frozen at nomination close (R0.1)."""

    __tablename__ = "election_freezes"

    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), primary_key=True)
    #: ``voting.Config`` as plain JSON
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: ``voting.Candidate`` list as plain JSON, ids are ``str(nomination.id)``
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    #: SHA-256 of both (``voting.fingerprint``)
    fingerprint: Mapped[str] = mapped_column(String(64))
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    frozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Protocol data (R11.5): where, who leads, who assists, who records
    place: Mapped[str] = mapped_column(String(300), default="")
    returning_officer: Mapped[str] = mapped_column(String(200), default="")
    assessors: Mapped[str] = mapped_column(String(500), default="")
    recorder: Mapped[str] = mapped_column(String(200), default="")


class VotingCard(db.Model):  # type: ignore[name-defined]
    """One printed voting card (R10.1): only the token's SHA-256, never an organisation."""

    __tablename__ = "voting_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    #: SHA-256 hex of the token; the token itself is only on the printed card
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Which printed batch it came from (1, 2, …)
    batch: Mapped[int] = mapped_column(default=1)
    #: The number of the last round this card voted in; the atomic update of R10.3 sets it
    used_in_round: Mapped[int | None] = mapped_column()
    #: A damaged card returned at the desk (R10.3) or a lost one replaced by decision
    is_void: Mapped[bool] = mapped_column(default=False)


class CardReceipt(db.Model):  # type: ignore[name-defined]
    """ "Organisation X received a card" (R10.2): no card id, no time (R10.5).

    Keyed by (election, organisation) with no surrogate id, so no sequence and, on SQLite, no
    rowid keeps the order in which the organisations got their cards; on PostgreSQL
    ``sealing.reshuffle_register`` rewrites the rows in a random order when a round opens.
    """

    __tablename__ = "card_receipts"
    __table_args__ = ({"sqlite_with_rowid": False},)

    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), primary_key=True,
                                             index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"),
                                                 primary_key=True)
    #: Cards handed out to this organisation beyond the first (recorded replacements, R10.3)
    replacements: Mapped[int] = mapped_column(default=0)

    organisation: Mapped[Organisation] = relationship()


class DelegatePresence(db.Model):  # type: ignore[name-defined]
    """An official's recorded "delegate present" override of the check-in (R0.3, R11.1).

    No time and no surrogate id: it is confirmed at the desk right before the card is handed
    out, so a time here would say when the organisation got its card (R10.5).
    """

    __tablename__ = "delegate_presences"
    __table_args__ = ({"sqlite_with_rowid": False},)

    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), primary_key=True,
                                             index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"),
                                                 primary_key=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Why the officials overrode the check-in (e.g. "no ticket, known to the officials")
    reason: Mapped[str] = mapped_column(String(500), default="", server_default="")


class Round(db.Model):  # type: ignore[name-defined]
    """One round (Wahlgang) as opened from ``voting``'s ``RoundSpec``."""

    __tablename__ = "rounds"
    __table_args__ = (
        UniqueConstraint("election_id", "number"),
        CheckConstraint("status IN ('open', 'closed', 'void')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    #: Rounds as held: 1, 2, … (voting/README.md "Round numbers")
    number: Mapped[int]
    #: "first", "runoff" or "yes_no"
    kind: Mapped[str] = mapped_column(String(10))
    #: Candidate ids in ballot order
    candidates: Mapped[list[str]] = mapped_column(JSON)
    votes_per_ballot: Mapped[int]
    #: "open", "closed", or "void" when closed with too few ballots (R0.5) until held again
    status: Mapped[str] = mapped_column(String(10), default="open")
    #: Counts fixed when the round opened (R0.3: a card received before the round opened)
    on_roll: Mapped[int]
    cards_issued: Mapped[int]
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: R11.2, set at close
    commitment: Mapped[str | None] = mapped_column(String(64))


class Ballot(db.Model):  # type: ignore[name-defined]
    """One ballot (R10.4): random id, round, sorted marks, status, source. Nothing else.

    A doubtful paper ballot also carries its number and the officials' reason (R5.2).
    """

    __tablename__ = "ballots"
    __table_args__ = (
        CheckConstraint("status IN ('valid', 'abstention', 'invalid')", name="status"),
        CheckConstraint("source IN ('device', 'paper')", name="source"),
        {"sqlite_with_rowid": False},
    )

    #: 128 random bits as 32 hex digits (``secrets``), never a sequence
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    #: Marked candidate ids, sorted
    marks: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: R6.1: sorted [candidate id, "yes" | "no"] pairs
    answers: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12))
    #: R5.2: why a paper ballot is invalid
    reason: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(8))
    #: R5.2: the number of a doubtful paper ballot decided by the officials
    doubtful_no: Mapped[int | None] = mapped_column()
    #: R5.2: the officials' reason for their decision on a doubtful ballot (printed on the
    #: protocol; not in the export, so the ballot record R10.4 and the verifier are unchanged)
    doubtful_reason: Mapped[str | None] = mapped_column(Text)


class TrackingCode(db.Model):  # type: ignore[name-defined]
    """A tracking code shown after casting (R10.7); no link to any ballot."""

    __tablename__ = "tracking_codes"
    __table_args__ = ({"sqlite_with_rowid": False},)

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)


class EventLogEntry(db.Model):  # type: ignore[name-defined]
    """One entry of the hash-chained event log (R11.1); never a ballot."""

    __tablename__ = "election_events"
    __table_args__ = (UniqueConstraint("election_id", "height"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    height: Mapped[int]
    #: Digest of the previous entry, None for the first
    parent: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    #: ISO 8601 time as passed to ``voting.Ledger.append``
    at: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64))
    #: The official who acted (not part of the chain)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ElectionRecord(db.Model):  # type: ignore[name-defined]
    """A recorded decision replayed by ``voting``: a lot, a withdrawal or an acceptance.

    ``data`` is the plain form of ``voting.LotRecord`` / ``Withdrawal`` / ``Acceptance``.
    """

    __tablename__ = "election_records"
    __table_args__ = (
        CheckConstraint("kind IN ('lot', 'withdrawal', 'acceptance')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Remark(db.Model):  # type: ignore[name-defined]
    """A correction (R9), objection, incident, card decision (R10.3) or substitute (R0.2)."""

    __tablename__ = "election_remarks"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('correction', 'objection', 'incident', 'card', 'substitute')",
            name="kind",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(ForeignKey("elections.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    #: The round it concerns, if any
    round_number: Mapped[int | None] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class CommitteeSeat(db.Model):  # type: ignore[name-defined]
    """A seat of a committee filled by an election, e.g. an MSO seat of the steering group."""

    __tablename__ = "committee_seats"
    __table_args__ = (UniqueConstraint("committee", "seat", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    committee: Mapped[str] = mapped_column(String(200))
    seat: Mapped[int]
    person: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    organisation_name: Mapped[str] = mapped_column(String(300), default="")
    term: Mapped[str] = mapped_column(String(50), default="")
    #: E.g. "elected in Wahl der MSO-Sitze 2026"
    source: Mapped[str] = mapped_column(String(300))
    election_id: Mapped[int | None] = mapped_column(ForeignKey("elections.id"), index=True)
