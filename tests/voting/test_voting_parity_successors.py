"""Table tests for parity (ELECTION.md R8) and acceptance with successors (R7)."""

from __future__ import annotations

import pytest
from voting_factories import candidates

from voting.election import decide_election
from voting.lots import record_physical
from voting.model import Acceptance, Config, LotRequest, VotingError
from voting.parity import FILLED_OPENLY, STAYS_VACANT
from voting.results import Place, Succession, Tally
from voting.successors import NOBODY_LEFT

PARITY = Config(parity=True)
VACANT = Config(parity=True, parity_unused="stay_vacant")


def tally_of(counts: dict[str, int]) -> Tally:
    n = sum(counts.values())
    return Tally(n, n, 0, (), tuple(counts.items()))


def decide(config, n, women, *counts, lots=(), acceptances=()):
    tallies = [tally_of(c) for c in counts]
    return decide_election(config, candidates(n, women), tallies, lots, (), acceptances)


ROUND1 = {"c01": 9, "c02": 8, "c03": 7, "c04": 6, "c05": 5, "c06": 4, "c07": 3}


def test_parity_round1_reserves_half_the_finalist_places_for_women():
    """ELECTION.md R8.2: ⌈F/2⌉ places to the best women's-place candidates, then the rest."""
    r = decide(PARITY, 7, {5, 7}, ROUND1)
    assert r.rounds[0].places == (
        Place("c05", "women"),
        Place("c07", "women"),
        Place("c01", "open"),
        Place("c02", "open"),
    )


def test_parity_round1_women_placed_well_still_use_reserved_places_first():
    """ELECTION.md R8.2: women fill reserved places first; the open places go to the rest."""
    r = decide(PARITY, 7, {1, 2, 3}, ROUND1)
    assert r.rounds[0].places == (
        Place("c01", "women"),
        Place("c02", "women"),
        Place("c03", "open"),
        Place("c04", "open"),
    )


def test_parity_lot_only_within_the_pool_concerned():
    """ELECTION.md R8.2: lots within the pool concerned."""
    counts = {"c01": 9, "c02": 8, "c03": 2, "c04": 2, "c05": 2, "c06": 1, "c07": 0}
    r = decide(PARITY, 7, {3, 4, 5}, counts)
    assert r.pending == LotRequest(
        1, "finalists_women", (1, 2), (("c03", 2), ("c04", 2), ("c05", 2))
    )
    lot = record_physical(r.pending, ["c05", "c03", "c04"], drawn_by="Wahlleitung")
    r = decide(PARITY, 7, {3, 4, 5}, counts, lots=[lot])
    assert r.pending is None
    assert r.rounds[0].chosen == ("c05", "c03", "c01", "c02")


@pytest.mark.parametrize(
    ("config", "places"),
    [
        (
            PARITY,
            (
                Place("c06", "women"),
                Place("c01", "open"),
                Place("c02", "open"),
                Place("c03", "open", FILLED_OPENLY),
            ),
        ),
        (
            VACANT,
            (
                Place("c06", "women"),
                Place(None, "women", STAYS_VACANT),
                Place("c01", "open"),
                Place("c02", "open"),
            ),
        ),
    ],
    ids=["fill-openly", "stay-vacant"],
)
def test_parity_round1_unused_reserved_places_follow_r8_4(config, places):
    """ELECTION.md R8.4: unused reserved places are filled openly or stay vacant; noted."""
    assert decide(config, 7, {6}, ROUND1).rounds[0].places == places


def test_parity_runoff_womens_seat_goes_to_the_best_woman_with_a_vote():
    """ELECTION.md R8.3: seat 1 = best women's-place candidate with ≥ 1 vote; seat 2 open."""
    r = decide(PARITY, 4, {3, 4}, {"c01": 9, "c02": 8, "c03": 1, "c04": 2})
    assert r.rounds[0].places == (Place("c04", "women"), Place("c01", "open"))


@pytest.mark.parametrize(
    ("config", "places"),
    [
        (PARITY, (Place("c01", "open"), Place("c02", "open", FILLED_OPENLY))),
        (VACANT, (Place(None, "women", STAYS_VACANT), Place("c01", "open"))),
    ],
    ids=["fill-openly", "stay-vacant"],
)
def test_parity_runoff_woman_without_a_vote_follows_r8_4(config, places):
    """ELECTION.md R8.3, R8.4: a woman with 0 votes cannot take the women's seat."""
    r = decide(config, 4, {4}, {"c01": 9, "c02": 8, "c03": 1, "c04": 0})
    assert r.rounds[0].places == places


