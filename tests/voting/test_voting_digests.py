"""Pinned digests (ELECTION.md R0.1, R11.1–R11.4): commitments, fingerprints, log heads, exports
and verifier reports must stay byte for byte what they were, whatever is optimised underneath.

The values were computed by the straightforward per-ballot implementation. A changed value here
means published commitments could no longer be recomputed: that is a format change, not a fix.
"""

from __future__ import annotations

import copy
import json

import pytest
from voting_factories import AT, bid, simulate

from voting.audit import verify_export
from voting.canonical import digest
from voting.export import build_export
from voting.ledger import commitment, commitment_of, fingerprint
from voting.model import Acceptance, Ballot, Candidate, Config


def report(export: dict) -> str:
    """One digest for everything the verifier says: names, statuses and messages."""
    return digest([c.__dict__ for c in verify_export(export)])


def yes_no_election():
    """Two candidates for two seats (a yes/no round, R6) with names JSON must not escape."""
    cands = (Candidate("c01", "Yıldız", "Ayşe", "Türkischer Elternverein «Köln»", True),
             Candidate("c02", "Nguyễn", "Văn \"Anh\"", "Verein\\Ost\n", False))
    answers = [(("c01", "yes"), ("c02", "no")), (("c02", "yes"), ("c01", "yes")),
               (("c01", "no"),), (), (("c02", "yes"),)] * 3
    cast = [Ballot(bid(1, i), 1, answers=a) for i, a in enumerate(answers)]
    cast += [Ballot(bid(1, 50), 1, answers=(("c01", "yes"),), source="paper", doubtful_no=2),
             Ballot(bid(1, 51), 1, source="paper", reason="identifying_marks", doubtful_no=1),
             Ballot(bid(1, 52), 1, source="paper", reason="too_many_marks")]
    return simulate(Config(seats=2, finalists=2), cands, [cast],
                    acceptances=[Acceptance("c01", True, AT)])


def two_marks_election():
    """k = 2 (R5.1): ballots with marks given in any order, paper, doubtful and invalid ones."""
    cands = tuple(Candidate(f"c{i:02d}", f"Name{i:02d}", "Vorname", f"Verein {i}")
                  for i in range(1, 8))
    marks = [("c03", "c01"), ("c01", "c03"), ("c02",), (), ("c07", "c05"), ("c04", "c06"),
             ("c01",), ("c06", "c02"), ("c03", "c05"), ("c05",)]
    cast = [Ballot(bid(1, i), 1, m) for i, m in enumerate(marks * 2)]
    cast += [Ballot(bid(1, 90), 1, ("c02", "c01"), source="paper", doubtful_no=1),
             Ballot(bid(1, 91), 1, source="paper", reason="unclear_will", doubtful_no=2),
             Ballot(bid(1, 92), 1, (), source="paper")]
    return simulate(Config(votes_round1=2, finalists=3), cands, [cast], seed="1-1-2")


# Exports and reports changed once on purpose (fingerprints, commitments and heads did not): the
# women's-place flag is left out without parity when no candidate carries it (R8.1), and the
# verifier gained the "ballot order lot (R1.1, R4.1)" check.
PINNED = {
    "two_marks": {
        "fingerprint": "5f21ad316b486312c164de39c787fee08341a5dd9b3e1ff00932e45ff9bd7af8",
        "commitments": [
            "9de316f52498a7ae7e6d815ddccfc5fc3b57d258dfcc6ef8e2fa81e4d7343286",
        ],
        "head": "45aac14ce287179bb6b35014549f5a74dfd97f0e9475eaba3a093ca8157cab60",
        "export": "616319b3889fc67d6da58477c21da1470559f96d767b5d57aa9dd4c94f76bd4b",
        "full_export": "1f3d89c3c6065fdcd83df2cde85e62a8efdd8dc9e07a54613305d5e72890c370",
        "report": "3029bfe22899076ae8f5b33b1799e927a52fe602b00abba47f62e94c01f81c5d",
    },
    "two_round": {
        "fingerprint": "3f81832628c039e48216993512d516a19022a14755f196521584ae9c7cbfbffa",
        "commitments": [
            "686e3ca9d975885437ebe215ffa076049cf2c37cc41f19543d165e4c78d8f371",
            "7609cd1425b4058074f805d7115d1491cb7e7dc1ee9a3b4d5dcb8b4863a5c2ff",
        ],
        "head": "063588a2175b26448bfbee15a6917d49dc291620f2b79c7397453c1c1cd83a78",
        "export": "d298cf5598b8c3aff2bb1e4008a6abb23ecb18b6c15da4eae21dbb986d4707cd",
        "full_export": "d298cf5598b8c3aff2bb1e4008a6abb23ecb18b6c15da4eae21dbb986d4707cd",
        "report": "2ddfc298c2137f00f992bc0a799a3f8b609ed9aa1e6b01c8382cd709433e7972",
    },
    "yes_no": {
        "fingerprint": "f18b8c665e3bbc21b644fc3a332984991fb0099eb912d4b9f4fde9acde9ccece",
        "commitments": [
            "69fd9b4e5225f6ab655ba30137425f105ecb8be897f3619559b00e512b713217",
        ],
        "head": "4a2754a14af932cb67af6010ca0ee84bd32f8b2b45cb6351281fdb38f211371e",
        "export": "8dba67287abc831ec427ceb8e8a889b51d733d745426e019bb4e52a8dbac0e38",
        "full_export": "8dba67287abc831ec427ceb8e8a889b51d733d745426e019bb4e52a8dbac0e38",
        "report": "b34ad2f4ad2cbefb946a7e70d017c8d64e1aed3ed1bb3bb87c79fead014e8884",
    },
}


