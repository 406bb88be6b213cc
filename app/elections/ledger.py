"""The bridge to ``voting/``: the stored election as plain ``voting`` data, and the event log.

Nothing here decides a rule; ``voting.tally_election`` does (voting/README.md). The app keeps
what was recorded and replays it after every step.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Row, Text, cast, func, select

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
from voting.collector import paused_gc
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


#: Columns of a ballot row as ``ballot_rows`` returns them; JSON columns as their JSON text
BALLOT_ROW = ("id", "round_id", "marks", "answers", "status", "reason", "source", "doubtful_no",
              "doubtful_reason")
_FIELD = {name: i for i, name in enumerate(BALLOT_ROW)}
_JSON_COLUMNS = ("marks", "answers")
_ID = itemgetter(_FIELD["id"])
#: What tells one ballot from another but its id, in ``round_ballots``' GROUP BY order
_GROUPED = ("marks", "answers", "status", "reason", "source", "doubtful_no")
_CONTENT = itemgetter(*(_FIELD[n] for n in _GROUPED))


def ballot_rows(round_id: int) -> list[Row[Any]]:
    """A round's stored ballot rows (``BALLOT_ROW`` order) with one Core query, no ORM objects.

    ``marks`` and ``answers`` come as their stored JSON text: a round of a million ballots has
    a handful of distinct texts, decoded once each by ``ballots_of``, and rewritten as they
    are by ``sealing.reshuffle_round``. As ORM objects the same rows cost ten times as much.
    """
    table = Ballot.__table__  # type: ignore[attr-defined]
    columns = [cast(table.c[n], Text) if n in _JSON_COLUMNS else table.c[n] for n in BALLOT_ROW]
    with paused_gc():
        return list(db.session.execute(select(*columns).where(table.c.round_id == round_id)))


def round_ballots(rnd: Round) -> voting.GroupedBallots:
    """A round's ballots; iterated, in canonical order (R10.4: sorted, never in insertion order).

    The database groups the rows by content and hands over each group's ids as one text: a
    round of a million ballots is a dozen rows, not a million rows of nine values each, and
    counting it reads those groups (``voting.GroupedBallots``) without making a million ballots.
    """
    table = Ballot.__table__  # type: ignore[attr-defined]
    content = [cast(table.c[n], Text) if n in _JSON_COLUMNS else table.c[n] for n in _GROUPED]
    groups = db.session.execute(select(*content, _joined(table.c.id))
                                .where(table.c.round_id == rnd.id).group_by(*content))
    return _grouped(rnd.number, ((*row[:-1], row[-1].split(",")) for row in groups))


def ballots_of(number: int, rows: Sequence[Sequence[Any]]) -> voting.GroupedBallots:
    """``voting`` ballots of round ``number`` from rows as ``ballot_rows`` gives them, grouped by
    content in Python as ``round_ballots`` has the database group them."""
    by_content: dict[tuple[Any, ...], list[str]] = {}
    with paused_gc():
        for row in rows:
            by_content.setdefault(_CONTENT(row), []).append(_ID(row))
    return _grouped(number, (key + (ids,) for key, ids in by_content.items()))


def _grouped(number: int, groups: Iterable[tuple[Any, ...]]) -> voting.GroupedBallots:
    """``GroupedBallots`` from (``_GROUPED`` columns with JSON as text…, ids) per content; each
    distinct JSON text is decoded once."""
    decoded: dict[str, Any] = {}
    with paused_gc():
        return voting.GroupedBallots(
            (voting.Ballot(ids[0], number, tuple(_json(decoded, marks)), status, reason, source,
                           tuple(tuple(a) for a in _json(decoded, answers)), doubtful_no), ids)
            for marks, answers, status, reason, source, doubtful_no, ids in groups)


def _json(decoded: dict[str, Any], text: str) -> Any:
    if text not in decoded:
        decoded[text] = json.loads(text)
    return decoded[text]


def round_codes(rnd: Round) -> tuple[str, ...]:
    """A round's tracking codes, sorted; handed over as one text (a round may have a million)."""
    codes = TrackingCode.__table__  # type: ignore[attr-defined]
    joined = db.session.scalar(select(_joined(codes.c.code)).where(codes.c.round_id == rnd.id))
    with paused_gc():
        return tuple(sorted(joined.split(","))) if joined else ()


def _joined(column: Any) -> Any:
    """All values of a text column as one comma-separated text (ids and codes have no comma)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.string_agg(column, ",")
    return func.group_concat(column, ",")


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
