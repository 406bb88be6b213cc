"""Acceptance and successors (ELECTION.md R7).

Declarations are replayed in the order recorded. When a seat's holder declines, the next-ranked
candidate of the deciding round who may hold a seat (≥ 1 vote in a runoff, R7.2; more yes than no
in a yes/no round) and was not offered a seat yet takes it, subject to their own declaration; a tie
is a lot (reason "successor"). Under parity a women's seat goes to the next-ranked women's-place
candidate, and when there is none R8.4 applies. Nobody left: the seat is recorded vacant (R6.2).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voting.cutoff import select
from voting.lots import LotBox
from voting.model import Acceptance, Candidate, Config, LotRequest, VotingError
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
    """Replay the declarations in the order they were recorded; replace each decliner (R7.2).

    Recorded order matters: a successor is determined when the decline is recorded, from the
    candidates not offered a seat by then, exactly as it happened in the room.
    """
    pool = eligible(final.spec, final.tally)
    seats = list(final.places)
    offered = {p.candidate_id for p in seats if p.candidate_id}
    answered: set[str] = set()
    successions: list[Succession] = []
    for a in acceptances:
        i = next((i for i, p in enumerate(seats) if p.candidate_id == a.candidate_id), None)
        if i is None or a.candidate_id in answered:
            raise VotingError("bad_acceptance",
                              f"{a.candidate_id} holds no seat awaiting an answer (R7.1)")
        answered.add(a.candidate_id)
        if a.accepts:
            continue
        left = [(c, v) for c, v in pool if c not in offered]
        nxt, pending = _successor(config, candidates, final.spec.number, i + 1, seats[i], left,
                                  box)
        if pending:
            return Acceptances(tuple(seats), tuple(successions), (), pending)
        successions.append(Succession(i + 1, a.candidate_id, nxt.candidate_id, nxt.note))
        offered.add(nxt.candidate_id or "")
        seats[i] = nxt
    awaiting = tuple(p.candidate_id for p in seats
                     if p.candidate_id is not None and p.candidate_id not in answered)
    return Acceptances(tuple(seats), tuple(successions), awaiting, None)


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
