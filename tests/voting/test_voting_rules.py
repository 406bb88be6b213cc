"""Table tests for the two-round procedure: ELECTION.md R1, R2, R3, R4.3, R6."""

from __future__ import annotations

import pytest
from voting_factories import ballots, candidates, votes

from voting.cutoff import rank, select
from voting.election import decide_election, tally_election
from voting.lots import LotBox, record_physical
from voting.model import Ballot, Config, Election, LotRequest, RoundInput, VotingError, Withdrawal
from voting.results import Place, Placing, Tally
from voting.rules import VACANT_NO_VOTES, VACANT_NOT_APPROVED, first_round


def tally_of(counts: dict[str, int], no: dict[str, int] | None = None) -> Tally:
    n = sum(counts.values())
    return Tally(n, n, 0, (), tuple(counts.items()), tuple((no or {}).items()))


def decide(config: Config, n: int, *tallies: Tally, lots=(), withdrawals=(), women=()):
    return decide_election(config, candidates(n, women), tallies, lots, withdrawals)


@pytest.mark.parametrize(
    ("scores", "places", "chosen", "tied", "contested"),
    [
        ({"A": 5, "B": 4, "C": 3, "D": 2, "E": 1}, 4, ("A", "B", "C", "D"), (), ()),
        ({"A": 5, "B": 4, "C": 3, "D": 2, "E": 2}, 4, ("A", "B", "C"), ("D", "E"), (4,)),
        ({"A": 5, "B": 3, "C": 3, "D": 3, "E": 1}, 3, ("A",), ("B", "C", "D"), (2, 3)),
        ({"A": 1, "B": 1, "C": 1}, 2, (), ("A", "B", "C"), (1, 2)),
        ({"A": 2, "B": 1}, 4, ("A", "B"), (), ()),  # fewer than places: all, no lot
        ({"A": 2, "B": 2, "C": 1}, 2, ("A", "B"), (), ()),  # tie above the cut-off: no lot
    ],
)
def test_select_stops_at_a_tie_across_the_cutoff(scores, places, chosen, tied, contested):
    """ELECTION.md R1.5, R3.3: a tie across the cut-off is returned, never broken silently."""
    s = select(list(scores.items()), places, round=1, reason="finalists", box=LotBox([]))
    assert s.chosen == chosen
    assert (s.pending.candidate_ids if s.pending else ()) == tied
    assert (s.pending.places if s.pending else ()) == contested


def test_rank_shares_ranks_between_equal_votes():
    """ELECTION.md R1.3: rank by votes, descending; equal votes share a rank."""
    assert rank([("A", 1), ("B", 3), ("C", 3), ("D", 0)]) == (
        Placing("B", 3, 1),
        Placing("C", 3, 1),
        Placing("A", 1, 3),
        Placing("D", 0, 4),
    )


def test_round1_four_best_advance():
    """ELECTION.md R1.4."""
    r = decide(Config(), 6, tally_of({"c01": 1, "c02": 6, "c03": 5, "c04": 4, "c05": 3, "c06": 0}))
    assert r.rounds[0].chosen == ("c02", "c03", "c04", "c05")
    assert r.next_round.candidates == ("c02", "c03", "c04", "c05")
    assert r.status == "awaiting_round"


