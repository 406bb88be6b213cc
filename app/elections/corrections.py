"""Correcting a keyed-in paper ballot after close (ELECTION.md R9.1).

A counting error found after close is corrected by the officials with a recorded reason: the
ballot's record changes, the round's commitment is recomputed and logged again (R11.2), the
reason goes to the event log and the protocol, and ``voting`` replays the election, so results
follow and a correction the recorded lots or declarations no longer fit is refused.
Only the last closed round can be corrected, and only before the next round opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

import voting
from app.elections import ledger as lg
from app.elections.ledger import ElectionError, append_event
from app.elections.models import Election
from app.elections.voting_models import Ballot, Remark, Round
from app.extensions import db
from voting.canonical import digest


@dataclass(frozen=True)
class PaperContent:
    """One distinct keyed-in paper ballot of a round, as the officials pick it."""

    key: str
    marks: tuple[str, ...]
    reason: str | None
    doubtful_no: int | None
    count: int


def _key(row: Ballot) -> str:
    return digest([sorted(row.marks), row.reason, row.doubtful_no])[:16]


def correctable_round(election: Election) -> Round | None:
    """The last closed round, while no round is open or held after it."""
    held = lg.rounds_of(election)
    if not held or held[-1].status != "closed":
        return None
    return held[-1]


def paper_contents(rnd: Round) -> list[PaperContent]:
    """The round's paper ballots grouped by content (they carry no order, R10.4)."""
    groups: dict[str, PaperContent] = {}
    rows = db.session.scalars(select(Ballot).where(Ballot.round_id == rnd.id,
                                                   Ballot.source == "paper"))
    for row in rows:
        key = _key(row)
        seen = groups.get(key)
        groups[key] = PaperContent(key, tuple(sorted(row.marks)), row.reason, row.doubtful_no,
                                   (seen.count if seen else 0) + 1)
    return sorted(groups.values(), key=lambda c: (c.reason or "", c.marks, c.doubtful_no or 0))


def describe(content: PaperContent | Ballot, names: dict[str, str]) -> str:
    """A ballot's content in words for the protocol."""
    if content.reason:
        return _("invalid (%(reason)s)", reason=content.reason)
    marks = sorted(content.marks)
    return ", ".join(names.get(m, m) for m in marks) if marks else _("abstention")


def correct_paper_ballot(election: Election, number: int, key: str, *, marks: Sequence[str],
                         invalid_reason: str | None, reason: str, by: str,
                         actor_id: int | None, now: datetime) -> Remark:
    """Change one paper ballot of the last closed round, with the officials' reason (R9.1)."""
    rnd = correctable_round(election)
    if rnd is None or rnd.number != number:
        raise ElectionError("not_correctable")
    if not reason.strip():
        raise ElectionError("reason_required")
    row = next((b for b in db.session.scalars(select(Ballot).where(
        Ballot.round_id == rnd.id, Ballot.source == "paper")) if _key(b) == key), None)
    if row is None:
        raise ElectionError("unknown_ballot")
    new = voting.Ballot(row.id, rnd.number, () if invalid_reason else tuple(sorted(set(marks))),
                        "", invalid_reason or None, "paper", (), row.doubtful_no)  # type: ignore[arg-type]
    spec = voting.RoundSpec(rnd.number, rnd.kind, tuple(rnd.candidates),  # type: ignore[arg-type]
                            rnd.votes_per_ballot)
    try:
        voting.check_ballot(spec, new)
    except voting.VotingError:
        raise ElectionError("bad_ballot") from None
    if (list(new.marks), new.reason) == (sorted(row.marks), row.reason):
        raise ElectionError("no_change")
    names = {c["id"]: f"{c['given_name']} {c['surname']}" for c in lg.frozen(election).candidates}
    before = describe(row, names)
    row.marks, row.status, row.reason = list(new.marks), new.status, new.reason
    db.session.flush()
    try:
        voting.tally_election(lg.domain(election))
    except voting.VotingError as error:  # e.g. a recorded lot no longer meets its tie (R4.3)
        raise ElectionError(error.code, str(error)) from None
    ballots = lg.round_ballots(rnd)
    rnd.commitment = voting.commitment(rnd.number, ballots, lg.round_codes(rnd))
    text = f"{reason.strip()} ({before} → {describe(row, names)})"
    remark = Remark(election_id=election.id, kind="correction", round_number=rnd.number,
                    text=text, by=by, at=now)
    db.session.add(remark)
    db.session.flush()
    append_event(election, "correction", {"round": rnd.number, "reason": reason.strip()},
                 at=now, actor_id=actor_id)
    append_event(election, "round_closed", {"round": rnd.number, "cast": len(ballots),
                                            "commitment": rnd.commitment, "corrected": True},
                 at=now, actor_id=actor_id)
    return remark
