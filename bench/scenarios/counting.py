"""Scenario 4: tally, advancement, audit export and independent verification of one round
with 10,000 / 100,000 / 1,000,000 ballots — seconds and peak memory; growth must be linear.

The ballots are generated in the worker process (``bench.count_worker``); the database does not
take part, so the figure is the same for both engines and is reported once, under "—".
"""

from __future__ import annotations

from pathlib import Path

from bench.report import Row
from bench.scenarios.workers import run_worker

SIZES = (10_000, 100_000, 1_000_000)


def run(database: str, work: Path, quick: bool) -> list[Row]:
    if database != "sqlite":  # engine-independent: measure once
        return []
    rows = []
    sizes = SIZES[:2] if quick else SIZES
    for size in sizes:
        app = run_worker("bench.count_worker", size, "app", repeat=1 if quick else 3)
        floor = run_worker("bench.count_worker", size, "floor", repeat=1 if quick else 3)
        steps = ", ".join(f"{step} {app[step]:.2f} s" for step in ("tally", "export", "verify"))
        rows.append(
            Row(
                "counting",
                f"{size:,} ballots",
                "—",
                "seconds",
                app["total"],
                floor["total"],
                False,
                steps,
            )
        )
        rows.append(
            Row(
                "counting",
                f"{size:,} ballots",
                "—",
                "peak MB",
                app["peak_mb"],
                floor["peak_mb"],
                False,
            )
        )
    return rows