def test_round1_tie_at_places_f_and_f_plus_1_needs_a_lot():
    """ELECTION.md R1.5: places 4 and 5 equal → lot among all with that count."""
    r = decide(Config(), 6, tally_of({"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 2, "c06": 2}))
    first = r.rounds[0]
    assert r.status == "awaiting_lot" and r.next_round is None
    assert first.chosen == ("c01", "c02", "c03")
    assert first.needs_lot == ("c04", "c05", "c06") and first.open_places == 1
    assert first.pending == LotRequest(1, "finalists", (4,), (("c04", 2), ("c05", 2), ("c06", 2)))


def test_round1_lot_applied_fills_the_open_places_in_draw_order():
    """ELECTION.md R1.5, R4.2: the first drawn win the open places."""
    t = tally_of({"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 2, "c06": 2})
    pending = decide(Config(), 6, t).pending
    lot = record_physical(pending, ["c06", "c04", "c05"], drawn_by="Wahlleitung")
    r = decide(Config(), 6, t, lots=[lot])
    assert r.rounds[0].chosen == ("c01", "c02", "c03", "c06")
    assert r.rounds[0].lots == (lot,)
    assert r.next_round.candidates == ("c01", "c02", "c03", "c06")  # ballot order (R3.1)


def test_round1_all_tied_advance_variant_gives_more_than_f_finalists():
    """ELECTION.md R1.5 [config alternative]."""
    config = Config(tie_rule="all_tied_advance")
    r = decide(config, 6, tally_of({"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 2, "c06": 1}))
    assert r.rounds[0].chosen == ("c01", "c02", "c03", "c04", "c05")
    assert r.next_round.kind == "runoff" and len(r.next_round.candidates) == 5


def test_lot_where_no_tie_exists_is_refused():
    """ELECTION.md R4.3: no lot where no tie exists."""
    t = tally_of({"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 2, "c06": 2})
    pending = decide(Config(), 6, t).pending
    lot = record_physical(pending, ["c06", "c04", "c05"], drawn_by="Wahlleitung")
    clear = tally_of({"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 1, "c06": 0})
    with pytest.raises(VotingError) as excinfo:
        decide(Config(), 6, clear, lots=[lot])
    assert excinfo.value.code == "lot_without_tie"


def test_lot_for_another_tie_is_refused():
    """ELECTION.md R4.3: the lot must be drawn among exactly the tied candidates."""
    t = tally_of({"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 2, "c06": 2})
    wrong = LotRequest(1, "finalists", (4,), (("c04", 2), ("c05", 2)))
    lot = record_physical(wrong, ["c05", "c04"], drawn_by="Wahlleitung")
    with pytest.raises(VotingError, match="lot_without_tie"):
        decide(Config(), 6, t, lots=[lot])


@pytest.mark.parametrize(
    ("n", "withdrawn", "kind"),
    [
        (0, (), None),
        (1, (), "yes_no"),  # R1.2 → R6
        (2, (), "yes_no"),
        (3, (), "runoff"),  # R1.2: ≤ F candidates skip round 1
        (4, (), "runoff"),
        (5, (), "first"),
        (5, ("c01",), "runoff"),  # R2.1: removed before round 1
        (3, ("c01", "c02"), "yes_no"),
        (2, ("c01", "c02"), None),
    ],
)
def test_first_round_kind_depends_on_number_of_candidates(n, withdrawn, kind):
    """ELECTION.md R1.2, R2.1, R6.1."""
    w = [Withdrawal(c, 1) for c in withdrawn]
    spec = first_round(Config(), candidates(n), w)
    assert (spec.kind if spec else None) == kind
    if spec:
        assert set(withdrawn).isdisjoint(spec.candidates)


def test_withdrawal_between_rounds_nobody_moves_up():
    """ELECTION.md R2.2: a finalist withdraws, the fifth does not move up."""
    w = [Withdrawal("c02", 2)]
    r = decide(
        Config(),
        6,
        tally_of({"c01": 6, "c02": 5, "c03": 4, "c04": 3, "c05": 2, "c06": 1}),
        withdrawals=w,
    )
    assert r.next_round.kind == "runoff"
    assert r.next_round.candidates == ("c01", "c03", "c04")


def test_withdrawals_leaving_at_most_s_finalists_lead_to_a_yes_no_round():
    """ELECTION.md R2.2: if ≤ S finalists remain, R6 applies to them."""
    w = [Withdrawal("c01", 2), Withdrawal("c02", 2)]
    r = decide(
        Config(),
        6,
        tally_of({"c01": 6, "c02": 5, "c03": 4, "c04": 3, "c05": 2, "c06": 1}),
        withdrawals=w,
    )
    assert r.next_round.kind == "yes_no" and r.next_round.candidates == ("c03", "c04")


@pytest.mark.parametrize(
    "withdrawal",
    [Withdrawal("c05", 2), Withdrawal("c01", 3)],  # not a finalist; after the runoff opened
    ids=["not-a-finalist", "after-runoff-opened"],
)
def test_late_or_foreign_withdrawal_is_refused(withdrawal):
    """ELECTION.md R2.2, R2.3."""
    with pytest.raises(VotingError) as excinfo:
        decide(
            Config(),
            6,
            tally_of({"c01": 6, "c02": 5, "c03": 4, "c04": 3, "c05": 2, "c06": 1}),
            withdrawals=[withdrawal],
        )
    assert excinfo.value.code == "late_withdrawal"


def test_runoff_elects_the_s_best_and_keeps_the_full_ranking():
    """ELECTION.md R3.2, R3.4."""
    r = decide(Config(), 4, tally_of({"c01": 1, "c02": 5, "c03": 3, "c04": 0}))
    final = r.rounds[0]
    assert final.spec.kind == "runoff"
    assert final.chosen == ("c02", "c03")
    assert [p.candidate_id for p in final.ranking] == ["c02", "c03", "c01", "c04"]
    assert r.status == "awaiting_acceptance" and r.awaiting_acceptance == ("c02", "c03")


def test_runoff_tie_for_the_last_seat_needs_a_lot():
    """ELECTION.md R3.3."""
    r = decide(Config(), 4, tally_of({"c01": 5, "c02": 3, "c03": 3, "c04": 3}))
    assert r.rounds[0].chosen == ("c01",)
    assert r.pending == LotRequest(1, "seats", (2,), (("c02", 3), ("c03", 3), ("c04", 3)))


def test_runoff_tie_below_the_last_seat_needs_no_lot():
    """ELECTION.md R3.4: lower ties are drawn only when they matter."""
    r = decide(Config(), 4, tally_of({"c01": 5, "c02": 4, "c03": 1, "c04": 1}))
    assert r.pending is None and r.rounds[0].chosen == ("c01", "c02")


@pytest.mark.parametrize(
    ("counts", "elected", "vacant"),
    [
        ({"c01": 4, "c02": 0, "c03": 0}, ("c01",), 1),
        ({"c01": 0, "c02": 0, "c03": 0}, (), 2),
    ],
)
def test_runoff_seat_without_a_vote_stays_vacant(counts, elected, vacant):
    """ELECTION.md R3.2, R6.2: elected only with at least one vote."""
    r = decide(Config(), 3, tally_of(counts))
    assert r.rounds[0].chosen == elected
    assert r.rounds[0].places[len(elected) :] == (Place(None, "general", VACANT_NO_VOTES),) * vacant


@pytest.mark.parametrize(
    ("yes", "no", "elected"),
    [
        ({"c01": 3, "c02": 2}, {"c01": 1, "c02": 2}, ("c01",)),  # yes = no is not elected
        ({"c01": 3, "c02": 4}, {"c01": 0, "c02": 1}, ("c02", "c01")),  # seat order by yes
        ({"c01": 0, "c02": 0}, {"c01": 0, "c02": 0}, ()),
    ],
)
def test_yes_no_round_elects_when_yes_exceeds_no(yes, no, elected):
    """ELECTION.md R6.1, R6.2."""
    r = decide(Config(), 2, tally_of(yes, no))
    final = r.rounds[0]
    assert final.spec.kind == "yes_no" and final.chosen == elected
    assert all(p.note == VACANT_NOT_APPROVED for p in final.places if p.candidate_id is None)
    assert len(final.places) == 2


def test_yes_no_round_from_ballots():
    """ELECTION.md R6.1: a ballot answers yes/no per candidate; leaving one out abstains."""
    spec_ballots = [
        Ballot("a" * 32, 1, answers=(("c01", "yes"), ("c02", "no"))),
        Ballot("b" * 32, 1, answers=(("c01", "yes"),)),
        Ballot("c" * 32, 1, answers=(("c01", "no"), ("c02", "yes"))),
        Ballot("d" * 32, 1),  # abstains on both
    ]
    e = Election(Config(), candidates(2), (RoundInput(1, tuple(spec_ballots)),))
    r = tally_election(e)
    t = r.rounds[0].tally
    assert (t.cast, t.valid, t.abstentions) == (4, 3, 1)
    assert t.votes == (("c01", 2), ("c02", 1)) and t.no_votes == (("c01", 1), ("c02", 1))
    assert r.seats[0].candidate_id == "c01" and r.seats[1].candidate_id is None


def test_k_greater_than_one_ballots_give_one_vote_per_mark():
    """ELECTION.md R1.3, R0.6: each valid ballot gives one vote to each candidate marked."""
    config = Config(votes_round1=2)
    b = ballots(1, ("c01", "c02"), ("c01",), ("c03", "c05"), "", ("c01", "c05"))
    r = tally_election(Election(config, candidates(5), (RoundInput(1, tuple(b)),)))
    assert dict(r.rounds[0].tally.votes) == {"c01": 3, "c02": 1, "c03": 1, "c04": 0, "c05": 2}


def test_round_ballots_with_a_record_error_are_refused():
    """ELECTION.md R5.1: more than k marks is impossible for a device ballot record."""
    b = ballots(1, ("c01", "c02"), "c01", "c03")
    with pytest.raises(VotingError, match="bad_ballot"):
        tally_election(Election(Config(), candidates(5), (RoundInput(1, tuple(b)),)))


def test_next_round_before_lot_is_drawn_is_refused():
    """ELECTION.md R4.3: a round cannot be closed (and the runoff opened) with a lot undrawn."""
    r1 = votes(1, {"c01": 3, "c02": 3, "c03": 3, "c04": 1, "c05": 1})
    r2 = votes(2, {"c01": 3})
    e = Election(Config(), candidates(5), (RoundInput(1, tuple(r1)), RoundInput(2, tuple(r2))))
    with pytest.raises(VotingError, match="unexpected_round"):
        tally_election(e)
