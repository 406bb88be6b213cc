"""Scenario 4, the app's figure: what officials and an auditor run once a round's voting ends.

Each step is the app's own code path and runs in its own app context, as a request or a CLI
call would (a fresh session, nothing cached from the step before):

1. close: ``rounds.close_round``, the commit and ``sealing.prune_dead_rows``, as the control
   room's "close" button does (sealing included: cards rewritten, ballots and codes reinserted
   in a random order, then vacuumed on PostgreSQL);
2. tally: ``results.public_rounds``, the results page's data (``voting.tally_election`` replayed
   over the stored ballots, the round's ranking and who advances, the tracking codes);
3. export: ``flask election export ID FILE``, the CLI (``results.audit_export``, logged, written);
4. verify: ``python -m voting verify FILE``, the auditor's independent recount, in a process of
   its own as an auditor runs it (interpreter start included; its peak memory is reported too).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.report import ROOT
from bench.seed import app_for

#: ``python -m voting verify FILE``, then the verifier's peak memory (MB) on stderr's last line
VERIFY = (
    "import sys\n"
    "from voting.__main__ import main\n"
    "from bench.scenarios.workers import peak_mb\n"
    "failed = main(['verify', sys.argv[1]])\n"
    "print(peak_mb(), file=sys.stderr)\n"
    "sys.exit(failed)\n"
)


def run(database_url: str, instance: Path, election_id: int) -> dict[str, float]:
    """Seconds per step and in total, and the verifier's peak memory (``verify_peak_mb``);
    raises if any step refuses or the verifier fails."""
    from app.db import utcnow
    from app.elections import results as published
    from app.elections import rounds, sealing
    from app.elections.models import Election
    from app.extensions import db

    app = app_for(database_url, instance)
    export = instance / f"audit-{election_id}.json"
    steps: dict[str, float] = {}
    verifier_mb: list[float] = []

    def close() -> None:
        election = db.session.get(Election, election_id)
        rnd = rounds.close_round(election, actor_id=None, now=utcnow())
        db.session.commit()
        sealing.prune_dead_rows()
        assert rnd.status == "closed", rnd.status

    def tally() -> None:
        (shown,) = published.public_rounds(db.session.get(Election, election_id))
        advanced = [line for line in shown.lines if line.outcome == "advanced"]
        assert shown.shown and len(advanced) == 4 and shown.codes, advanced

    def export_file() -> None:
        result = app.test_cli_runner().invoke(
            args=["election", "export", str(election_id), str(export)]
        )
        assert result.exit_code == 0, result.output

    def verify() -> None:
        done = subprocess.run([sys.executable, "-c", VERIFY, str(export)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]
        verifier_mb.append(float(done.stderr.strip().splitlines()[-1]))

    for name, step in (
        ("close", close),
        ("tally", tally),
        ("export", export_file),
        ("verify", verify),
    ):
        started = time.perf_counter()
        if name == "verify":
            step()  # the auditor's tool needs no app and runs apart
        else:
            with app.app_context():
                step()
        steps[name] = time.perf_counter() - started
    export.unlink(missing_ok=True)
    with app.app_context():
        db.engine.dispose()
    steps["total"] = sum(steps.values())
    return {**steps, "verify_peak_mb": verifier_mb[0]}
