"""A whole election from plain data to its protocol-ready result (ELECTION.md R1–R8).

`tally_election` is what the app calls after every step (round closed, lot drawn, withdrawal,
acceptance): it replays everything from the recorded inputs and says what comes next. The verifier
calls `decide_election` with the published tallies, so both walk the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from voting.lots import LotBox
from voting.model import Acceptance, Candidate, Config, Election, LotRecord, VotingError, Withdrawal
from voting.results import ElectionResult, Place, RoundResult, RoundSpec, Tally
from voting.rules import decide, first_round, next_round
from voting.successors import apply_acceptances
from voting.validity import checked_tally

NO_CANDIDATES = "vacant: no candidate left to elect (ELECTION.md R2, R6.2)"


def tally_election(election: Election) -> ElectionResult:
    """Check and count every round's ballots, then decide the election (R5, then R1–R8)."""
    tallies: list[Tally] = []
    spec = first_round(election.config, election.candidates, election.withdrawals)
    for held in election.rounds:
        if spec is None or held.number != spec.number:
            raise VotingError("unexpected_round", f"round {held.number} is not due")
        tallies.append(checked_tally(spec, held))
        partial = decide_election(election.config, election.candidates, tallies, election.lots,
                                  election.withdrawals, partial=True)
        spec = partial.next_round
    return decide_election(election.config, election.candidates, tallies, election.lots,
                           election.withdrawals, election.acceptances)


def decide_election(config: Config, candidates: Sequence[Candidate], tallies: Sequence[Tally],
                    lots: Sequence[LotRecord] = (), withdrawals: Sequence[Withdrawal] = (),
                    acceptances: Sequence[Acceptance] = (), *,
                    partial: bool = False) -> ElectionResult:
    """Apply the rules to the rounds' tallies, in order, with the recorded lots.

    With `partial`, lots are not required to be used (the app asks which round comes next
    before its lots are drawn); otherwise a lot nobody asked for is an error (R4.3).
    """
    box = LotBox(lots)
    _check_withdrawals(candidates, withdrawals)
    spec = first_round(config, candidates, withdrawals)
    results: list[RoundResult] = []
    for t in tallies:
        if spec is None:
            raise VotingError("unexpected_round", f"round {len(results) + 1} is not due")
        result = decide(config, candidates, spec, t, box)
        results.append(result)
        if result.pending:
            break
        spec = next_round(config, result, withdrawals)
    if len(results) < len(tallies):
        raise VotingError("unexpected_round", "a round was held while a lot was undrawn (R4.3)")
    outcome = _outcome(config, candidates, results, spec, acceptances, box)
    if not partial:
        _check_late_withdrawals(results, withdrawals)
        box.close()
    return outcome


def _outcome(config: Config, candidates: Sequence[Candidate], results: list[RoundResult],
             spec: RoundSpec | None, acceptances: Sequence[Acceptance],
             box: LotBox) -> ElectionResult:
    last = results[-1] if results else None
    if last is not None and last.pending:
        return ElectionResult(tuple(results), None, last.pending, (), (), (), "awaiting_lot")
    if spec is not None:
        return ElectionResult(tuple(results), spec, None, (), (), (), "awaiting_round")
    if last is None:  # nobody to elect: every seat is a recorded vacancy (R6.2)
        vacant = (Place(None, "general", NO_CANDIDATES),) * config.seats
        return ElectionResult((), None, None, vacant, (), (), "complete")
    done = apply_acceptances(config, candidates, last, acceptances, box)
    status = ("awaiting_lot" if done.pending else
              "awaiting_acceptance" if done.awaiting else "complete")
    return ElectionResult(tuple(results), None, done.pending, done.seats, done.successions,
                          done.awaiting, status)


def _check_withdrawals(candidates: Sequence[Candidate], withdrawals: Sequence[Withdrawal]) -> None:
    known = {c.id for c in candidates}
    seen: set[str] = set()
    for w in withdrawals:
        if w.candidate_id not in known or w.candidate_id in seen:
            raise VotingError("bad_withdrawal", f"unknown or repeated withdrawal {w.candidate_id}")
        seen.add(w.candidate_id)


def _check_late_withdrawals(results: list[RoundResult], withdrawals: Sequence[Withdrawal]) -> None:
    """R2.2/R2.3: a withdrawal after round 1 names a finalist and comes before the runoff."""
    for w in withdrawals:
        if w.before_round == 1:
            continue
        first = results[0] if results else None
        ok = (w.before_round == 2 and first is not None and first.spec.kind == "first"
              and first.complete and w.candidate_id in first.chosen)
        if not ok:
            raise VotingError(
                "late_withdrawal",
                f"{w.candidate_id} cannot withdraw before round {w.before_round}: only finalists "
                "between the rounds (ELECTION.md R2.2, R2.3)",
            )
