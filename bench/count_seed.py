"""Scenario 4's data: a real election whose open round 1 already holds N cast ballots.

``python -m bench.count_seed DATABASE_URL INSTANCE N`` prints JSON (election id, round, ballots).

The election, its 12 candidates, the freeze and the opening of round 1 go through the app's own
services; what would take hours that way is written straight into the tables (``app.bulk``):
N organisations on the roll, each holding a card (the "received a card" register), N printed
cards, and, once the app has opened round 1 with those counts, N ballots, N tracking codes and
every card marked used in round 1. That is what N casts through ``casting.cast_ballot`` leave
behind; only the physical row order differs, and closing the round rewrites that (R10.4).
The marks are skewed over the 12 candidates and the same for a given N on every engine.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection

from bench.seed import add_candidates, app_for

SEED = 20261122
#: Marks drawn per call, so a million are never one list
CHUNK = 50_000
CANDIDATES = 12


def marks_for(count: int, candidates: Sequence[str], seed: int = SEED) -> Iterator[str]:
    """``count`` round-1 marks: the first candidate on the ballot most often, the last least."""
    rng = random.Random(seed)
    weights = [len(candidates) - i for i in range(len(candidates))]
    for start in range(0, count, CHUNK):
        yield from rng.choices(candidates, weights=weights, k=min(CHUNK, count - start))


def ballot_rows(round_id: int, count: int, candidates: Sequence[str]) -> Iterator[tuple]:
    """Rows as ``casting.cast_ballot`` writes them: a random 128-bit id, no link to anyone;
    marks and answers as JSON text (``app.bulk``)."""
    ids = random.Random(SEED + 1)
    marks = {c: json.dumps([c]) for c in candidates}
    for mark in marks_for(count, candidates):
        yield (f"{ids.getrandbits(128):032x}", round_id, marks[mark], "[]", "valid", "device")


BALLOT_COLUMNS = ("id", "round_id", "marks", "answers", "status", "source")


def tracking_codes(count: int) -> Iterator[str]:
    """Distinct codes in ``casting.new_tracking_code``'s form (XXXX-XXXX-XXXX, Crockford)."""
    from app.elections.cards import ALPHABET

    rng, seen = random.Random(SEED + 2), set()
    while len(seen) < count:
        bits = rng.getrandbits(60)
        raw = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if code not in seen:
            seen.add(code)
            yield code


def seed_round(database_url: str, instance: Path, ballots: int) -> dict:
    """The election with round 1 open and ``ballots`` ballots cast in it; see the module text."""
    from sqlalchemy import update

    from app.db import utcnow
    from app.elections import rounds
    from app.elections.voting_models import VotingCard
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        now = utcnow()
        election, candidates = _frozen_election(now)
        _register(election.id, ballots, now)
        rnd = rounds.start_round(election, actor_id=None, now=now)
        connection = db.session.connection()
        _cast(connection, rnd.id, ballots, candidates)
        connection.execute(
            update(VotingCard)
            .where(VotingCard.election_id == election.id)
            .values(used_in_round=rnd.number)
        )
        result = {
            "election_id": election.id,
            "round": rnd.number,
            "ballots": ballots,
            "on_roll": rnd.on_roll,
            "cards_issued": rnd.cards_issued,
        }
        db.session.commit()
        db.engine.dispose()
        return result


def _frozen_election(now: datetime) -> tuple:
    """Election, 12 confirmed candidates and the freeze (R0.1), as in ``bench.seed.open_round``."""
    from app.elections import cards
    from app.elections.models import Election, ElectionStatus
    from app.extensions import db
    from app.organisations.models import Organisation

    election = Election(
        title="Bench count election",
        status=ElectionStatus.NOMINATIONS_OPEN.value,
        nomination_closes_at=now - timedelta(hours=1),
        candidates_published_at=now - timedelta(minutes=30),
    )
    orgs = [
        Organisation(name=f"Kandidatverein {i:02d} e.V.", normalised_name=f"kandidatverein-{i:02d}")
        for i in range(CANDIDATES)
    ]
    db.session.add_all([election, *orgs])
    db.session.flush()
    add_candidates(election.id, orgs, now)
    db.session.flush()
    cards.freeze(election, actor_id=None, now=now)
    return election, [c.id for c in cards.candidate_list(election)]


def _register(election_id: int, count: int, now: datetime) -> None:
    """``count`` eligible organisations (the candidates' among them), each holding a card,
    and ``count`` printed cards; one "cards_created" entry in the event log."""
    from sqlalchemy import insert, literal, select

    from app import bulk
    from app.elections.ledger import append_event
    from app.elections.models import Election, RollEntry
    from app.elections.voting_models import CardReceipt, VotingCard
    from app.extensions import db
    from app.organisations.models import Organisation

    connection = db.session.connection()
    orgs, roll = Organisation.__table__, RollEntry.__table__
    columns = (
        "name",
        "normalised_name",
        "kind",
        "contact_person",
        "email",
        "phone",
        "address",
        "languages",
        "website",
        "notes",
        "created_at",
        "updated_at",
    )
    bulk.insert_rows(
        connection,
        orgs,
        columns,
        (
            (f"Verein {i:07d} e.V.", f"verein-{i:07d}", "mso", "", "", "", "", "", "", "", now, now)
            for i in range(count - CANDIDATES)
        ),
    )
    election = literal(election_id)
    connection.execute(
        insert(roll).from_select(
            [
                "election_id",
                "organisation_id",
                "is_eligible",
                "may_nominate",
                "decided_at",
                "reason",
                "link_version",
            ],
            select(
                election,
                orgs.c.id,
                literal(True),
                literal(True),
                literal(now, roll.c.decided_at.type),
                literal(""),
                literal(1),
            ),
        )
    )
    connection.execute(
        insert(CardReceipt.__table__).from_select(
            ["election_id", "organisation_id", "replacements"],
            select(election, orgs.c.id, literal(0)),
        )
    )
    bulk.insert_rows(
        connection,
        VotingCard.__table__,
        ("election_id", "token_hash", "batch", "is_void"),
        (
            (election_id, hashlib.sha256(b"bench-card-%d" % i).hexdigest(), 1, False)
            for i in range(count)
        ),
    )
    append_event(
        db.session.get(Election, election_id),
        "cards_created",
        {"count": count},
        at=now,
        actor_id=None,
    )


def _cast(connection: Connection, round_id: int, count: int, candidates: Sequence[int]) -> None:
    """The ballots and tracking codes of ``count`` casts (no link between the two, R10.7)."""
    from app import bulk
    from app.elections.voting_models import Ballot, TrackingCode

    bulk.insert_rows(
        connection,
        Ballot.__table__,
        BALLOT_COLUMNS,
        ballot_rows(round_id, count, [str(c) for c in candidates]),
    )
    bulk.insert_rows(
        connection,
        TrackingCode.__table__,
        ("code", "round_id"),
        ((code, round_id) for code in tracking_codes(count)),
    )


if __name__ == "__main__":
    url, folder, size = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(seed_round(url, folder, size)))
