"""The order of names drawn by lot is logged and recomputed by the verifier (ELECTION.md R1.1,
R4.1, R11.1, R11.4); the women's-place flag is published only under parity (R8.1)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from voting_factories import AT, candidates, simulate, votes

from voting import build_export, verify_export
from voting.ledger import Ledger
from voting.lots import ORDER_ALGORITHM, order_by_seed
from voting.model import Config

CHECK = "ballot order lot (R1.1, R4.1)"


def lot_election(method: str = "digital", seed: str = "6-1-3"):
    """Six candidates in the order a lot gave; the log holds the lot right after the freeze."""
    pool = {c.id: c for c in candidates(6)}
    order = order_by_seed(seed, sorted(pool)) if method == "digital" else sorted(pool)[::-1]
    cands = tuple(pool[i] for i in order)
    config = Config(ballot_order="lot")
    counts = {order[0]: 5, order[1]: 4, order[2]: 3, order[3]: 2}
    election, simulated = simulate(config, cands, [votes(1, counts), votes(2, {order[0]: 8,
                                                                                order[1]: 6})])
    lot = {"method": method, "drawn_by": "Wahlleitung", "witnesses": "A, B", "at": AT,
           "seed": seed if method == "digital" else "",
           "algorithm": ORDER_ALGORITHM if method == "digital" else "", "order": list(order)}
    first, *rest = simulated.entries
    log = Ledger().append(first.kind, first.payload, at=first.at)
    log = log.append("order_lot", {"order_lot": lot}, at=AT)
    for entry in rest:
        log = log.append(entry.kind, entry.payload, at=entry.at)
    return election, log


def export_of(election, log) -> dict:
    return json.loads(json.dumps(build_export(election, log)))


def statuses(export: dict) -> dict[str, str]:
    return {c.name: c.status for c in verify_export(export)}


@pytest.mark.parametrize("method", ["digital", "physical"])
def test_logged_order_lot_passes(method):
    found = statuses(export_of(*lot_election(method)))
    assert set(found.values()) == {"PASS"}, found
    assert CHECK in found


def test_digital_order_is_recomputed_from_the_seed():
    """The verifier recomputes sha256-sort-v1: a logged order the seed does not give fails."""
    election, log = lot_election()
    lot = dict(log.entries[1].payload["order_lot"])
    lot["seed"] = "6-1-4"  # another public act would give another order
    entries = list(log.entries)
    tampered = Ledger().append(entries[0].kind, entries[0].payload, at=entries[0].at)
    tampered = tampered.append("order_lot", {"order_lot": lot}, at=AT)
    for entry in entries[2:]:
        tampered = tampered.append(entry.kind, entry.payload, at=entry.at)
    checks = {c.name: c for c in verify_export(export_of(election, tampered))}
    assert checks[CHECK].status == "FAIL" and "seed gives order" in checks[CHECK].message
    assert checks["event log chain (R11.1)"].status == "PASS"  # a consistent forgery: caught


def test_reordered_candidate_list_fails():
    election, log = lot_election()
    export = export_of(election, log)
    export["candidates"][0], export["candidates"][1] = (export["candidates"][1],
                                                        export["candidates"][0])
    found = statuses(export)
    assert found[CHECK] == "FAIL" and found["fingerprint (R0.1)"] == "FAIL"


def test_missing_order_lot_fails():
    election, log = lot_election()
    entries = [e for e in log.entries if e.kind != "order_lot"]
    bare = Ledger()
    for entry in entries:
        bare = bare.append(entry.kind, entry.payload, at=entry.at)
    assert statuses(export_of(election, bare))[CHECK] == "FAIL"


def test_womens_place_is_published_only_under_parity():
    """R8.1: without parity the flag is left out and the export still verifies."""
    election, log = lot_election()
    assert all("womens_place" not in c for c in export_of(election, log)["candidates"])
    women = tuple(replace(c, womens_place=i % 2 == 0) for i, c in enumerate(election.candidates))
    parity = Config(ballot_order="lot", parity=True)
    order = [c.id for c in women]
    election, simulated = simulate(parity, women, [votes(1, {order[0]: 5, order[1]: 4,
                                                             order[2]: 3, order[3]: 2})])
    first, *rest = simulated.entries
    lot = log.entries[1].payload
    log = Ledger().append(first.kind, first.payload, at=first.at).append("order_lot", lot, at=AT)
    for entry in rest:
        log = log.append(entry.kind, entry.payload, at=entry.at)
    export = export_of(election, log)
    assert [c["womens_place"] for c in export["candidates"]] == [True, False] * 3
    assert all(c.status != "FAIL" for c in verify_export(export)), verify_export(export)
