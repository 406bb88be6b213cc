"""Scenario 4: close, tally, export and independently verify one round of 10,000 / 100,000 /
1,000,000 ballots stored in the database: seconds and peak memory; growth must be linear.

Per size and engine ``bench.count_seed`` stores the open round once; every repetition works on
a copy of that database (``bench.dbcopy``), so each closes the same round. The app
(``bench.count_app``) and the floor (``bench.count_floor``) run in fresh processes.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from bench import dbcopy, servers
from bench.report import ROOT, Row
from bench.scenarios.workers import run_worker

SIZES = (10_000, 100_000, 1_000_000)
STEPS = ("close", "tally", "export", "verify")
#: The issue's target for counting and verifying a million ballots (tally, export, verify)
TARGET_SECONDS = 10.0
#: Cost per ballot at the largest size ÷ at the smallest, still called linear (noise on a
#: shared machine; fixed costs make small sizes dearer per ballot, never cheaper)
LINEAR = 1.3

Figures = dict[str, float]


def run(database: str, work: Path, quick: bool) -> list[Row]:
    sizes = SIZES[:2] if quick else SIZES
    measured: dict[int, tuple[Figures, Figures]] = {}
    rows: list[Row] = []
    for size in sizes:
        app, floor = measure(database, work, size, repeats=1 if quick else 3)
        measured[size] = app, floor
        rows += size_rows(database, size, app, floor)
    return rows + [growth_row(database, measured)]


def measure(database: str, work: Path, size: int, repeats: int) -> tuple[Figures, Figures]:
    """Medians of the app's and the floor's figures over ``repeats`` runs on one seeded round."""
    with servers.database(database, work, f"count{size}") as url:
        servers.migrate(url, work)
        election = str(seed(url, work, size)["election_id"])
        app_runs, floor_runs = [], []
        for _ in range(repeats):
            with dbcopy.copy_of(url) as copy:
                app_runs.append(
                    run_worker("bench.count_worker", "app", copy, work, election, repeat=1)
                )
            floor_runs.append(
                run_worker("bench.count_worker", "floor", url, work, election, repeat=1)
            )
    return medians(app_runs), medians(floor_runs)


def seed(url: str, work: Path, size: int) -> dict:
    """``bench.count_seed`` in its own process (the bench process never imports the app)."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.count_seed", url, str(work), str(size)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=3600,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def medians(runs: list[Figures]) -> Figures:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def size_rows(database: str, size: int, app: Figures, floor: Figures) -> list[Row]:
    """Counting (tally, export, verify: the issue's target) beside the floor's recount, and
    closing with its sealing rewrite on a row of its own: it is secrecy work, not counting."""
    counted = app["tally"] + app["export"] + app["verify"]
    note = ", ".join(f"{step} {app[step]:.2f} s" for step in STEPS[1:])
    if size == SIZES[-1]:
        met = "met" if counted < TARGET_SECONDS else "missed"
        note += f"; target < {TARGET_SECONDS:.0f} s: {met}"
    case = f"{size:,} ballots"
    return [
        Row("counting", f"{case}, count + export + verify", database, "seconds", counted,
            floor["total"], False, note),
        Row("counting", f"{case}, close (sealing)", database, "seconds", app["close"], None,
            False, "cards, ballots and codes rewritten in random order"),
        Row("counting", case, database, "peak MB", app["peak_mb"], floor["peak_mb"], False),
    ]


def growth_row(database: str, measured: dict[int, tuple[Figures, Figures]]) -> Row:
    """Seconds per 100,000 ballots at each size; the figure is the counting's (tally, export,
    verify) largest ÷ smallest (linear ≈ 1). The note names the steepest step from one size to
    the next, where a cache running out would show, and how closing grows.
    """
    sizes = sorted(measured)

    def per_100k(size: int, which: int, steps: tuple[str, ...] = ("total",)) -> float:
        return sum(measured[size][which][step] for step in steps) / size * 100_000

    counting = STEPS[1:]
    app_ratio = per_100k(sizes[-1], 0, counting) / per_100k(sizes[0], 0, counting)
    floor_ratio = per_100k(sizes[-1], 1) / per_100k(sizes[0], 1)
    steepest = max(
        per_100k(b, 0, counting) / per_100k(a, 0, counting) for a, b in pairwise(sizes)
    )
    close_ratio = per_100k(sizes[-1], 0, ("close",)) / per_100k(sizes[0], 0, ("close",))
    costs = "; ".join(
        f"{size:,}: count {per_100k(size, 0, counting):.2f}, "
        f"close {per_100k(size, 0, ('close',)):.2f}, floor {per_100k(size, 1):.2f}"
        for size in sizes
    )
    verdict = "linear" if app_ratio <= LINEAR and steepest <= LINEAR else "NOT linear"
    note = (
        f"s per 100,000 ballots at {costs}; counting: steepest step ×{steepest:.2f}, {verdict} "
        f"(≤ {LINEAR} counts as linear); closing ×{close_ratio:.2f}"
    )
    case = f"growth {sizes[0]:,} → {sizes[-1]:,}"
    return Row("counting", case, database, "cost/ballot ÷", app_ratio, floor_ratio, False, note)
