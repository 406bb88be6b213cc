"""The two-round procedure (ELECTION.md R1–R3, R6): which round comes next and what it decides.

`first_round` and `next_round` say which round to hold and who is on its ballot; `decide` turns a
round's tally into finalists or seats. A tie across a cut-off stops the decision with a pending
LotRequest; the caller records the lot and calls again with it in the box.
"""

from __future__ import annotations

from collections.abc import Sequence

from voting import parity
from voting.collation import din_5007_key
from voting.cutoff import Scores, rank, select
from voting.lots import LotBox
from voting.model import Candidate, Config, LotRequest, Withdrawal
from voting.results import Place, RoundResult, RoundSpec, Tally

VACANT_NO_VOTES = "vacant: no further candidate with at least one vote (ELECTION.md R3.2, R6.2)"
VACANT_NOT_APPROVED = "vacant: no further candidate with more yes than no (ELECTION.md R6.1, R6.2)"


def ballot_order(config: Config, candidates: Sequence[Candidate]) -> tuple[str, ...]:
    """R1.1: alphabetical by surname (DIN 5007-1, as on the published list), or the frozen
    list's order when that was drawn by lot.

    Equal names keep their order in the frozen list (a stable sort), which is the published
    list's order, so ballot, list and verifier never disagree.
    """
    if config.ballot_order == "lot":
        return tuple(c.id for c in candidates)
    key = sorted(candidates, key=lambda c: din_5007_key(c.surname, c.given_name))
    return tuple(c.id for c in key)


def _spec(config: Config, number: int, ids: tuple[str, ...], may_skip: bool) -> RoundSpec | None:
    """R1.2 / R2.2 / R6.1: the kind of round that `ids` candidates lead to."""
    if not ids:
        return None
    if len(ids) <= config.seats:
        return RoundSpec(number, "yes_no", ids, len(ids))
    if may_skip and len(ids) > config.finalists:
        return RoundSpec(number, "first", ids, config.votes_round1)
    return RoundSpec(number, "runoff", ids, config.votes_runoff)


def first_round(config: Config, candidates: Sequence[Candidate],
                withdrawals: Sequence[Withdrawal] = ()) -> RoundSpec | None:
    """Round 1 after R2.1 withdrawals; skipped straight to the runoff with ≤ F candidates (R1.2)."""
    gone = {w.candidate_id for w in withdrawals if w.before_round == 1}
    ids = tuple(c for c in ballot_order(config, candidates) if c not in gone)
    return _spec(config, 1, ids, may_skip=True)


def next_round(config: Config, previous: RoundResult,
               withdrawals: Sequence[Withdrawal] = ()) -> RoundSpec | None:
    """The runoff after a decided first round; nobody moves up for a withdrawal (R2.2)."""
    if previous.spec.kind != "first" or not previous.complete:
        return None
    number = previous.spec.number + 1
    gone = {w.candidate_id for w in withdrawals if w.before_round == number}
    finalists = set(previous.chosen) - gone
    ids = tuple(c for c in previous.spec.candidates if c in finalists)
    return _spec(config, number, ids, may_skip=False)


def decide(config: Config, candidates: Sequence[Candidate], spec: RoundSpec, tally: Tally,
           box: LotBox) -> RoundResult:
    """Finalists (R1.4, R1.5, R8.2) or seats (R3, R6.1, R8.3) from a round's tally."""
    used_before = len(box.used)
    if spec.kind == "first":
        places, pending = _finalists(config, candidates, spec, tally.votes, box)
    else:
        note = VACANT_NO_VOTES if spec.kind == "runoff" else VACANT_NOT_APPROVED
        places, pending = seats(config, candidates, spec.number, eligible(spec, tally), box, note)
    lots = tuple(box.used[used_before:])
    return RoundResult(spec, tally, rank(tally.votes), places, lots, pending)


def _finalists(config: Config, candidates: Sequence[Candidate], spec: RoundSpec, votes: Scores,
               box: LotBox) -> tuple[tuple[Place, ...], LotRequest | None]:
    all_tied = config.tie_rule == "all_tied_advance"
    if config.parity:
        return parity.pooled_places(
            config, votes, config.finalists, women=women(candidates), round=spec.number,
            reason="finalists", box=box, vacancy_note="", all_tied_advance=all_tied)
    s = select(votes, config.finalists, round=spec.number, reason="finalists", box=box,
               all_tied_advance=all_tied)
    return tuple(Place(c) for c in s.chosen), s.pending


def seats(config: Config, candidates: Sequence[Candidate], round: int, scores: Scores,
          box: LotBox, vacancy_note: str) -> tuple[tuple[Place, ...], LotRequest | None]:
    """The S seats among the eligible `scores` (R3.2, R3.3, R8.3); the rest recorded vacant."""
    if config.parity:
        return parity.pooled_places(config, scores, config.seats, women=women(candidates),
                                    round=round, reason="seats", box=box,
                                    vacancy_note=vacancy_note)
    s = select(scores, config.seats, round=round, reason="seats", box=box)
    places = tuple(Place(c) for c in s.chosen)
    if s.pending:
        return places, s.pending
    return places + (Place(None, "general", vacancy_note),) * (config.seats - len(places)), None


def eligible(spec: RoundSpec, tally: Tally) -> list[tuple[str, int]]:
    """Who may hold a seat: ≥ 1 vote in a runoff (R3.2), yes > no in a yes/no round (R6.1)."""
    if spec.kind == "yes_no":
        no = dict(tally.no_votes)
        return [(c, v) for c, v in tally.votes if v > no.get(c, 0)]
    return [(c, v) for c, v in tally.votes if v >= 1]


def women(candidates: Sequence[Candidate]) -> frozenset[str]:
    """Ids of the candidates standing for the women's place (R8.1)."""
    return frozenset(c.id for c in candidates if c.womens_place)
