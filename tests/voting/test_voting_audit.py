"""The audit export and its verifier (ELECTION.md R11): an untouched export passes, every
tampering fails, and `python -m voting verify` exits accordingly."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from voting_factories import AT, candidates, simulate, votes

from voting.audit import verify_export
from voting.canonical import digest
from voting.export import build_export
from voting.ledger import Ledger, chain_problems
from voting.model import Config, VotingError

ROOT = Path(__file__).resolve().parents[2]


def failed(export: dict) -> list[str]:
    return [f"{c.name}: {c.message}" for c in verify_export(export) if c.status == "FAIL"]


@pytest.fixture
def export(two_round_election) -> dict:
    election, log = two_round_election
    return json.loads(json.dumps(build_export(election, log, publish_ballots=True)))


def test_untouched_export_passes_every_check(export):
    checks = verify_export(export)
    assert [c for c in checks if c.status != "PASS"] == []
    assert len(checks) == 22
    assert export["result"]["status"] == "awaiting_acceptance"
    assert [lot["reason"] for r in export["rounds"] for lot in r["lots"]] == ["finalists", "seats"]


def test_export_has_the_documented_top_level_keys(export):
    """ELECTION.md R11.4: everything of R11.1–R11.3 plus the frozen configuration."""
    assert list(export) == [
        "format",
        "version",
        "canonical_serialisation",
        "lot_algorithm",
        "meta",
        "config",
        "candidates",
        "fingerprint",
        "withdrawals",
        "acceptances",
        "rounds",
        "result",
        "event_log",
    ]
    assert set(export["rounds"][0]) == {
        "number",
        "kind",
        "candidates",
        "votes_per_ballot",
        "counts",
        "votes",
        "no_votes",
        "ranking",
        "places",
        "lots",
        "commitment",
        "ballots",
        "tracking_codes",
    }


def _first_valid(export, n=0):
    return next(b for b in export["rounds"][n]["ballots"] if b["status"] == "valid")


def change_vote(x):
    b = _first_valid(x)
    b["marks"] = ["c06"] if b["marks"] != ["c06"] else ["c01"]


def drop_ballot(x):
    x["rounds"][1]["ballots"].pop()


def add_ballot(x):
    x["rounds"][0]["ballots"].append(copy.deepcopy(_first_valid(x)))


def reorder_log(x):
    e = x["event_log"]["entries"]
    e[3], e[4] = e[4], e[3]


def drop_log_entry(x):
    del x["event_log"]["entries"][-1]


def alter_lot_order(x):
    lot = x["rounds"][0]["lots"][0]
    lot["order"] = list(reversed(lot["order"]))


def alter_lot_seed(x):
    x["rounds"][0]["lots"][0]["seed"] = "6-6-6"


def drop_lot(x):
    x["rounds"][1]["lots"].clear()


def change_config(x):
    x["config"]["finalists"] = 3


def change_candidate(x):
    x["candidates"][1]["womens_place"] = False


def change_tracking_code(x):
    x["rounds"][0]["tracking_codes"][0] = "0" * 32


def drop_tracking_code(x):
    x["rounds"][0]["tracking_codes"].pop()


def alter_count(x):
    x["rounds"][0]["counts"]["abstentions"] += 1


def alter_votes(x):
    x["rounds"][1]["votes"]["c01"] += 1


def alter_cards_issued(x):
    x["rounds"][0]["counts"]["cards_issued"] = 5


def raise_cards_issued(x):
    x["rounds"][0]["counts"]["cards_issued"] += 1


def swap_seat(x):
    places = x["rounds"][1]["places"]
    places[0], places[1] = places[1], places[0]


def alter_ranking(x):
    x["rounds"][0]["ranking"][0]["rank"] = 2


def change_finalists(x):
    x["rounds"][1]["candidates"][-1] = "c06"


def hide_withdrawal(x):
    x["withdrawals"].append({"candidate_id": "c02", "before_round": 2, "at": AT, "note": ""})


def forge_acceptance(x):
    x["acceptances"].append({"candidate_id": "c03", "accepts": True, "at": AT})


def change_commitment(x):
    x["rounds"][1]["commitment"] = "0" * 64


def rewrite_head(x):
    x["event_log"]["head"] = "f" * 64


TAMPERINGS = [
    change_vote,
    drop_ballot,
    add_ballot,
    reorder_log,
    drop_log_entry,
    alter_lot_order,
    alter_lot_seed,
    drop_lot,
    change_config,
    change_candidate,
    change_tracking_code,
    drop_tracking_code,
    alter_count,
    alter_votes,
    alter_cards_issued,
    raise_cards_issued,
    swap_seat,
    alter_ranking,
    change_finalists,
    hide_withdrawal,
    forge_acceptance,
    change_commitment,
    rewrite_head,
]


@pytest.mark.parametrize("tamper", TAMPERINGS, ids=lambda f: f.__name__)
def test_tampered_export_fails(export, tamper):
    """ELECTION.md R11.4: the verifier fails every change to a valid export."""
    tamper(export)
    assert failed(export)


def test_changed_vote_fails_recount_and_commitment(export):
    change_vote(export)
    names = {f.split(":")[0] for f in failed(export)}
    assert {"round 1 recount (R5.3)", "round 1 commitment (R11.2)"} <= names


def test_rechained_log_still_fails_against_the_export(export):
    """Recomputing every digest after an edit keeps the chain but not the agreement (R11.1)."""
    from voting.codec import entry_from
    from voting.ledger import Entry

    entries = [entry_from(e) for e in export["event_log"]["entries"]]
    log = Ledger()
    for e in entries:
        payload = dict(e.payload)
        if e.kind == "round_closed" and payload["round"] == 1:
            payload["commitment"] = "0" * 64
        log = log.append(e.kind, payload, at=e.at)
    assert isinstance(log.entries[0], Entry) and not chain_problems(log.entries)
    export["event_log"] = {
        "entries": json.loads(json.dumps([e.__dict__ for e in log.entries])),
        "head": log.head,
    }
    assert failed(export) == [
        "event log matches export (R11.1): round 1: the logged commitment differs from the export"
    ]


def test_unreadable_export_fails_without_crashing():
    checks = verify_export({"format": "x"})
    assert [c.status for c in checks] == ["FAIL", "FAIL"]


def test_export_with_k_greater_than_one_withholds_ballots_and_skips():
    """ELECTION.md R11.3: the per-ballot list only when k = 1."""
    config = Config(votes_round1=2)
    election, log = simulate(
        config, candidates(5), [votes(1, {"c01": 4, "c02": 3, "c03": 2, "c04": 1, "c05": 0})]
    )
    x = build_export(election, log)
    assert x["rounds"][0]["ballots"] is None
    statuses = {c.name: c.status for c in verify_export(x)}
    assert statuses["round 1 recount (R5.3)"] == "SKIP"
    assert "FAIL" not in statuses.values()
    full = build_export(election, log, publish_ballots=True)
    assert all(c.status == "PASS" for c in verify_export(full))


def test_export_refuses_a_round_below_the_secrecy_minimum():
    """ELECTION.md R0.5: results of a round are shown only with at least 3 ballots cast."""
    election, log = simulate(Config(), candidates(4), [votes(1, {"c01": 1, "c02": 1})])
    with pytest.raises(VotingError, match="secrecy"):
        build_export(election, log)


def test_export_is_independent_of_ballot_reading_order(two_round_election):
    """ELECTION.md R10.4: reading ballots back in any order gives the same export."""
    from dataclasses import replace

    election, log = two_round_election
    shuffled = replace(
        election,
        rounds=tuple(
            replace(r, ballots=tuple(reversed(r.ballots)), tracking_codes=r.tracking_codes[::-1])
            for r in election.rounds
        ),
    )
    assert digest(build_export(shuffled, log)) == digest(build_export(election, log))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "voting", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_verify_passes_and_fails_with_exit_codes(export, tmp_path):
    """ELECTION.md R11.4: `python -m voting verify export.json` prints PASS/FAIL, exits non-zero."""
    good = tmp_path / "good.json"
    good.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    ok = run_cli("verify", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "PASS  fingerprint (R0.1)" in ok.stdout and "FAIL" not in ok.stdout

    change_vote(export)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(export), encoding="utf-8")
    result = run_cli("verify", str(bad), "--json")
    assert result.returncode == 1
    statuses = {c["name"]: c["status"] for c in json.loads(result.stdout)}
    assert statuses["round 1 recount (R5.3)"] == "FAIL"

    assert run_cli("verify", str(tmp_path / "missing.json")).returncode == 2
