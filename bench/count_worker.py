"""One counting run in a fresh process, so its peak memory is its own:
``python -m bench.count_worker N {app|floor}`` prints JSON with seconds per step and peak MB.

The app's path is the real one: tally, build the audit export, verify it independently.
The floor is the least any recount must do: count the marks and hash the sorted ballots.
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import sys
import time
from collections import Counter


def ballots_for(count: int, candidates: int = 12) -> list[tuple[str, str]]:
    """``count`` round-1 ballots (id, mark) with a skewed, reproducible distribution."""
    rng = random.Random(20261122)
    weights = [candidates - i for i in range(candidates)]
    marks = rng.choices([f"c{i}" for i in range(candidates)], weights=weights, k=count)
    return [(f"{rng.getrandbits(128):032x}", mark) for mark in marks]


def run_floor(raw: list[tuple[str, str]]) -> dict[str, float]:
    started = time.perf_counter()
    votes = Counter(mark for _, mark in raw)
    digest = hashlib.sha256()
    for line in sorted(json.dumps({"marks": [m]}, separators=(",", ":")) for _, m in raw):
        digest.update(line.encode())
    assert votes and digest.hexdigest()
    return {"total": time.perf_counter() - started}


def run_app(raw: list[tuple[str, str]]) -> dict[str, float]:
    from voting import (
        Ballot,
        Candidate,
        Config,
        Election,
        Ledger,
        RoundInput,
        build_export,
        commitment,
        fingerprint,
        tally_election,
        verify_export,
    )

    at = "2026-11-22T10:00:00+01:00"
    candidates = tuple(
        Candidate(f"c{i}", f"Surname{i:02d}", "N.", f"Verein {i}") for i in range(12)
    )
    config = Config()
    ballots = tuple(Ballot(ballot_id, 1, (mark,)) for ballot_id, mark in raw)
    codes = tuple(f"TC{i:010d}" for i in range(len(ballots)))
    steps: dict[str, float] = {}
    started = time.perf_counter()
    held = RoundInput(1, ballots, codes, on_roll=len(ballots), cards_issued=len(ballots))
    election = Election(config, candidates, rounds=(held,))
    result = tally_election(election)
    steps["tally"] = time.perf_counter() - started
    log = Ledger().append("frozen", {"fingerprint": fingerprint(config, candidates)}, at=at)
    log = log.append("round_opened", {"round": 1}, at=at)
    log = log.append(
        "round_closed",
        {"round": 1, "cast": len(ballots), "commitment": commitment(1, ballots, codes)},
        at=at,
    )
    mark = time.perf_counter()
    export = build_export(election, log)
    steps["export"] = time.perf_counter() - mark
    mark = time.perf_counter()
    checks = verify_export(json.loads(json.dumps(export)))
    steps["verify"] = time.perf_counter() - mark
    failed = [c for c in checks if c.status == "FAIL"]
    assert not failed, failed
    assert result.rounds
    steps["total"] = time.perf_counter() - started
    return steps


if __name__ == "__main__":
    size, kind = int(sys.argv[1]), sys.argv[2]
    raw = ballots_for(size)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    steps = run_app(raw) if kind == "app" else run_floor(raw)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({**steps, "peak_mb": peak / 1024, "input_mb": baseline / 1024}))
