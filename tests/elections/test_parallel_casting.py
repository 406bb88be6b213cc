"""ELECTION.md R10.3: 20 parallel casts with one token give exactly one ballot, on both engines."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from app.elections import cards, casting, rounds
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.voting_models import Ballot, TrackingCode
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations

THREADS = 20


def _prepare(app):
    with app.app_context():
        election = make_election(organisations=4)
        cards.freeze(election, actor_id=None, now=at(0))
        tokens = cards.create_cards(election, 4, actor_id=None, now=at(1))
        for org in organisations(election):
            cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
            cards.issue_card(election, org)
        rounds.start_round(election, actor_id=None, now=at(3))
        candidate = lg.frozen(election).candidates[0]["id"]
        db.session.commit()
        return tokens[0], candidate


def test_twenty_parallel_casts_with_one_token_store_one_ballot(app, backend):
    token, candidate = _prepare(app)
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def cast() -> None:
        with app.app_context():
            barrier.wait()
            try:
                casting.cast_ballot(token, 1, [candidate])
                db.session.commit()
                outcome = "ok"
            except ElectionError as error:
                db.session.rollback()
                outcome = error.code
            finally:
                db.session.remove()
            with lock:
                outcomes.append(outcome)

    started = time.perf_counter()
    threads = [threading.Thread(target=cast) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    print(f"\n{backend}: {THREADS} parallel casts in {elapsed * 1000:.0f} ms")
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "token_used"}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Ballot)) == 1
        assert db.session.scalar(select(func.count()).select_from(TrackingCode)) == 1
