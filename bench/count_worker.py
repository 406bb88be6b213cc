"""One counting run in a fresh process, so its peak memory is its own:
``python -m bench.count_worker {app|floor} DATABASE_URL INSTANCE ELECTION_ID`` prints JSON with
seconds per step, the total and the peak resident memory in MB (the app's: the larger of its
own process and the verifier's).

The app's steps are in ``bench.count_app``, the floor's in ``bench.count_floor``; both read the
round ``bench.count_seed`` stored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.scenarios.workers import peak_mb


def main(argv: list[str]) -> dict[str, float]:
    kind, url, instance, election_id = argv[0], argv[1], Path(argv[2]), int(argv[3])
    if kind == "app":
        from bench import count_app

        steps = count_app.run(url, instance, election_id)
        verifier_mb = steps.pop("verify_peak_mb")
        return {**steps, "peak_mb": max(peak_mb(), verifier_mb)}
    if kind == "floor":
        from bench import count_floor

        return {**count_floor.run(url, election_id), "peak_mb": peak_mb()}
    raise SystemExit(f"unknown kind {kind!r}: app or floor")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
