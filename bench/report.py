"""Result rows, medians over repeated runs, and the markdown table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Row:
    """One measured figure of the app beside the floor's."""

    scenario: str
    case: str
    database: str
    metric: str
    app: float
    floor: float | None
    higher_is_better: bool
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor in (None, 0):
            return None
        return self.app / self.floor


def load(
    url: str,
    bodies: list,
    *,
    concurrency: int,
    headers: dict | None = None,
    count_field: str | None = None,
    max_seconds: float = 120,
) -> dict:
    """Run the load generator in its own process (so it never shares the GIL with a server)."""
    spec = {
        "url": url,
        "bodies": bodies,
        "concurrency": concurrency,
        "headers": headers or {},
        "count_field": count_field,
        "max_seconds": max_seconds,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bench.load", handle.name],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    return json.loads(out)


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def latency_rows(
    scenario: str, case: str, database: str, app_runs: list[dict], floor_runs: list[dict]
) -> list[Row]:
    """p50, p95 and p99 of the app beside the floor's, each the median over the runs."""
    return [
        Row(
            scenario,
            case,
            database,
            f"{p} ms",
            median_of(app_runs, p),
            median_of(floor_runs, p),
            False,
        )
        for p in ("p50", "p95", "p99")
    ]


def machine() -> str:
    memory = ""
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kb = int(next(line for line in lines if line.startswith("MemTotal")).split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.node()}: {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def versions() -> str:
    from importlib.metadata import version

    names = ["flask", "sqlalchemy", "gunicorn", "psycopg", "reportlab"]
    return ", ".join(f"{n} {version(n)}" for n in names)


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def table(rows: list[Row]) -> str:
    lines = [
        "| scenario | case | db | metric | app | floor | app ÷ floor |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "–"
        metric = r.metric + (" ↑" if r.higher_is_better else " ↓")
        note = f" ({r.note})" if r.note else ""
        lines.append(
            f"| {r.scenario} | {r.case}{note} | {r.database} | {metric} | {fmt(r.app)} "
            f"| {fmt(r.floor)} | {ratio} |"
        )
    return "\n".join(lines)


def write(rows: list[Row], databases: list[str]) -> Path:
    now = datetime.now(UTC)
    header = (
        f"# Benchmarks {now:%Y-%m-%d %H:%M} UTC\n\n- machine: {machine()}\n"
        f"- versions: {versions()}\n- databases: {', '.join(databases)}\n"
        "- medians of repeated runs; ↑ higher is better, ↓ lower is better\n\n"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{now:%Y-%m-%d-%H%M}.md"
    path.write_text(header + table(rows) + "\n", encoding="utf-8")
    return path
