"""Scenario 4, the floor: the least any recount of a stored round must do, without the app.

One plain SELECT of the round's marks, a Counter over them, and a SHA-256 over the sorted
ballots (each as its JSON line), so the result could be committed to and compared. The garbage
collector waits meanwhile, as it does while the app reads a round (``voting.collector.paused_gc``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections import Counter

from sqlalchemy import create_engine, text

MARKS = text(
    "SELECT b.marks FROM ballots b JOIN rounds r ON r.id = b.round_id "
    "WHERE r.election_id = :election AND r.number = :number"
)


def run(database_url: str, election_id: int, number: int = 1) -> dict[str, float]:
    """Seconds for read, count and hash; raises if the round holds no ballots."""
    engine = create_engine(database_url)
    gc.disable()
    started = time.perf_counter()
    with engine.connect() as connection:
        stored = connection.execute(MARKS, {"election": election_id, "number": number}).scalars()
        ballots = [json.loads(m) if isinstance(m, str) else m for m in stored]
    votes = Counter(mark for marks in ballots for mark in marks)
    digest = hashlib.sha256()
    for line in sorted(json.dumps({"marks": m}, separators=(",", ":")) for m in ballots):
        digest.update(line.encode())
    assert votes and digest.hexdigest()
    seconds = time.perf_counter() - started
    gc.enable()
    engine.dispose()
    return {"total": seconds}
