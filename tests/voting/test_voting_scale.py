"""Large rounds (ELECTION.md R5.3, R11.2–R11.4): the grouped fast paths of `voting.grouped` give
exactly what the per-ballot code gives: the same tallies, commitments, exports and verifier reports,
byte for byte. No timing here; `python -m bench --only counting` measures speed.

`generic` switches the grouping off, so every call takes the per-ballot code (`sorted(...,
key=canonical)`, one `check_ballot` and one count per ballot), which is the reference.
"""

from __future__ import annotations

import copy
import gc
import json
import random
from collections import Counter
from dataclasses import replace

import pytest
from voting_factories import bid, candidates, simulate

from voting import grouped
from voting.audit import verify_export
from voting.canonical import canonical, digest
from voting.election import tally_election
from voting.export import build_export
from voting.ledger import commitment, commitment_of
from voting.model import INVALID_REASONS, Ballot, Candidate, Config, RoundInput, is_ballot_id
from voting.results import RoundSpec

SIZE = 20_000
#: Tampered exports are verified twice, the generic way ballot by ballot: a smaller round
TAMPERED_SIZE = 3_000


@pytest.fixture
def generic(monkeypatch):
    """Run the per-ballot code only: nothing is grouped."""
    def switch():
        for name in ("ballot_groups", "content_groups", "round_groups"):
            monkeypatch.setattr(grouped, name, lambda *_: None)
    return switch


def cast(spec: RoundSpec, size: int, seed: int) -> list[Ballot]:
    """A skewed round with every kind of ballot: device, paper, doubtful, invalid, blank."""
    rng = random.Random(seed)
    n, ids = spec.number, spec.candidates
    weights = [len(ids) - i for i in range(len(ids))]
    out, doubtful = [], 0
    for i in range(size):
        kind = rng.random()
        paper = kind < 0.1
        extra = {}
        if paper and rng.random() < 0.2:
            doubtful += 1
            extra["doubtful_no"] = doubtful
        source = "paper" if paper else "device"
        if paper and kind < 0.015:
            out.append(Ballot(bid(n, i), n, source=source,
                              reason=rng.choice(INVALID_REASONS), **extra))
        elif kind > 0.97:
            out.append(Ballot(bid(n, i), n, source=source, **extra))
        elif spec.kind == "yes_no":
            answers = tuple((c, rng.choice(["yes", "no"])) for c in ids if rng.random() < 0.8)
            out.append(Ballot(bid(n, i), n, answers=answers, source=source, **extra))
        else:
            k = rng.randint(1, spec.votes_per_ballot)
            marks = set(rng.choices(ids, weights=weights, k=k))
            out.append(Ballot(bid(n, i), n, tuple(rng.sample(sorted(marks), len(marks))),
                              source=source, **extra))
    return out


def reference_commitment(number: int, ballots, codes) -> str:
    """R11.2 as written: every ballot's content, sorted by canonical JSON, hashed once."""
    ordered = sorted((b.content() for b in ballots), key=canonical)
    return digest({"round": number, "ballots": ordered, "tracking_codes": sorted(codes)})


def reference_tally(ballots) -> dict:
    status, invalid, yes, no = Counter(), Counter(), Counter(), Counter()
    for b in ballots:
        status[b.status] += 1
        if b.status == "invalid":
            invalid[b.reason] += 1
        elif b.status == "valid":
            yes.update(b.marks)
            yes.update(c for c, a in b.answers if a == "yes")
            no.update(c for c, a in b.answers if a == "no")
    return {"status": status, "invalid": invalid, "yes": yes, "no": no}


def outputs(election, log) -> dict:
    """Everything the app and an auditor get: result, commitments, exports, reports."""
    full = build_export(election, log, publish_ballots=True)
    return {
        "result": tally_election(election),
        "commitments": [commitment(r.number, r.ballots, r.tracking_codes)
                        for r in election.rounds],
        "export": json.dumps(build_export(election, log), ensure_ascii=False),
        "full": json.dumps(full, ensure_ascii=False),
        "report": [c.__dict__ for c in verify_export(json.loads(json.dumps(full)))],
    }


ELECTIONS = {
    "k1": (Config(), 9, 1),
    "k2": (Config(votes_round1=2, votes_runoff=2, finalists=3), 7, 2),
    "yes_no": (Config(seats=3, finalists=3), 3, 3),
}


