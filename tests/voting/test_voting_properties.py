"""Property tests over random elections (hypothesis): ELECTION.md R1, R3, R4, R6, R7, R8, R11."""

from __future__ import annotations

import os
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from voting_factories import bid, candidates, simulate

from voting.audit import verify_export
from voting.canonical import digest
from voting.election import tally_election
from voting.export import build_export
from voting.ledger import commitment
from voting.model import INVALID_REASONS, Ballot, Config, Election
from voting.parity import reserved
from voting.results import RoundSpec

#: VOTING_EXAMPLES=2000 for a deeper search; the default keeps the suite fast
EXAMPLES = int(os.environ.get("VOTING_EXAMPLES", "150"))
FAST = settings(max_examples=EXAMPLES, deadline=None)


def _ballot(draw, spec: RoundSpec, i: int) -> Ballot:
    n = spec.number
    if spec.kind == "yes_no":
        answers = draw(
            st.lists(
                st.tuples(st.sampled_from(spec.candidates), st.sampled_from(["yes", "no"])),
                max_size=len(spec.candidates),
                unique_by=lambda a: a[0],
            )
        )
        return Ballot(bid(n, i), n, answers=tuple(answers))
    kind = draw(st.sampled_from(["device"] * 5 + ["paper", "invalid"]))
    if kind == "invalid":
        return Ballot(bid(n, i), n, source="paper", reason=draw(st.sampled_from(INVALID_REASONS)))
    marks = draw(
        st.lists(st.sampled_from(spec.candidates), max_size=spec.votes_per_ballot, unique=True)
    )
    return Ballot(bid(n, i), n, tuple(marks), source=kind)


@st.composite
def elections(draw, parity: bool | None = None) -> tuple[Election, object]:
    """A random election run to its end: candidates, config, ballots, lots and acceptances."""
    seats = draw(st.integers(1, 3))
    config = Config(
        seats=seats,
        finalists=draw(st.integers(seats, 2 * seats + 1)),
        votes_round1=draw(st.integers(1, 2)),
        votes_runoff=draw(st.integers(1, 2)),
        tie_rule=draw(st.sampled_from(["lot", "lot", "all_tied_advance"])),
        parity=draw(st.booleans()) if parity is None else parity,
        parity_unused=draw(st.sampled_from(["fill_openly", "stay_vacant"])),
    )
    n = draw(st.integers(0, 9))
    women = draw(st.sets(st.integers(1, n))) if n else set()

    def cast(spec: RoundSpec) -> list[Ballot]:
        return [_ballot(draw, spec, i) for i in range(draw(st.integers(3, 15)))]

    seed = draw(st.text(min_size=1, max_size=8))
    return simulate(
        config, candidates(n, women), [cast, cast], seed=seed, answer=lambda c: draw(st.booleans())
    )


def votes_of(result, i: int) -> dict[str, int]:
    return dict(result.rounds[i].tally.votes)


@FAST
@given(elections())
def test_ranks_are_consistent_with_votes(run):
    """ELECTION.md R1.3: rank by votes descending; equal votes share a rank."""
    result = tally_election(run[0])
    for r in result.rounds:
        assert sorted(p.votes for p in r.ranking) == sorted((v for _, v in r.tally.votes))
        for p in r.ranking:
            assert p.rank == 1 + sum(1 for q in r.ranking if q.votes > p.votes)
        assert [p.votes for p in r.ranking] == sorted((p.votes for p in r.ranking), reverse=True)


@FAST
@given(elections())
def test_exactly_s_seats_or_recorded_vacancies(run):
    """ELECTION.md R3.2, R6.2, R7.2: S places, each held once or vacant with a reason."""
    election, _ = run
    result = tally_election(election)
    assert result.status in ("complete", "awaiting_acceptance") and result.pending is None
    assert len(result.seats) == election.config.seats
    held = [p.candidate_id for p in result.seats if p.candidate_id]
    assert len(held) == len(set(held))
    assert all(p.note for p in result.seats if p.candidate_id is None)
    declined = {a.candidate_id for a in election.acceptances if not a.accepts}
    assert declined.isdisjoint(held)
    if result.rounds:
        final = result.rounds[-1]
        assert all(votes_of(result, -1)[c] >= 1 for c in held)  # R3.2 / R6.1
        assert len(final.places) == election.config.seats


