"""The bridge to ``voting/``: the stored election as plain ``voting`` data, and the event log.

Nothing here decides a rule; ``voting.tally_election`` does (voting/README.md). The app keeps
what was recorded and replays it after every step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

import voting
from app.elections.models import Election
from app.elections.voting_models import (
    Ballot,
    ElectionRecord,
    EventLogEntry,
    FrozenElection,
    Round,
    TrackingCode,
)
from app.extensions import db
from voting import codec
from voting.canonical import plain
from voting.ledger import Entry, Ledger


class ElectionError(Exception):
    """A refused election action; ``code`` is stable for the HTML views and the API."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def iso(moment: datetime) -> str:
    """The ISO 8601 text of a time, as the event log and the records keep it."""
    return moment.isoformat(timespec="seconds")


def frozen(election: Election) -> FrozenElection:
    """The frozen snapshot (R0.1) or ``ElectionError("not_frozen")``."""
    snapshot = db.session.get(FrozenElection, election.id)
    if snapshot is None:
        raise ElectionError("not_frozen")
    return snapshot


def rounds_of(election: Election) -> list[Round]:
    return list(db.session.scalars(
        select(Round).where(Round.election_id == election.id).order_by(Round.number)))


def round_ballots(rnd: Round) -> tuple[voting.Ballot, ...]:
    """A round's ballots in canonical order (R10.4: read out sorted, never in insertion order)."""
    rows = db.session.scalars(select(Ballot).where(Ballot.round_id == rnd.id))
    ballots = [
        voting.Ballot(b.id, rnd.number, tuple(b.marks), b.status, b.reason, b.source,  # type: ignore[arg-type]
                      tuple(tuple(a) for a in b.answers), b.doubtful_no)  # type: ignore[misc]
        for b in rows
    ]
    return tuple(sorted(ballots, key=lambda b: b.id))


def round_codes(rnd: Round) -> tuple[str, ...]:
    return tuple(sorted(db.session.scalars(
        select(TrackingCode.code).where(TrackingCode.round_id == rnd.id))))


def records(election: Election, kind: str) -> list[dict[str, Any]]:
    return [r.data for r in db.session.scalars(
        select(ElectionRecord).where(ElectionRecord.election_id == election.id,
                                     ElectionRecord.kind == kind).order_by(ElectionRecord.id))]


def domain(election: Election, *, meta: dict[str, str] | None = None) -> voting.Election:
    """Everything recorded so far as a ``voting.Election`` (closed rounds only)."""
    snapshot = frozen(election)
    held = tuple(
        voting.RoundInput(r.number, round_ballots(r), round_codes(r), r.on_roll, r.cards_issued)
        for r in rounds_of(election) if r.status == "closed"
    )
    return voting.Election(
        config=codec.config_from(snapshot.config),
        candidates=tuple(codec.candidate_from(c) for c in snapshot.candidates),
        rounds=held,
        lots=tuple(codec.lot_from(d) for d in records(election, "lot")),
        withdrawals=tuple(codec.withdrawal_from(d) for d in records(election, "withdrawal")),
        acceptances=tuple(codec.acceptance_from(d) for d in records(election, "acceptance")),
        meta=meta or {},
    )


def state(election: Election) -> voting.ElectionResult:
    """What ``voting`` says comes next (voting/README.md, "How the app uses it")."""
    return voting.tally_election(domain(election))


def ledger(election: Election) -> Ledger:
    rows = db.session.scalars(select(EventLogEntry).where(
        EventLogEntry.election_id == election.id).order_by(EventLogEntry.height))
    return Ledger(tuple(Entry(r.height, r.parent, r.kind, r.at, r.payload) for r in rows))


def append_event(election: Election, kind: str, payload: dict[str, Any], *, at: datetime,
                 actor_id: int | None) -> EventLogEntry:
    """Append one entry to the hash chain (R11.1); the unique height settles races."""
    log = ledger(election).append(kind, plain(payload), at=iso(at))
    entry = log.entries[-1]
    row = EventLogEntry(election_id=election.id, height=entry.height, parent=entry.parent,
                        kind=entry.kind, at=entry.at, payload=dict(entry.payload),
                        digest=entry.digest(), actor_id=actor_id)
    db.session.add(row)
    db.session.flush()
    return row


def record(election: Election, kind: str, data: Any, *, at: datetime,
           actor_id: int | None) -> dict[str, Any]:
    """Store a lot, withdrawal or acceptance in its plain form and return that form."""
    data = plain(data)
    db.session.add(ElectionRecord(election_id=election.id, kind=kind, data=data,
                                  recorded_by_id=actor_id, recorded_at=at))
    db.session.flush()
    return data  # type: ignore[no-any-return]
