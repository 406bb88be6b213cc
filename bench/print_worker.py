"""One printing run in a fresh process, so its peak memory is its own:
``python -m bench.print_worker SPEC`` with SPEC a JSON object (job, kind, database_url,
instance, target, user_id, lines, pages) prints one JSON line of figures.

``kind`` "app" requests the real route (``bench.print_app``); "floor" runs the plain SELECT
and bare reportlab (``bench.print_floor``). Only the request or the floor job is timed: imports,
app creation, login and font registration are what a running server did long before.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.scenarios.workers import peak_mb

PAGE = re.compile(rb"/Type /Page\b(?!s)")
IMAGE = re.compile(rb"/Subtype /Image\b")


def text_lines(pdf: bytes) -> int:
    """Non-empty lines of the PDF's text as ``pdftotext -layout`` reads it (table rows = lines)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(["pdftotext", "-layout", handle.name, "-"], check=True,
                             capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines() if line.strip())


def main(spec: dict[str, Any]) -> dict[str, float]:
    """Prepare the job untimed, then time it and read the peak memory and the PDF's size."""
    if spec["kind"] == "app":
        from bench.print_app import prepare

        job = prepare(spec["job"], spec["database_url"], Path(spec["instance"]),
                      spec["target"], spec.get("user_id"))
    else:
        from bench.print_floor import prepare as prepare_floor

        job = prepare_floor(spec["job"], spec["database_url"], spec["target"],
                            spec.get("lines", 0), spec.get("pages", 1))
    base = peak_mb()
    started = time.perf_counter()
    pdf = job()
    seconds = time.perf_counter() - started
    figures = {"seconds": seconds, "peak_mb": peak_mb(), "base_mb": base,
               "pdf_kb": len(pdf) / 1024, "pages": len(PAGE.findall(pdf)),
               "images": len(IMAGE.findall(pdf))}
    if spec.get("count_lines"):
        figures["lines"] = text_lines(pdf)
    return figures


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