def elections():
    from voting_factories import two_round_election

    return {"two_round": two_round_election(), "yes_no": yes_no_election(),
            "two_marks": two_marks_election()}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_digests_are_pinned(name):
    election, log = elections()[name]
    pinned = PINNED[name]
    assert fingerprint(election.config, election.candidates) == pinned["fingerprint"]
    assert [commitment(r.number, r.ballots, r.tracking_codes)
            for r in election.rounds] == pinned["commitments"]
    assert log.head == pinned["head"]
    assert digest(build_export(election, log)) == pinned["export"]
    full = build_export(election, log, publish_ballots=True)
    assert digest(full) == pinned["full_export"]
    assert report(json.loads(json.dumps(full))) == pinned["report"]


def test_commitment_of_raw_contents_is_pinned():
    """Published contents are hashed as given: an unsorted list stays unsorted in the JSON."""
    base = {"round": 1, "marks": ["c02", "c01"], "answers": [], "status": "valid",
            "reason": None, "source": "device", "doubtful_no": None}
    other = {**base, "marks": ["c01"], "source": "paper", "doubtful_no": 3}
    contents = [base, other, base, dict(base), {**base, "marks": []}]
    assert commitment_of(1, contents, ["b", "a", "ü"]) == (
        "a23cb800831d2ffd50ab31cda11f73ebba4301d01c651d309d789aff27baa15b")
    assert commitment_of(2, [], []) == (
        "24d108a8be8bcb64bcd6bcdd7c43c76d68efc16c6c9a30231f88be97b878ca6f")


TAMPERINGS = {
    "round_true": lambda b: b.__setitem__("round", True),
    "round_float": lambda b: b.__setitem__("round", 1.0),
    "doubtful_true": lambda b: b.__setitem__("doubtful_no", True),
    "marks_tuple": lambda b: b.__setitem__("marks", tuple(b["marks"])),
    "extra_key": lambda b: b.__setitem__("note", "x"),
    "other_vote": lambda b: b.__setitem__("marks", ["c06"] if b["marks"] != ["c06"] else ["c01"]),
}

PINNED_REPORTS = {
    "round_true": "3d5c670bbb2c7685601815c0c15e19066218906f70a26ebc611df9b4e4fc58ec",
    "round_float": "fe6d4a6eaa4a82b5c93819097d0951984bc21b18fcca871a203e382607b55a3b",
    "doubtful_true": "ce6e01efa922f016530afe333863147db7a7c26f649a07dc6f53ffb9b8e938a5",
    "marks_tuple": "2ddfc298c2137f00f992bc0a799a3f8b609ed9aa1e6b01c8382cd709433e7972",
    "extra_key": "d8d4935c34885b435ec54e851e5c50be52da983f1716abdb18b1f43f3f95c2c6",
    "other_vote": "a9fffa282a3e4256c11e634d6aa576ee87f7f5f2d27583a604dedbd1c117751e",
}


@pytest.mark.parametrize("name", sorted(TAMPERINGS))
def test_reports_on_tampered_ballots_are_pinned(name):
    """What the verifier says about a changed ballot, including types JSON tells apart."""
    from voting_factories import two_round_election

    election, log = two_round_election()
    x = json.loads(json.dumps(build_export(election, log, publish_ballots=True)))
    for b in x["rounds"][0]["ballots"][:: 3]:
        TAMPERINGS[name](b)
    assert report(copy.deepcopy(x)) == PINNED_REPORTS[name]
