"""Scenario 1: check-in through ``POST /api/v1/checkin`` — first scans of distinct tickets and
repeated scans, at concurrency 1, 8 and 32 — beside the floor doing one lookup and one insert."""

from __future__ import annotations

from pathlib import Path

from bench import floor, seed, servers
from bench.report import Row, latency_rows, load, median_of

CONCURRENCY = (1, 8, 32)
#: Untimed scans (first and repeated) before each concurrency's runs, on tickets of their own:
#: new threads open database connections and first calls compile statements, in the app and
#: the floor alike; a server at the door has long done that
WARM_UP = 64


def run(database: str, work: Path, quick: bool) -> list[Row]:
    per_run = 300 if quick else 1000
    repeats = 1 if quick else 3
    measured = per_run * len(CONCURRENCY) * repeats
    total = measured + WARM_UP * len(CONCURRENCY)
    rows: list[Row] = []
    with (
        servers.database(database, work, "app") as app_url,
        servers.database(database, work, "floor") as floor_url,
    ):
        servers.migrate(app_url, work)
        seeded = seed.checkin_event(app_url, work, total)
        codes = floor.seed(floor_url, total)
        headers = {"Authorization": f"Bearer {seeded['api_token']}"}
        with (
            servers.serve("app", app_url, work) as app_base,
            servers.serve("floor", floor_url, work) as floor_base,
        ):
            for index, concurrency in enumerate(CONCURRENCY):
                spare = slice(measured + index * WARM_UP, measured + (index + 1) * WARM_UP)
                warm_up(
                    app_base,
                    floor_base,
                    headers,
                    seeded["checkpoint"],
                    seeded["tickets"][spare],
                    codes[spare],
                    concurrency,
                )
                first_app, first_floor, again_app, again_floor = [], [], [], []
                for rep in range(repeats):
                    start = (index * repeats + rep) * per_run
                    app_bodies = [
                        {"ticket": t, "checkpoint": seeded["checkpoint"]}
                        for t in seeded["tickets"][start : start + per_run]
                    ]
                    floor_bodies = [
                        {"ticket": c, "checkpoint": 1} for c in codes[start : start + per_run]
                    ]
                    for bucket, base, bodies, extra in (
                        (first_app, app_base + "/api/v1/checkin", app_bodies, headers),
                        (first_floor, floor_base + "/scan", floor_bodies, {}),
                        (again_app, app_base + "/api/v1/checkin", app_bodies, headers),
                        (again_floor, floor_base + "/scan", floor_bodies, {}),
                    ):
                        bucket.append(
                            load(
                                base,
                                bodies,
                                concurrency=concurrency,
                                headers=extra,
                                count_field="status",
                            )
                        )
                for case, app_runs, floor_runs in (
                    ("first scans", first_app, first_floor),
                    ("repeated scans", again_app, again_floor),
                ):
                    answers = app_runs[-1]["answers"]
                    label = f"{case}, c={concurrency}"
                    rows.append(
                        Row(
                            "check-in",
                            label,
                            database,
                            "scans/s",
                            median_of(app_runs, "per_second"),
                            median_of(floor_runs, "per_second"),
                            True,
                            str(answers),
                        )
                    )
                    rows.extend(latency_rows("check-in", label, database, app_runs, floor_runs))
    return rows


def warm_up(
    app_base: str,
    floor_base: str,
    headers: dict,
    checkpoint: str,
    tickets: list[str],
    codes: list[str],
    concurrency: int,
) -> None:
    """Untimed first and repeated scans on tickets kept for it, on both servers."""
    for _ in range(2):
        load(
            app_base + "/api/v1/checkin",
            [{"ticket": t, "checkpoint": checkpoint} for t in tickets],
            concurrency=concurrency,
            headers=headers,
        )
        load(
            floor_base + "/scan",
            [{"ticket": c, "checkpoint": 1} for c in codes],
            concurrency=concurrency,
        )