def test_parity_yes_no_round_stay_vacant_needs_a_lot_between_equal_men():
    """ELECTION.md R6.1, R8.4: two approved men, one open seat, equal yes votes → lot."""
    yes_no = Tally(4, 4, 0, (), (("c01", 3), ("c02", 3)), (("c01", 1), ("c02", 1)))
    r = decide_election(VACANT, candidates(2), [yes_no])
    assert r.pending == LotRequest(1, "seats_open", (1,), (("c01", 3), ("c02", 3)))


RUNOFF = {"c01": 9, "c02": 7, "c03": 5, "c04": 5, "c05": 0}


def test_acceptance_declined_seat_goes_to_the_next_ranked():
    """ELECTION.md R7.2."""
    decline = [Acceptance("c01", False), Acceptance("c02", True)]
    r = decide(Config(finalists=5), 5, (), RUNOFF, acceptances=decline)
    assert r.pending == LotRequest(1, "successor", (1,), (("c03", 5), ("c04", 5)))
    lot = record_physical(r.pending, ["c04", "c03"], drawn_by="Wahlleitung")
    r = decide(
        Config(finalists=5),
        5,
        (),
        RUNOFF,
        lots=[lot],
        acceptances=[*decline, Acceptance("c04", True)],
    )
    assert r.status == "complete"
    assert [p.candidate_id for p in r.seats] == ["c04", "c02"]
    assert r.successions == (Succession(1, "c01", "c04"),)


def test_acceptance_chain_of_declines_ends_in_a_vacancy():
    """ELECTION.md R7.2, R6.2: nobody left with a vote → vacant."""
    answers = [Acceptance(c, c == "c02") for c in ("c01", "c02", "c03", "c04")]
    counts = {"c01": 9, "c02": 7, "c03": 5, "c04": 4, "c05": 0}
    r = decide(Config(finalists=5), 5, (), counts, acceptances=answers)
    assert r.seats == (Place(None, "general", NOBODY_LEFT), Place("c02"))
    assert [s.successor for s in r.successions] == ["c03", "c04", None]
    assert r.status == "complete"


def test_acceptance_by_someone_without_a_seat_is_refused():
    """ELECTION.md R7.1: only the elected (and successors) declare."""
    with pytest.raises(VotingError, match="bad_acceptance"):
        decide(Config(finalists=5), 5, (), RUNOFF, acceptances=[Acceptance("c05", True)])


def test_acceptances_replay_in_recorded_order():
    """ELECTION.md R7.2: a successor named for seat 2 keeps it when seat 1 declines later."""
    counts = {"c01": 9, "c02": 7, "c03": 5, "c04": 4, "c05": 0}
    answers = [Acceptance("c02", False), Acceptance("c01", False)]
    r = decide(Config(finalists=5), 5, (), counts, acceptances=answers)
    assert [p.candidate_id for p in r.seats] == ["c04", "c03"]


def test_acceptance_pending_answer_is_reported():
    """ELECTION.md R7.1: the elected declare acceptance; until then the result waits."""
    r = decide(Config(finalists=5), 5, (), RUNOFF, acceptances=[Acceptance("c01", False)])
    assert r.status == "awaiting_lot"  # c03/c04 tie for the successor
    r = decide(
        Config(finalists=5), 5, (), {**RUNOFF, "c04": 4}, acceptances=[Acceptance("c01", False)]
    )
    assert r.status == "awaiting_acceptance" and r.awaiting_acceptance == ("c03", "c02")


def test_parity_successor_for_a_womens_seat_is_the_next_woman():
    """ELECTION.md R7.2: with parity, a women's seat goes to the next-ranked woman."""
    counts = {"c01": 9, "c02": 8, "c03": 7, "c04": 2, "c05": 1}
    r = decide(
        Config(parity=True, finalists=5),
        5,
        {3, 5},
        counts,
        acceptances=[Acceptance("c03", False), Acceptance("c05", True), Acceptance("c01", True)],
    )
    assert r.seats == (Place("c05", "women"), Place("c01", "open"))


@pytest.mark.parametrize(
    ("config", "seat"),
    [(PARITY, Place("c02", "women", FILLED_OPENLY)), (VACANT, Place(None, "women", STAYS_VACANT))],
    ids=["fill-openly", "stay-vacant"],
)
def test_parity_successor_without_a_woman_left_follows_r8_4(config, seat):
    """ELECTION.md R7.2, R8.4."""
    counts = {"c01": 9, "c02": 8, "c03": 7, "c04": 0}
    r = decide(
        config, 4, {3}, counts, acceptances=[Acceptance("c03", False), Acceptance("c01", True)]
    )
    assert r.seats[0] == seat
