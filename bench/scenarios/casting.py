"""Scenario 3: 1,000 organisations cast their ballots in one round at concurrency 32 through
``POST /api/v1/ballots``; afterwards ballots stored = cards marked used."""

from __future__ import annotations

from pathlib import Path

from bench import floor, seed, servers
from bench.report import Row, latency_rows, load, median_of


def run(database: str, work: Path, quick: bool) -> list[Row]:
    voters = 200 if quick else 1000
    repeats = 1 if quick else 3
    app_runs, floor_runs, agree = [], [], []
    for rep in range(repeats):
        with (
            servers.database(database, work, f"app{rep}") as app_url,
            servers.database(database, work, f"floor{rep}") as floor_url,
        ):
            servers.migrate(app_url, work)
            seeded = seed.open_round(app_url, work, voters)
            codes = floor.seed(floor_url, voters)
            candidates = seeded["candidates"]
            bodies = [
                {"token": t, "round": seeded["round"], "choices": [candidates[i % len(candidates)]]}
                for i, t in enumerate(seeded["tokens"])
            ]
            with (
                servers.serve("app", app_url, work) as app_base,
                servers.serve("floor", floor_url, work) as floor_base,
            ):
                app_runs.append(load(app_base + "/api/v1/ballots", bodies, concurrency=32))
                floor_runs.append(
                    load(
                        floor_base + "/scan",
                        [{"ticket": c, "checkpoint": 1} for c in codes],
                        concurrency=32,
                    )
                )
            cast, used = seed.cards_used(app_url, work, seeded["election_id"])
            agree.append(cast == used == voters)
    note = f"statuses {app_runs[-1]['statuses']}; ballots = cards used = {voters}: {all(agree)}"
    case = f"{voters:,} organisations, c=32"
    rows = [
        Row(
            "casting",
            case,
            database,
            "ballots/s",
            median_of(app_runs, "per_second"),
            median_of(floor_runs, "per_second"),
            True,
            note,
        )
    ]
    rows.extend(latency_rows("casting", case, database, app_runs, floor_runs))
    return rows
