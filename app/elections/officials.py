"""Officials' decisions after the count: protocol data and the acceptance deadline (R7.1, R11).

Every decision here is appended to the event log (R11.1); ``voting`` replays the acceptances, so a
missed deadline is recorded as a decline and the successor rule (R7.2) follows from the ranking.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import voting
from app.elections import ledger as lg
from app.elections.ledger import ElectionError, append_event, iso
from app.elections.models import Election
from app.elections.voting_models import FrozenElection
from app.extensions import db
from voting import codec
from voting.canonical import plain

PROTOCOL_FIELDS = ("place", "returning_officer", "assessors", "recorder")


def set_protocol_info(election: Election, values: Mapping[str, str], *, actor_id: int | None,
                      now: datetime) -> None:
    """Place and officials printed on the protocol (R11.5); each change is logged."""
    snapshot = lg.frozen(election)
    cleaned = {name: (values.get(name) or "").strip() for name in PROTOCOL_FIELDS}
    for name, value in cleaned.items():
        setattr(snapshot, name, value)
    db.session.flush()
    append_event(election, "protocol_info", cleaned, at=now, actor_id=actor_id)


def acceptance_deadlines(election: Election) -> dict[str, datetime]:
    """When each elected candidate still awaiting a declaration must have declared (R7.1).

    The period starts when the seat was decided: at the close of the deciding round, or for a
    successor (R7.2) when the decline that made them one was recorded. A period of 0 days
    ("at once") lasts until 24 hours after that moment.
    """
    if db.session.get(FrozenElection, election.id) is None:
        return {}
    current = lg.domain(election)
    result = voting.tally_election(current)
    if not result.awaiting_acceptance:
        return {}
    days = codec.config_from(lg.frozen(election).config).acceptance_days
    period = timedelta(days=days) if days > 0 else timedelta(hours=24)
    closed = [r for r in lg.rounds_of(election) if r.status == "closed" and r.closed_at]
    decided_at = closed[-1].closed_at if closed else lg.frozen(election).frozen_at
    declined_at = {a.candidate_id: a.at for a in current.acceptances if not a.accepts}
    started = {s.successor: datetime.fromisoformat(declined_at[s.declined])
               for s in result.successions
               if s.successor and declined_at.get(s.declined)}
    return {cid: started.get(cid, decided_at) + period  # type: ignore[operator]
            for cid in result.awaiting_acceptance}


def missed_deadlines(election: Election) -> set[str]:
    """Candidates whose declines were recorded because the deadline passed (from the log)."""
    return {str(e.payload.get("candidate")) for e in lg.ledger(election).entries
            if e.kind == "deadline_passed"}


def record_missed_deadline(election: Election, candidate_id: str, *, actor_id: int | None,
                           now: datetime) -> voting.ElectionResult:
    """After the deadline an unanswered elected person counts as declined (R7.1, R7.2).

    An official records it; the log keeps the deadline, then the decline as an acceptance entry
    the verifier replays, so the successor follows from the runoff ranking.
    """
    from app.elections.rounds import _checked, open_round

    if open_round(election) is not None:
        raise ElectionError("round_open")
    deadline = acceptance_deadlines(election).get(candidate_id)
    if deadline is None:
        raise ElectionError("bad_acceptance")
    if now <= deadline:
        raise ElectionError("deadline_not_passed")
    current = lg.domain(election)
    entry = voting.Acceptance(candidate_id, False, iso(now))
    result = _checked(election, acceptances=(*current.acceptances, entry))
    lg.record(election, "acceptance", entry, at=now, actor_id=actor_id)
    append_event(election, "deadline_passed", {"candidate": candidate_id,
                                               "deadline": iso(deadline)},
                 at=now, actor_id=actor_id)
    append_event(election, "acceptance", {"acceptance": plain(entry)}, at=now, actor_id=actor_id)
    return result
