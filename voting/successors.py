"""Acceptance and successors (ELECTION.md R7).

Seats are offered in seat order. When the holder of a seat declines, the next-ranked candidate of
the deciding round who may hold a seat (≥ 1 vote in a runoff, R7.2; more yes than no in a yes/no
round) and has not declined is offered it; a tie is a lot (reason "successor"). Under parity a
women's seat goes to the next-ranked women's-place candidate, and when there is none R8.4 applies.
Nobody left: the seat is recorded vacant (R6.2). An unanswered offer stops the walk: the result
lists who must still answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voting.cutoff import select
from voting.lots import LotBox
from voting.model import Acceptance, Candidate, Config, LotRequest
from voting.parity import FILLED_OPENLY, STAYS_VACANT
from voting.results import Place, RoundResult, Succession
from voting.rules import eligible, women

NOBODY_LEFT = "vacant: no further candidate who may take the seat (ELECTION.md R7.2, R6.2)"


@dataclass(frozen=True)
class Acceptances:
    """The seats after declarations, who took over, and what is still open."""

    seats: tuple[Place, ...]
    successions: tuple[Succession, ...]
    awaiting: tuple[str, ...]
    pending: LotRequest | None


def apply_acceptances(config: Config, candidates: Sequence[Candidate], final: RoundResult,
                      acceptances: Sequence[Acceptance], box: LotBox) -> Acceptances:
    """Walk the seats in order and replace each declined holder (R7.2)."""
    answer = {a.candidate_id: a.accepts for a in acceptances}
    pool = eligible(final.spec, final.tally)
    offered = {p.candidate_id for p in final.places if p.candidate_id}
    seats, successions, awaiting = list(final.places), [], []
    for i, place in enumerate(seats):
        while place.candidate_id is not None and answer.get(place.candidate_id) is False:
            left = [(c, v) for c, v in pool if c not in offered]
            nxt, pending = _successor(config, candidates, final.spec.number, i + 1, place, left,
                                      box)
            if pending:
                return Acceptances(tuple(seats), tuple(successions), tuple(awaiting), pending)
            successions.append(Succession(i + 1, place.candidate_id, nxt.candidate_id, nxt.note))
            offered.add(nxt.candidate_id or "")
            place = seats[i] = nxt
        if place.candidate_id is not None and place.candidate_id not in answer:
            awaiting.append(place.candidate_id)
    return Acceptances(tuple(seats), tuple(successions), tuple(awaiting), None)


def _successor(config: Config, candidates: Sequence[Candidate], round: int, seat: int,
               place: Place, left: list[tuple[str, int]],
               box: LotBox) -> tuple[Place, LotRequest | None]:
    """The next holder of a declined seat, or the lot that must pick them."""
    reason, note = "successor", ""
    if config.parity and place.kind == "women":
        womens = [s for s in left if s[0] in women(candidates)]
        if womens:
            left, reason = womens, "successor_women"
        elif config.parity_unused == "stay_vacant":
            return Place(None, "women", STAYS_VACANT), None
        else:
            note = FILLED_OPENLY
    s = select(left, 1, round=round, reason=reason, box=box, first_place=seat)
    if s.pending:
        return place, s.pending
    if not s.chosen:
        return Place(None, place.kind, NOBODY_LEFT), None
    return Place(s.chosen[0], place.kind, note), None
