"""Scenario 5: printing from the database — badges and attendance lists for 100 / 1,000 /
10,000 attendees, the results protocol of an election held by 30 / 1,000 organisations, and
the candidate list with 12 / 100 candidates (two in three with a photo).

The app's figure is the real route (``bench.print_app``: test client, logged in, data gathered
from the database, PDF drawn); the floor's is one plain SELECT plus bare reportlab drawing
as much (``bench.print_floor``). Every run is a fresh process (``bench.print_worker``), so
seconds and peak memory are its own; app and floor runs alternate, and medians are reported.
"""

from __future__ import annotations

import json
import statistics
import traceback
from pathlib import Path

from bench import election_seed, print_seed, servers
from bench.report import Row
from bench.scenarios.workers import run_worker

ATTENDEES = (100, 1_000, 10_000)
ORGANISATIONS = (30, 1_000)
CANDIDATES = (12, 100)


def run(database: str, work: Path, quick: bool) -> list[Row]:
    repeat = 1 if quick else 3
    rows: list[Row] = []
    for size in ATTENDEES[:2] if quick else ATTENDEES:
        with servers.database(database, work, f"people{size}") as url:
            servers.migrate(url, work)
            seeded = print_seed.attendees(url, work, size)
            for job in ("badges", "attendance"):
                rows += measure(job, f"{job} × {size:,}", database, url, work,
                                seeded["event_id"], seeded["user_id"], repeat)
    with servers.database(database, work, "elections") as url:
        servers.migrate(url, work)
        for size in ORGANISATIONS:
            held = election_seed.held_election(url, work, size)
            rows += measure("protocol", f"results protocol, {size:,} organisations", database,
                            url, work, held["election_id"], held["user_id"], repeat)
        for size in CANDIDATES:
            listed = election_seed.published_candidates(url, work, size)
            rows += measure("candidates", f"candidate list × {size}", database, url, work,
                            listed["election_id"], None, repeat)
    return rows


def measure(job: str, case: str, database: str, url: str, work: Path, target: int,
            user_id: int | None, repeat: int) -> list[Row]:
    """App and floor in alternating fresh processes; a seconds row and a peak-memory row,
    or one "failed" row, so one broken case does not cost the others' figures."""
    try:
        return _measure(job, case, database, url, work, target, user_id, repeat)
    except Exception as error:  # noqa: BLE001 - report it in the table and go on
        traceback.print_exc()
        return [Row("printing", case, database, f"failed: {str(error)[:60]}", float("nan"),
                    None, False)]


def _measure(job: str, case: str, database: str, url: str, work: Path, target: int,
             user_id: int | None, repeat: int) -> list[Row]:
    spec = {"job": job, "database_url": url, "instance": str(work), "target": target,
            "user_id": user_id}
    apps, floors = [], []
    for n in range(repeat):
        apps.append(run_worker("bench.print_worker", json.dumps(
            {**spec, "kind": "app", "count_lines": n == 0 and job == "protocol"}), repeat=1))
        first = apps[0]
        floors.append(run_worker("bench.print_worker", json.dumps(
            {**spec, "kind": "floor", "lines": first.get("lines", 0),
             "pages": first["pages"]}), repeat=1))
    app, floor = _medians(apps), _medians(floors)
    return [
        Row("printing", case, database, "seconds", app["seconds"], floor["seconds"], False,
            _describe(app, floor)),
        Row("printing", case, database, "peak MB", app["peak_mb"], floor["peak_mb"], False,
            f"before the request {app['base_mb']:.0f} MB, floor {floor['base_mb']:.0f} MB"),
    ]


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    """Median of each figure every run reported (only the first app run counts text lines)."""
    keys = set.intersection(*(set(run) for run in runs))
    return {key: statistics.median(run[key] for run in runs) for key in keys}


def _describe(app: dict[str, float], floor: dict[str, float]) -> str:
    """What was printed: PDF size and pages (and photos), the app's and the floor's."""
    def one(figures: dict[str, float]) -> str:
        images = f", {figures['images']:.0f} photos" if figures["images"] else ""
        return f"{figures['pdf_kb']:,.0f} KB, {figures['pages']:,.0f} p.{images}"

    return f"PDF {one(app)}; floor {one(floor)}"
