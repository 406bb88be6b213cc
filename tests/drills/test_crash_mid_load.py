"""Drill: gunicorn workers are killed with SIGKILL while ballots are cast and tickets checked in.

Clients keep going while the master restarts the workers. Afterwards every request that was
answered with success is in the database, ballots and used cards agree, nobody is checked in
twice, and the round, once closed, exports and verifies with ``python -m voting verify``.
Requests that lost their connection (outcome unknown) are retried once at the end: a ballot
retry is either accepted or refused as ``token_used``, a check-in retry with the same nonce
gets the first answer back.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import seed as bench_seed
from bench.servers import app_environment
from tests.drills.conftest import ROOT, worker_pids

VOTERS = 100
TICKETS = 100
CLIENTS = 6
KILLS = 5
SECONDS = 25  # the load phase stops after this, done or not


def post(base: str, path: str, body: dict, headers: dict | None = None) -> tuple[int, dict]:
    """(status, JSON body); status 0 when the connection broke (outcome unknown)."""
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, {"raw": raw[:200].decode(errors="replace")}
    except (OSError, ValueError):
        return 0, {}


def test_killed_workers_lose_no_answered_request(drill_database, gunicorn, seeded, tmp_path):
    started = time.monotonic()
    url = drill_database
    server = gunicorn(url, workers=3)  # migrates first
    print(f"\nserving after {time.monotonic() - started:.1f} s")
    election = seeded(bench_seed.open_round, url, VOTERS)
    event = seeded(bench_seed.checkin_event, url, TICKETS)
    print(f"seeded after {time.monotonic() - started:.1f} s")
    candidates = election["candidates"]
    auth = {"Authorization": f"Bearer {event['api_token']}"}

    # Work items: every card once; every ticket once, a quarter of them scanned twice more
    # from other threads at the same time (without nonce, so they race on the unique index).
    rng = random.Random(int(os.environ.get("DRILL_SEED", "7")))
    jobs: list[tuple[str, int]] = [("ballot", i) for i in range(VOTERS)]
    jobs += [("scan", i) for i in range(TICKETS)]
    jobs += [("rescan", i) for i in range(0, TICKETS, 4)] * 2
    rng.shuffle(jobs)
    lock = threading.Lock()
    queue = iter(jobs)
    deadline = time.monotonic() + SECONDS
    ballots_ok: dict[int, str] = {}  # card index -> tracking code
    ballots_unknown: set[int] = set()
    scans_ok: dict[int, int] = {}  # ticket index -> check-in id
    scans_unknown: set[int] = set()
    unexpected: list[tuple[str, int, int, dict]] = []

    def ballot_body(i: int) -> dict:
        # A skewed, fixed choice per card (round 1 takes one mark)
        return {
            "token": election["tokens"][i],
            "round": election["round"],
            "choices": [candidates[min(i % 7, i % 5)]],
        }

    def scan_body(i: int, nonce: str | None) -> dict:
        body = {"ticket": event["tickets"][i], "checkpoint": event["checkpoint"]}
        if nonce:
            body["nonce"] = nonce
        return body

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                job = next(queue, None)
            if job is None:
                return
            kind, i = job
            if kind == "ballot":
                status, body = post(server.base, "/api/v1/ballots", ballot_body(i))
                with lock:
                    if status == 201 and body.get("tracking_code"):
                        ballots_ok[i] = body["tracking_code"]
                    elif status == 0 or status >= 500:
                        ballots_unknown.add(i)
                    else:
                        unexpected.append((kind, i, status, body))
            else:
                nonce = f"drill-{i}" if kind == "scan" else None
                status, body = post(server.base, "/api/v1/checkin", scan_body(i, nonce), auth)
                with lock:
                    if status == 200 and body.get("status") == "ok":
                        if i in scans_ok:
                            unexpected.append(("second ok", i, status, body))
                        scans_ok[i] = body["checkin_id"]
                    elif status == 200 and body.get("status") == "already_checked_in":
                        pass
                    elif status == 0 or status >= 500:
                        if kind == "scan":
                            scans_unknown.add(i)
                    else:
                        unexpected.append((kind, i, status, body))

    kills: list[int] = []

    def killer() -> None:
        for _ in range(KILLS):
            time.sleep(rng.uniform(0.3, 1.2))
            if time.monotonic() > deadline:
                return
            pids = worker_pids(server.process.pid)
            if pids:
                victim = rng.choice(pids)
                try:
                    os.kill(victim, signal.SIGKILL)
                    kills.append(victim)
                except ProcessLookupError:
                    pass

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    threads.append(threading.Thread(target=killer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 30)
    print(f"load done after {time.monotonic() - started:.1f} s")
    assert len(kills) >= 3, f"only {len(kills)} workers killed"
    assert server.process.poll() is None, "the gunicorn master died"
    assert not unexpected, unexpected[:5]
    assert ballots_ok and scans_ok, "no request succeeded under the drill"

    # The workers are back: retry what ended without an answer (at most once each).
    for _ in range(100):
        if server.request("/healthz")[0] == 200:
            break
        time.sleep(0.2)
    retried_ballots = {}
    for i in sorted(ballots_unknown):
        status, body = post(server.base, "/api/v1/ballots", ballot_body(i))
        assert status in (201, 409), (status, body)
        if status == 201:
            retried_ballots[i] = body["tracking_code"]
        else:
            assert body["reason"] == "token_used", body
    for i in sorted(scans_unknown):
        status, body = post(server.base, "/api/v1/checkin", scan_body(i, f"drill-{i}"), auth)
        assert status == 200 and body["status"] in ("ok", "already_checked_in"), body
        if body["status"] == "ok":
            scans_ok[i] = body["checkin_id"]
    ballots_ok.update(retried_ballots)

    check_database(url, tmp_path, election, event, ballots_ok, scans_ok)
    export_and_verify(url, tmp_path, election["election_id"])
    elapsed = time.monotonic() - started
    print(
        f"\n{url.split(':')[0]}: {len(kills)} kills, {len(ballots_ok)} ballots, "
        f"{len(scans_ok)} check-ins, {len(ballots_unknown)}+{len(scans_unknown)} unknown "
        f"outcomes retried, {elapsed:.1f} s"
    )
    assert elapsed < 90


def check_database(url, tmp_path, election, event, ballots_ok, scans_ok) -> None:  # noqa: ANN001
    from sqlalchemy import func, select

    from app import create_app
    from app.checkin.models import CheckIn
    from app.elections import cards
    from app.elections.voting_models import Ballot, Round, TrackingCode, VotingCard
    from app.extensions import db
    from tests.conftest import make_config

    env = app_environment(url, tmp_path)
    app = create_app(
        make_config(
            url
            if not url.startswith("postgresql://")
            else url.replace("postgresql://", "postgresql+psycopg://", 1),
            tmp_path,
            SECRET_KEY=env["SECRET_KEY"],
        )
    )
    with app.app_context():
        rnd = db.session.scalar(
            select(Round).where(
                Round.election_id == election["election_id"], Round.number == election["round"]
            )
        )
        ballots = db.session.scalar(
            select(func.count()).select_from(Ballot).where(Ballot.round_id == rnd.id)
        )
        used = db.session.scalar(
            select(func.count())
            .select_from(VotingCard)
            .where(
                VotingCard.election_id == election["election_id"],
                VotingCard.used_in_round == rnd.number,
            )
        )
        codes = set(
            db.session.scalars(select(TrackingCode.code).where(TrackingCode.round_id == rnd.id))
        )
        assert ballots == used == len(codes), (ballots, used, len(codes))
        # every answered ballot: its card is marked used and its tracking code is recorded
        for i, code in ballots_ok.items():
            card = db.session.scalar(
                select(VotingCard).where(
                    VotingCard.token_hash == cards.token_hash(election["tokens"][i])
                )
            )
            assert card.used_in_round == rnd.number, f"card {i} answered 201 but not used"
            assert code in codes, f"tracking code of card {i} missing"
        assert ballots >= len(ballots_ok)
        # every answered check-in is stored; one row per ticket and checkpoint
        rows = {c.id: c for c in db.session.scalars(select(CheckIn))}
        for i, checkin_id in scans_ok.items():
            assert checkin_id in rows, f"check-in {checkin_id} answered ok but missing"
            assert rows[checkin_id].ticket_id == int(event["tickets"][i].split("-")[1])
        pairs = db.session.execute(
            select(CheckIn.ticket_id, CheckIn.checkpoint_id, func.count())
            .group_by(CheckIn.ticket_id, CheckIn.checkpoint_id)
            .having(func.count() > 1)
        ).all()
        assert not pairs, f"duplicate check-ins: {pairs[:5]}"
        db.session.remove()
        db.engine.dispose()


def export_and_verify(url: str, tmp_path: Path, election_id: int) -> None:
    """Close the round (drawing a lot if the count asks for one), export it with the CLI and
    check the export with the independent verifier."""
    env = app_environment(url, tmp_path)
    script = f"""
from app import create_app
from app.db import utcnow
from app.elections import rounds, ledger
from app.elections.models import Election
from app.extensions import db
import voting
app = create_app()
with app.app_context():
    election = db.session.get(Election, {election_id})
    rounds.close_round(election, actor_id=None, now=utcnow())
    db.session.commit()
    while ledger.state(election).status == "awaiting_lot":
        rounds.draw_lot(election, method="digital", drawn_by="Drill", witnesses=["A", "B"],
                        seed="drill-seed", actor_id=None, now=utcnow())
        db.session.commit()
    print(ledger.state(election).status)
"""
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    export = tmp_path / "export.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "election",
            "export",
            str(election_id),
            str(export),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    run = subprocess.run(
        [sys.executable, "-m", "voting", "verify", str(export)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "FAIL" not in run.stdout
