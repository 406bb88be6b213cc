"""A bounded HTTP load generator, run as its own process: ``python -m bench.load SPEC.json``.

The spec names the URL, method, headers, concurrency, and a list of request bodies (each sent
once, in order, shared by the worker threads). It stops after the bodies or ``max_seconds``,
whichever comes first, and prints one JSON line: counts, statuses, wall time, latencies (ms).
Only loopback addresses are accepted.
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(sorted_values: list[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * (len(sorted_values) - 1))))
    return sorted_values[index]


def run(spec: dict) -> dict:
    url = urlsplit(spec["url"])
    if url.hostname not in LOOPBACK:
        raise SystemExit("bench.load sends traffic only to loopback addresses")
    bodies: list = spec["bodies"]
    headers = {"Content-Type": "application/json", **spec.get("headers", {})}
    deadline = time.monotonic() + float(spec.get("max_seconds", 60))
    lock = threading.Lock()
    position = iter(range(len(bodies)))
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    answers: dict[str, int] = {}

    def worker() -> None:
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                index = next(position, None)
            if index is None:
                break
            body = json.dumps(bodies[index]) if bodies[index] is not None else None
            started = time.perf_counter()
            try:
                conn.request(spec.get("method", "POST"), url.path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                status = str(response.status)
                answer = ""
                if spec.get("count_field") and payload[:1] == b"{":
                    answer = str(json.loads(payload).get(spec["count_field"], ""))
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                status, answer = "error", ""
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                if answer:
                    answers[answer] = answers.get(answer, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(int(spec["concurrency"]))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": wall,
        "per_second": len(latencies) / wall if wall else 0.0,
        "statuses": statuses,
        "answers": answers,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "mean": statistics.fmean(latencies) if latencies else float("nan"),
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        print(json.dumps(run(json.load(handle))))
