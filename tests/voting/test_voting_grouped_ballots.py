"""`GroupedBallots`: a round as the app reads it from the database, distinct ballots with their
ids. Everything computed from it equals what the same ballots as a tuple give (R5.3, R10.4,
R11.2–R11.4), and counting, committing and exporting never make the ballots one by one."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

import pytest
from voting_factories import bid, candidates, simulate

from voting import grouped
from voting.election import tally_election
from voting.export import build_export
from voting.ledger import commitment
from voting.model import Ballot, Config, RoundInput, VotingError
from voting.results import RoundSpec


def stored(ballots, split: bool = True) -> grouped.GroupedBallots:
    """The ballots grouped as the database would hand them over: by content, in any order; with
    ``split`` one content comes as two groups (two stored texts that decode alike)."""
    by_content: dict[tuple, list[str]] = defaultdict(list)
    first: dict[tuple, Ballot] = {}
    for ballot in ballots:
        key = tuple(sorted(ballot.content().items(), key=str))
        key = json.dumps(key), ballot.marks, ballot.answers
        by_content[key].append(ballot.id)
        first.setdefault(key, ballot)
    groups = []
    for key, ids in reversed(list(by_content.items())):
        template = first[key]
        if split and len(ids) > 1:
            groups += [(template.with_id(ids[1]), ids[: len(ids) // 2]),
                       (template, ids[len(ids) // 2:])]
            split = False
        else:
            groups.append((template, ids))
    return grouped.GroupedBallots(groups)


def cast(spec: RoundSpec) -> list[Ballot]:
    n, ids = spec.number, spec.candidates
    out = [Ballot(bid(n, i), n, (ids[i % 3],)) for i in range(300)]
    out += [Ballot(bid(n, 300 + i), n, source="paper", reason="unclear_will", doubtful_no=i + 1)
            for i in range(4)]
    out += [Ballot(bid(n, 400 + i), n) for i in range(20)]
    return out


@pytest.fixture(scope="module")
def election_and_log():
    return simulate(Config(), candidates(6), [cast, cast])


def test_as_a_sequence_it_is_the_ballots_sorted_by_id(election_and_log):
    election, _ = election_and_log
    for held in election.rounds:
        read = stored(reversed(held.ballots))
        by_id = tuple(sorted(held.ballots, key=lambda b: b.id))
        assert read == by_id and by_id == read and list(read) == list(by_id)
        assert len(read) == len(by_id) and read[0] == by_id[0] and read[-3:] == by_id[-3:]
        assert hash(read) == hash(by_id)
        assert read != by_id[1:] and read != "not ballots"
        assert sum(n for _, n in read.counts()) == len(by_id)
        for ballots in (read, by_id):  # plain sums come out alike from groups and from a tuple
            assert sum(n for b, n in grouped.counts(ballots) if b.source == "paper") == 4
        assert sorted(read.ids()) == sorted(b.id for b in by_id)


def test_counting_committing_and_exporting_equal_the_tuple_and_make_no_ballot(election_and_log):
    election, log = election_and_log
    rounds = tuple(replace(held, ballots=stored(held.ballots)) for held in election.rounds)
    read = replace(election, rounds=rounds)
    assert tally_election(read) == tally_election(election)
    for held, ref in zip(rounds, election.rounds, strict=True):
        assert commitment(held.number, held.ballots, held.tracking_codes) == commitment(
            ref.number, ref.ballots, ref.tracking_codes)
        assert sorted(grouped.round_groups(held), key=repr) == sorted(
            grouped.ballot_groups(ref.ballots), key=repr)
    assert build_export(read, log, publish_ballots=True) == build_export(
        election, log, publish_ballots=True)
    # the point of the class: a million ballots are counted and exported from a dozen groups
    assert all(held.ballots._ballots is None for held in rounds)


def test_groups_that_json_would_tell_apart_go_through_the_per_ballot_code():
    """1 == True in Python, not in JSON: such groups are never merged (`grouped` docstring)."""
    plain = [Ballot(bid(1, i), 1, ("c01",)) for i in range(4)]
    odd = [Ballot(bid(1, 9), True, ("c01",))]  # type: ignore[arg-type]
    read = grouped.GroupedBallots([(plain[0], [b.id for b in plain]), (odd[0], [odd[0].id])])
    assert read.groups() is None
    codes = [f"t{i}" for i in range(5)]
    assert commitment(1, read, codes) == commitment(1, tuple(plain + odd), codes)


def test_a_bad_id_or_ballot_is_named_as_in_a_tuple():
    good = [Ballot(bid(1, i), 1, ("c01",)) for i in range(5)]
    spec_election, _ = simulate(Config(seats=1, finalists=2), candidates(3), [good])
    held = spec_election.rounds[0]
    for bad in (replace(good[0], id="X" * 32), replace(good[0], id=bid(1, 7), marks=("c09",))):
        read = grouped.GroupedBallots([(good[1], [b.id for b in good[1:]]), (bad, [bad.id])])
        as_tuple = tuple(sorted(good[1:] + [bad], key=lambda b: b.id))
        assert grouped.ids_ok(read) == grouped.ids_ok(as_tuple)
        errors = []
        for ballots in (read, as_tuple):
            broken = replace(spec_election, rounds=(replace(held, ballots=ballots),))
            with pytest.raises(VotingError) as raised:
                tally_election(broken)
            errors.append(str(raised.value))
        assert errors[0] == errors[1] and errors[0].startswith("bad_ballot")


def test_empty_groups_and_other_records_are_refused_or_dropped():
    assert len(grouped.GroupedBallots([])) == 0 and grouped.GroupedBallots([]).groups() == []
    one = Ballot(bid(1, 0), 1)
    assert len(grouped.GroupedBallots([(one, []), (one, [one.id])])) == 1
    with pytest.raises(TypeError):
        grouped.GroupedBallots([(one.content(), [one.id])])  # type: ignore[list-item]
    held = RoundInput(1, grouped.GroupedBallots([(one, [one.id])]))
    assert grouped.round_groups(held) is grouped.round_groups(held)  # immutable: remembered
    assert "1 ballots in 1 groups" in repr(held.ballots)
