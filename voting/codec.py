"""Model objects to and from the JSON data of an audit export (ELECTION.md R11.4).

Writing is `voting.canonical.plain`; reading rebuilds the frozen records and lets their own checks
refuse malformed data, so the verifier works on the same types as the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from voting.ledger import Entry
from voting.model import Acceptance, Ballot, Candidate, Config, LotRecord, Withdrawal
from voting.results import Placing, RoundSpec, Tally

Data = Mapping[str, Any]


def config_from(d: Data) -> Config:
    return Config(**d)


def candidate_from(d: Data) -> Candidate:
    return Candidate(**d)


def withdrawal_from(d: Data) -> Withdrawal:
    return Withdrawal(**d)


def acceptance_from(d: Data) -> Acceptance:
    return Acceptance(**d)


def lot_from(d: Data) -> LotRecord:
    return LotRecord(**{**d, "tied": tuple(tuple(t) for t in d["tied"])})


def entry_from(d: Data) -> Entry:
    return Entry(**d)


def ballot_from(content: Data, index: int) -> Ballot:
    """A published ballot has no id (R11.3); the verifier numbers them instead."""
    return Ballot(id=f"{index:032x}", **content)


def spec_from(r: Data) -> RoundSpec:
    return RoundSpec(r["number"], r["kind"], tuple(r["candidates"]), r["votes_per_ballot"])


def tally_from(r: Data) -> Tally:
    """The published counts and votes of a round, in its ballot order."""
    counts = r["counts"]
    order = r["candidates"]
    return Tally(
        cast=counts["cast"],
        valid=counts["valid"],
        abstentions=counts["abstentions"],
        invalid=tuple(sorted(counts["invalid"].items())),
        votes=tuple((c, r["votes"][c]) for c in order),
        no_votes=tuple((c, r["no_votes"][c]) for c in order) if r["no_votes"] else (),
    )


def tally_data(t: Tally) -> dict[str, Any]:
    """How a tally is published: counts plus votes per candidate."""
    return {
        "counts": {"cast": t.cast, "valid": t.valid, "abstentions": t.abstentions,
                   "invalid": dict(t.invalid)},
        "votes": dict(t.votes),
        "no_votes": dict(t.no_votes),
    }


def ranking_data(ranking: tuple[Placing, ...]) -> list[dict[str, Any]]:
    return [{"candidate": p.candidate_id, "votes": p.votes, "rank": p.rank} for p in ranking]
