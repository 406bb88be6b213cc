"""Scenario 5: badges and attendance lists for 100 / 1,000 / 10,000 attendees against a bare
reportlab floor; seconds and peak memory of fresh processes. Engine-independent: measured once."""

from __future__ import annotations

from pathlib import Path

from bench.report import Row
from bench.scenarios.workers import run_worker

SIZES = (100, 1_000, 10_000)


def run(database: str, work: Path, quick: bool) -> list[Row]:
    if database != "sqlite":
        return []
    rows = []
    for what in ("badges", "attendance"):
        for size in SIZES[:2] if quick else SIZES:
            repeat = 1 if quick else 3
            app = run_worker("bench.print_worker", what, size, "app", repeat=repeat)
            floor = run_worker("bench.print_worker", what, size, "floor", repeat=repeat)
            case = f"{what} × {size:,}"
            rows.append(
                Row(
                    "printing",
                    case,
                    "—",
                    "seconds",
                    app["seconds"],
                    floor["seconds"],
                    False,
                    f"{app['pdf_kb']:,.0f} KB PDF",
                )
            )
            rows.append(
                Row("printing", case, "—", "peak MB", app["peak_mb"], floor["peak_mb"], False)
            )
    return rows