@FAST
@given(elections())
def test_no_lot_without_a_tie(run):
    """ELECTION.md R4.3: every lot is among candidates with equal votes, more than places."""
    election, _ = run
    result = tally_election(election)
    for lot in election.lots:
        counts = {v for _, v in lot.tied}
        assert len(counts) == 1 and len(lot.tied) > len(lot.places)
        tally = dict(result.rounds[lot.round - 1].tally.votes)
        assert all(tally[c] == v for c, v in lot.tied)


@FAST
@given(elections(parity=False))
def test_a_lot_for_every_tie_at_a_cutoff(run):
    """ELECTION.md R1.5, R3.3: a tie at places F/F+1 or S/S+1 always has its lot."""
    election, _ = run
    config, result = election.config, tally_election(election)
    reasons = {(lot.round, lot.reason) for lot in election.lots}
    for r in result.rounds:
        if r.spec.kind == "first":
            places, pool, reason = config.finalists, [v for _, v in r.tally.votes], "finalists"
            if config.tie_rule == "all_tied_advance":
                continue
        elif r.spec.kind == "runoff":
            places, pool, reason = config.seats, [v for _, v in r.tally.votes if v], "seats"
        else:
            continue
        ordered = sorted(pool, reverse=True)
        tie = len(ordered) > places and ordered[places - 1] == ordered[places]
        assert tie == ((r.spec.number, reason) in reasons)


@FAST
@given(elections(), st.randoms(use_true_random=False))
def test_permuting_ballots_changes_neither_result_nor_commitment(run, rnd):
    """ELECTION.md R10.4, R11.2: reading order never matters."""
    election, log = run
    shuffled = replace(
        election,
        rounds=tuple(
            replace(
                r,
                ballots=tuple(rnd.sample(r.ballots, len(r.ballots))),
                tracking_codes=tuple(rnd.sample(r.tracking_codes, len(r.tracking_codes))),
            )
            for r in election.rounds
        ),
    )
    assert tally_election(shuffled) == tally_election(election)
    for a, b in zip(election.rounds, shuffled.rounds, strict=True):
        assert commitment(a.number, a.ballots, a.tracking_codes) == commitment(
            b.number, b.ballots, b.tracking_codes
        )
    assert digest(build_export(shuffled, log)) == digest(build_export(election, log))


@FAST
@given(elections(parity=True))
def test_parity_results_satisfy_r8(run):
    """ELECTION.md R8.2–R8.4 checked from the outside."""
    election, _ = run
    config, result = election.config, tally_election(election)
    women = {c.id for c in election.candidates if c.womens_place}
    for i, r in enumerate(result.rounds):
        places = config.finalists if r.spec.kind == "first" else config.seats
        womens = [p for p in r.places if p.kind == "women"]
        assert all(p.candidate_id in women for p in womens if p.candidate_id)
        pool = [c for c in women if c in r.spec.candidates]
        if r.spec.kind != "first":
            pool = [c for c in pool if votes_of(result, i)[c] >= 1]
            if r.spec.kind == "yes_no":
                no = dict(r.tally.no_votes)
                pool = [c for c in pool if votes_of(result, i)[c] > no[c]]
        if config.tie_rule == "lot" or r.spec.kind != "first":
            assert len(womens) == reserved(places) or config.parity_unused == "fill_openly"
            filled = [p for p in womens if p.candidate_id]
            assert len(filled) == min(reserved(places), len(pool))
        if womens and womens[0].candidate_id and pool:  # the best woman of the pool leads
            best = max(votes_of(result, i)[c] for c in pool)
            assert votes_of(result, i)[womens[0].candidate_id] == best


@settings(max_examples=max(EXAMPLES // 3, 1), deadline=None)
@given(elections())
def test_every_simulated_election_exports_and_verifies(run):
    """ELECTION.md R11.4: the verifier passes whatever the rules decided."""
    election, log = run
    checks = verify_export(build_export(election, log, publish_ballots=True))
    assert [c for c in checks if c.status != "PASS"] == []
