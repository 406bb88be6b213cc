"""Run a bench worker module in a fresh process and take medians over repetitions."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

from bench.report import ROOT


def run_worker(module: str, *args: object, repeat: int = 3) -> dict[str, float]:
    """Median of each figure the worker prints, over ``repeat`` fresh processes."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-m", module, *map(str, args)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            timeout=1800,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}
