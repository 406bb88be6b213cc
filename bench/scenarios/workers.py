"""Run a bench worker module in a fresh process and take medians over repetitions."""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from bench.report import ROOT


def peak_mb() -> float:
    """A worker's own peak resident memory (VmHWM). Not ``getrusage``'s ru_maxrss: Linux
    carries that over from the parent across fork + exec, so every worker would report at
    least the bench process's own size."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
