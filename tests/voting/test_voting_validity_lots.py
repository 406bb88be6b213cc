"""Table tests for ballot validity and counting (ELECTION.md R0.6, R5) and lots (R4)."""

from __future__ import annotations

import pytest

from voting import lots
from voting.canonical import canonical, digest
from voting.model import Ballot, LotRecord, LotRequest, VotingError
from voting.results import RoundSpec
from voting.validity import ballot_problems, check_ballot, tally

ID = "0123456789abcdef0123456789abcdef"
CHOICE = RoundSpec(1, "first", ("a", "b", "c", "d", "e"), 2)
YES_NO = RoundSpec(2, "yes_no", ("a", "b"), 2)


@pytest.mark.parametrize(
    ("spec", "ballot", "problem"),
    [
        (CHOICE, Ballot(ID, 1, ("a",)), None),
        (CHOICE, Ballot(ID, 1, ("b", "a")), None),  # k = 2, stored sorted
        (CHOICE, Ballot(ID, 1), None),  # blank device ballot = abstention (R5.1)
        (CHOICE, Ballot(ID, 1, source="paper", reason="identifying_marks"), None),
        (CHOICE, Ballot(ID, 1, ("a", "b", "c")), "3 marks, at most 2"),
        (CHOICE, Ballot(ID, 1, ("a", "a")), "at most one vote per candidate"),
        (CHOICE, Ballot(ID, 1, ("z",)), "not on this round's ballot"),
        (CHOICE, Ballot(ID, 2, ("a",)), "belongs to round 2"),
        (CHOICE, Ballot("not-hex", 1, ("a",)), "128 bits"),
        (CHOICE, Ballot(ID, 1, reason="unclear_will"), "electronic ballot cannot be invalid"),
        (CHOICE, Ballot(ID, 1, source="paper", reason="ugly"), "needs a reason"),
        (CHOICE, Ballot(ID, 1, ("a",), "invalid", "unclear_will", "paper"), "records no marks"),
        (CHOICE, Ballot(ID, 1, ("a",), "abstention"), "exactly when something is marked"),
        (CHOICE, Ballot(ID, 1, answers=(("a", "yes"),)), "only a yes/no round"),
        (CHOICE, Ballot(ID, 1, ("a",), doubtful_no=3), "only paper ballots can be doubtful"),
        (YES_NO, Ballot(ID, 2, answers=(("a", "yes"), ("b", "no"))), None),
        (YES_NO, Ballot(ID, 2, answers=(("a", "maybe"),)), "'yes' or 'no'"),
        (YES_NO, Ballot(ID, 2, answers=(("a", "yes"), ("a", "no"))), "at most one vote"),
        (YES_NO, Ballot(ID, 2, ("a",)), "it has no marks"),
    ],
)
def test_ballot_record_against_r5(spec, ballot, problem):
    """ELECTION.md R0.6, R5.1, R5.2, R6.1, R10.4."""
    problems = ballot_problems(spec, ballot)
    if problem is None:
        assert problems == [] and check_ballot(spec, ballot) is ballot
    else:
        assert any(problem in p for p in problems), problems
        with pytest.raises(VotingError, match="bad_ballot"):
            check_ballot(spec, ballot)


def test_ballot_status_is_inferred():
    """ELECTION.md R5.2: blank or abstain ballots are valid abstentions."""
    assert Ballot(ID, 1).status == "abstention"
    assert Ballot(ID, 1, ("a",)).status == "valid"
    assert Ballot(ID, 1, source="paper", reason="unclear_will").status == "invalid"


def test_tally_counts_invalid_by_reason_and_abstentions():
    """ELECTION.md R5.3: abstentions and invalid ballots are counted and give no votes."""
    spec = RoundSpec(1, "first", ("a", "b", "c", "d", "e"), 1)
    cast = [
        Ballot(ID, 1, ("a",)),
        Ballot(ID, 1, ("a",)),
        Ballot(ID, 1, ("c",), source="paper"),
        Ballot(ID, 1),
        Ballot(ID, 1, source="paper"),
        Ballot(ID, 1, source="paper", reason="too_many_marks"),
        Ballot(ID, 1, source="paper", reason="too_many_marks", doubtful_no=1),
        Ballot(ID, 1, source="paper", reason="not_official_ballot"),
    ]
    t = tally(spec, cast)
    assert (t.cast, t.valid, t.abstentions) == (8, 3, 2)
    assert t.invalid == (("not_official_ballot", 1), ("too_many_marks", 2))
    assert t.votes == (("a", 2), ("b", 0), ("c", 1), ("d", 0), ("e", 0))
    assert tally(spec, reversed(cast)) == t


REQUEST = LotRequest(1, "finalists", (4,), (("c04", 2), ("c05", 2), ("c06", 2)))


def test_digital_lot_is_reproducible_and_pinned():
    """ELECTION.md R4.1: anyone recomputes the draw from the seed (this pins the algorithm)."""
    lot = lots.draw_digital(REQUEST, "3-6-1-4", drawn_by="Wahlleitung", witnesses=("A", "B"))
    again = lots.draw_digital(REQUEST, "3-6-1-4", drawn_by="someone else")
    assert lot.order == again.order and sorted(lot.order) == ["c04", "c05", "c06"]
    assert lot.algorithm == lots.ALGORITHM and lot.seed == "3-6-1-4"
    assert lots.recompute_problem(lot) is None
    assert (
        lots.shuffle(
            "3-6-1-4", round=1, reason="finalists", places=(4,), candidates=["c06", "c04", "c05"]
        )
        == lot.order
    )
    assert lot.order == ("c05", "c04", "c06")


def test_digital_lot_orders_are_spread_over_seeds():
    """Every order of three is reachable; a sanity check that the draw is not constant."""
    orders = {
        lots.shuffle(str(s), round=1, reason="x", places=(1,), candidates="abc") for s in range(200)
    }
    assert len(orders) == 6


def test_digital_lot_with_a_changed_order_is_detected():
    lot = lots.draw_digital(REQUEST, "3-6-1-4", drawn_by="Wahlleitung")
    forged = LotRecord(**{**lot.__dict__, "order": tuple(reversed(lot.order))})
    assert "seed gives order" in lots.recompute_problem(forged)


@pytest.mark.parametrize(
    ("order", "method", "seed", "message"),
    [
        (("c04", "c05"), "physical", None, "every tied candidate once"),
        (("c04", "c04", "c05"), "physical", None, "every tied candidate once"),
        (("c04", "c05", "c06"), "digital", None, "seed and algorithm"),
    ],
)
def test_lot_record_must_be_complete(order, method, seed, message):
    """ELECTION.md R4.2: the outcome lists every tied candidate; digital lots carry the seed."""
    with pytest.raises(VotingError, match=message):
        LotRecord(1, "finalists", (4,), REQUEST.tied, order, method, "Wahlleitung", seed=seed)


def test_canonical_json_is_sorted_compact_utf8():
    """ELECTION.md R0.1: the canonical JSON the digests are computed over."""
    assert canonical({"b": [1, (2, 3)], "a": "Müller – Ağaoğlu"}) == (
        '{"a":"Müller – Ağaoğlu","b":[1,[2,3]]}'.encode()
    )
    assert digest({}) == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