@pytest.fixture(scope="module", params=sorted(ELECTIONS))
def big(request):
    config, n, seed = ELECTIONS[request.param]
    size = SIZE if request.param == "k1" else SIZE // 8
    return simulate(config, candidates(n, women={2}), [lambda s: cast(s, size, seed),
                                                      lambda s: cast(s, size // 10, seed + 1)],
                    answer=lambda c: c != "c01")


def test_grouped_counts_and_commitments_equal_the_per_ballot_ones(big):
    election, log = big
    result = tally_election(election)
    for held, decided in zip(election.rounds, result.rounds, strict=True):
        groups = grouped.round_groups(held)  # the fast path is taken, not silently skipped
        assert groups is not None and sum(n for _, n in groups) == len(held.ballots)
        assert grouped.ids_ok(held.ballots)
        ref = reference_tally(held.ballots)
        t = decided.tally
        assert (t.cast, t.valid, t.abstentions) == (
            len(held.ballots), ref["status"]["valid"], ref["status"]["abstention"])
        assert dict(t.invalid) == dict(ref["invalid"])
        assert dict(t.votes) == {c: ref["yes"][c] for c in decided.spec.candidates}
        assert dict(t.no_votes) == ({c: ref["no"][c] for c in decided.spec.candidates}
                                    if decided.spec.kind == "yes_no" else {})
        expected = reference_commitment(held.number, held.ballots, held.tracking_codes)
        assert commitment(held.number, held.ballots, held.tracking_codes) == expected
        contents = [b.content() for b in held.ballots]
        random.Random(held.number).shuffle(contents)
        assert commitment_of(held.number, contents, held.tracking_codes[::-1]) == expected
        assert grouped.content_groups(contents) is not None
        # the log recorded at close agrees, and so does the export
        logged = [e.payload["commitment"] for e in log.entries
                  if e.kind == "round_closed" and e.payload["round"] == held.number]
        assert logged == [expected]


def test_grouped_outputs_equal_the_generic_ones_byte_for_byte(big, generic):
    election, log = big
    fast = outputs(election, log)
    assert all(c["status"] == "PASS" for c in fast["report"]), fast["report"]
    generic()
    assert outputs(election, log) == fast


def test_export_lists_the_same_ballots_in_canonical_order(big):
    election, log = big
    x = build_export(election, log, publish_ballots=True)
    for held, r in zip(election.rounds, x["rounds"], strict=True):
        expected = sorted((b.content() for b in held.ballots), key=canonical)
        assert r["ballots"] == expected


def tamperings():
    def at(i):
        return lambda x: x["rounds"][0]["ballots"][i]

    def change(i, key, value):
        return lambda x: at(i)(x).__setitem__(key, value)

    return {
        "other_vote": change(TAMPERED_SIZE // 2, "marks", ["c02"]),
        "round_true": change(77, "round", True),
        "round_float": change(TAMPERED_SIZE - 1, "round", 1.0),
        "doubtful_true": change(5, "doubtful_no", True),
        "doubtful_float": change(6, "doubtful_no", 3.0),
        "marks_tuple": change(8, "marks", ("c01",)),
        "status_unknown": change(9, "status", "spoilt"),
        "extra_key": change(10, "note", ""),
        "missing_key": lambda x: at(11)(x).pop("doubtful_no"),
        "not_a_dict": lambda x: x["rounds"][0]["ballots"].__setitem__(12, ["c01"]),
        "nan": change(13, "doubtful_no", float("nan")),
        "dropped": lambda x: x["rounds"][0]["ballots"].pop(),
        "duplicated": lambda x: x["rounds"][0]["ballots"].append(copy.deepcopy(at(3)(x))),
        "code_repeated": lambda x: x["rounds"][0]["tracking_codes"].__setitem__(
            1, x["rounds"][0]["tracking_codes"][0]),
        "code_int": lambda x: x["rounds"][0]["tracking_codes"].__setitem__(0, 1),
        "ballots_string": lambda x: x["rounds"][0].__setitem__("ballots", "c01"),
    }


@pytest.fixture(scope="module")
def k1_export():
    config, n, seed = ELECTIONS["k1"]
    election, log = simulate(config, candidates(n), [lambda s: cast(s, TAMPERED_SIZE, seed)])
    return json.dumps(build_export(election, log, publish_ballots=True))


@pytest.mark.parametrize("name", sorted(tamperings()))
def test_reports_on_tampered_large_exports_equal_the_generic_ones(k1_export, generic, name):
    x = json.loads(k1_export)
    tamperings()[name](x)
    fast = [c.__dict__ for c in verify_export(copy.deepcopy(x))]
    assert any(c["status"] == "FAIL" for c in fast) or name == "marks_tuple"
    generic()
    assert [c.__dict__ for c in verify_export(x)] == fast


def test_ballots_json_tells_apart_are_never_grouped_together(generic):
    """1 == 1.0 == True in Python, not in JSON: such ballots must not share a canonical line."""
    spec_ballots = [Ballot(bid(1, i), 1, ("c01",)) for i in range(6)]
    odd = [replace(spec_ballots[0], round=True), replace(spec_ballots[1], doubtful_no=1.0),
           replace(spec_ballots[2], source="paper", doubtful_no=True)]
    codes = [f"t{i}" for i in range(6)]
    for ballots in (spec_ballots[3:] + odd, odd + spec_ballots[3:]):
        fast = commitment(1, ballots, codes)
        assert fast == reference_commitment(1, ballots, codes)
        contents = [b.content() for b in ballots]
        assert commitment_of(1, contents, codes) == fast
    assert grouped.ballot_groups(spec_ballots[3:] + odd) is None  # left to the per-ballot code
    assert grouped.ballot_groups([replace(spec_ballots[0], doubtful_no=[1])]) is None
    groups = grouped.content_groups([b.content() for b in spec_ballots[3:] + odd])
    assert sorted(n for _, n in groups) == [1, 1, 1, 3]  # published dicts: kept apart exactly


@pytest.mark.parametrize("ids", [
    [bid(1, i) for i in range(5)],
    [],
    ["0" * 32, "A" * 32],
    ["0" * 31, "0" * 33],
    ["0" * 33, "0" * 31],
    ["0" * 16 + "\n" + "0" * 15, "0" * 32],
    ["0" * 31 + "é", "0" * 32],
    ["0" * 32, "0" * 32 + "\n"],
    ["g" * 32],
    ["0" * 32, ""],
    [""],
])
def test_ids_are_checked_in_bulk_as_one_by_one(ids):
    """R10.4: 128 bits as 32 lowercase hex digits, for every ballot."""
    ballots = [Ballot(i, 1) for i in ids]
    assert grouped.ids_ok(ballots) == all(is_ballot_id(i) for i in ids)


def test_a_bad_ballot_in_a_large_round_is_named_as_before(generic):
    """The grouped check falls back to the per-ballot one to name the first bad ballot."""
    cands = (Candidate("c01", "A", "B", "C"), Candidate("c02", "D", "E", "F"),
             Candidate("c03", "G", "H", "I"))
    election, log = simulate(Config(seats=1, finalists=2), cands,
                             [[Ballot(bid(1, i), 1, ("c01",)) for i in range(3000)]])
    held = election.rounds[0]
    for i, bad in ((2999, replace(held.ballots[0], id="x" * 32)),
                   (1500, replace(held.ballots[0], marks=("c09",))),
                   (7, replace(held.ballots[0], status="spoilt"))):
        ballots = held.ballots[:i] + (bad,) + held.ballots[i + 1:]
        broken = replace(election, rounds=(replace(held, ballots=ballots),))
        with pytest.raises(Exception) as fast:
            tally_election(broken)
        assert str(fast.value).startswith("bad_ballot")
        generic()
        with pytest.raises(type(fast.value)) as slow:
            tally_election(broken)
        assert str(slow.value) == str(fast.value)


def test_the_grouping_key_is_the_published_content():
    """`Ballot.content` is every field but the id: a field added to one must reach the other."""
    assert set(Ballot(bid(1, 0), 1).content()) == set(grouped.FIELDS)


def test_a_round_grouping_is_remembered_only_while_the_round_lives():
    ballots = tuple(Ballot(bid(1, i), 1, ("c01",)) for i in range(10))
    held = RoundInput(1, ballots)
    groups = grouped.round_groups(held)
    assert groups == [(replace(ballots[0], id="0" * 32), 10)]
    assert grouped.round_groups(held) is groups
    assert id(held) in grouped._MEMO
    key = id(held)
    del held
    gc.collect()
    assert key not in grouped._MEMO
    listed = RoundInput(1, list(ballots))  # a list may change: never remembered
    grouped.round_groups(listed)
    assert id(listed) not in grouped._MEMO
