"""Scenario 2: a registration burst — 2,000 registrations against 500 places at concurrency 32
through ``POST /api/v1/events/<id>/registrations``; exactly 500 must be confirmed."""

from __future__ import annotations

from pathlib import Path

from bench import floor, seed, servers
from bench.report import Row, latency_rows, load, median_of


def run(database: str, work: Path, quick: bool) -> list[Row]:
    attempts, places = (400, 100) if quick else (2000, 500)
    repeats = 1 if quick else 3
    app_runs, floor_runs, exact = [], [], []
    for rep in range(repeats):
        with (
            servers.database(database, work, f"app{rep}") as app_url,
            servers.database(database, work, f"floor{rep}") as floor_url,
        ):
            servers.migrate(app_url, work)
            event_id = seed.registration_event(app_url, work, places)
            codes = floor.seed(floor_url, attempts)
            bodies = [
                {
                    "name": f"Person {i}",
                    "email": f"person{i}@example.org",
                    "consent": True,
                    "locale": "de",
                }
                for i in range(attempts)
            ]
            with (
                servers.serve("app", app_url, work) as app_base,
                servers.serve("floor", floor_url, work) as floor_base,
            ):
                url = f"{app_base}/api/v1/events/{event_id}/registrations"
                app_runs.append(load(url, bodies, concurrency=32, count_field="status"))
                floor_runs.append(
                    load(
                        floor_base + "/scan",
                        [{"ticket": c, "checkpoint": 1} for c in codes],
                        concurrency=32,
                        count_field="status",
                    )
                )
            exact.append(seed.confirmed_count(app_url, work, event_id) == places)
    note = f"{app_runs[-1]['answers']}; exactly {places} confirmed: {all(exact)}"
    case = f"{attempts:,} for {places} places, c=32"
    return [
        Row(
            "registration",
            case,
            database,
            "registrations/s",
            median_of(app_runs, "per_second"),
            median_of(floor_runs, "per_second"),
            True,
            note,
        ),
    ] + latency_rows("registration", case, database, app_runs, floor_runs)
