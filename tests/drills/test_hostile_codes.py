"""Drill: hostile tickets at the check-in API and hostile voting codes at the ballot API.

Forged, truncated, replayed and cross-event tickets are refused with a clear status and never
make a second check-in row; unknown, truncated, reused and wrong-round voting codes are refused
and leave exactly one ballot per card; guessing voting codes from one address hits 429.
Runs on an SQLite file and on the drill's own PostgreSQL cluster, through the app's API.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bench import seed as bench_seed
from bench import servers as bench_servers
from tests.conftest import make_config

SECRET = bench_servers.app_environment("sqlite://", Path("/tmp"))["SECRET_KEY"]


@pytest.fixture
def database_url(drill_database: str, tmp_path: Path) -> str:
    """Overrides the suite's fixture: the drill's database, migrated."""
    bench_servers.migrate(drill_database, tmp_path)
    return drill_database.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def app_config(database_url: str, tmp_path: Path) -> dict[str, Any]:
    # the bench seeders sign tickets with the bench secret: the app must share it
    return make_config(database_url, tmp_path, SECRET_KEY=SECRET)


def raw_url(database_url: str) -> str:
    return database_url.replace("postgresql+psycopg://", "postgresql://", 1)


def other_event(app) -> tuple[str, str]:  # noqa: ANN001
    """A second event with its own entrance and one ticket: (checkpoint id, ticket token)."""
    from app.checkin.models import Checkpoint
    from app.db import utcnow
    from app.events import services, tickets
    from app.events.models import Event, EventDay
    from app.extensions import db

    with app.app_context():
        now = utcnow()
        event = Event(title="Other event", capacity=None)
        event.days = [EventDay(starts_at=now, ends_at=now + timedelta(hours=8))]
        db.session.add(event)
        db.session.flush()
        checkpoint = Checkpoint(event=event, name="Other entrance")
        db.session.add(checkpoint)
        registration = services.register(
            event,
            services.RegistrationData(name="Other Person", email="other@example.org", consent=True),
            now=now,
            by_organiser=True,
        ).registration
        token = tickets.token_for(registration.ticket or tickets.issue(registration))
        db.session.commit()
        return str(checkpoint.id), token


def flip(char: str) -> str:
    return "A" if char != "A" else "B"


def test_hostile_tickets_are_refused_and_never_counted_twice(
    app, client, seeded, database_url
) -> None:
    from app.checkin.models import CheckIn, CheckInAttempt
    from app.extensions import db

    event = seeded(bench_seed.checkin_event, raw_url(database_url), 3)
    other_checkpoint, other_ticket = other_event(app)
    here, (good, second, third) = event["checkpoint"], event["tickets"]
    auth = {"Authorization": f"Bearer {event['api_token']}"}

    def scan(ticket: str, checkpoint: str = here, **extra: Any) -> tuple[int, dict]:
        response = client.post(
            "/api/v1/checkin",
            headers=auth,
            json={"ticket": ticket, "checkpoint": checkpoint, **extra},
        )
        return response.status_code, response.get_json(silent=True) or {}

    def status_of(ticket: str, checkpoint: str = here, **extra: Any) -> str:
        status, body = scan(ticket, checkpoint, **extra)
        assert status == 200, (status, body)
        return body["status"]

    prefix, mac = good.rsplit("-", 1)
    ticket_id, nonce = prefix.split("-")[1:]
    forged = {
        "changed MAC": f"{prefix}-{mac[:-1]}{flip(mac[-1])}",
        "MAC of another ticket": f"{prefix}-{second.rsplit('-', 1)[1]}",
        "changed id, same MAC": f"T1-{int(ticket_id) + 1}-{nonce}-{mac}",
        "changed nonce, same MAC": f"T1-{ticket_id}-{flip(nonce[0])}{nonce[1:]}-{mac}",
        "wrong version": "T2" + good[2:],
        "truncated by one": good[:-1],
        "truncated to the id": f"T1-{ticket_id}",
        "only the prefix": "T1-",
        "trailing junk": good + "X",
        "unicode look-alike": good.replace("T1", "Т1"),  # Cyrillic Te
        "SQL": "' OR 1=1 --",
        "long, under the schema limit": "T1-" + "A" * 400,
    }
    for what, ticket in forged.items():
        assert status_of(ticket) == "invalid", what

    # shape errors are 422 (never 5xx), other auth and unknown checkpoint are clear refusals
    assert scan("")[0] == 422
    assert scan(good[:10] + "\x00" + good[11:])[0] == 422  # unstorable text: app.input_guard
    assert scan("A" * 600)[0] == 422
    assert scan(good, "1; DROP TABLE")[0] == 422
    assert scan(good, "999999")[0] == 404
    assert (
        client.post("/api/v1/checkin", json={"ticket": good, "checkpoint": here}).status_code == 401
    )
    assert (
        client.post(
            "/api/v1/checkin",
            headers={"Authorization": "Bearer forged"},
            json={"ticket": good, "checkpoint": here},
        ).status_code
        == 401
    )

    # cross-event, both ways
    assert status_of(other_ticket) == "wrong_event"
    assert status_of(good, other_checkpoint) == "wrong_event"

    # the real ticket once; replays (same nonce, other nonce, none, lower case) never twice
    status, first = scan(good, nonce="n-1")
    assert status == 200 and first["status"] == "ok"
    assert scan(good, nonce="n-1") == (200, first)  # the same retry key: the first answer
    assert status_of(good, nonce="n-2") == "already_checked_in"
    assert status_of(good) == "already_checked_in"
    assert status_of(f"  {good.lower()}\n") == "already_checked_in"
    assert status_of(third) == "ok"

    with app.app_context():
        rows = db.session.scalars(select(CheckIn)).all()
        assert sorted(r.ticket_id for r in rows) == sorted({r.ticket_id for r in rows})
        assert len(rows) == 2  # good and third, nothing else
        refused = db.session.scalar(select(func.count()).select_from(CheckInAttempt))
        assert refused == len(forged) + 2 + 3  # forged, cross-event, replays (logged)


def ballot(client, token: str, round_number: int, choices: list[str]) -> tuple[int, dict]:  # noqa: ANN001
    response = client.post(
        "/api/v1/ballots", json={"token": token, "round": round_number, "choices": choices}
    )
    return response.status_code, response.get_json(silent=True) or {}


def counts(app, election_id: int) -> tuple[int, int]:  # noqa: ANN001
    from app.elections import rounds
    from app.elections.models import Election
    from app.extensions import db

    with app.app_context():
        rnd = rounds.open_round(db.session.get(Election, election_id))
        return rounds.cast_count(rnd), rounds.cards_used(rnd)


def test_hostile_voting_codes_are_refused_and_one_ballot_per_card(
    app, client, seeded, database_url
) -> None:
    election = seeded(bench_seed.open_round, raw_url(database_url), 6)
    tokens, number, candidate = election["tokens"], election["round"], election["candidates"][0]
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    refusals = {
        "unknown": "".join(secrets.choice(alphabet) for _ in range(len(tokens[0]))),
        "truncated to 7": tokens[0][:7],
        "truncated by one": tokens[0][:-1],
        "one character changed": tokens[0][:-1] + flip(tokens[0][-1]),
        "empty-ish": "----",
        "unicode": "ÄÖÜ𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "SQL": "' OR 1=1 --",
    }
    for what, token in refusals.items():
        status, body = ballot(client, token, number, [candidate])
        assert (status, body.get("reason")) == (409, "unknown_token"), what
    assert ballot(client, "", number, [candidate])[0] == 422
    assert ballot(client, "A" * 65, number, [candidate])[0] == 422

    # a wrong round or a bad ballot refuses without using the card
    assert ballot(client, tokens[1], number + 1, [candidate]) == (
        409,
        {"status": "error", "reason": "round_closed"},
    )
    assert ballot(client, tokens[1], number, ["not-a-candidate"])[0] == 422
    assert counts(app, election["election_id"]) == (0, 0)

    # the card once; again (also as typed by hand: lower case, dashes) is token_used
    status, body = ballot(client, tokens[1], number, [candidate])
    assert status == 201 and body["tracking_code"]
    for again in (
        tokens[1],
        tokens[1].lower(),
        "-".join(tokens[1][i : i + 4] for i in range(0, len(tokens[1]), 4)),
    ):
        assert ballot(client, again, number, [candidate]) == (
            409,
            {"status": "error", "reason": "token_used"},
        ), again
    assert counts(app, election["election_id"]) == (1, 1)


def test_guessing_voting_codes_is_rate_limited(database_url, tmp_path, seeded) -> None:
    from app import create_app
    from app.extensions import db

    election = seeded(bench_seed.open_round, raw_url(database_url), 3)
    app = create_app(make_config(database_url, tmp_path, SECRET_KEY=SECRET, RATELIMIT_ENABLED=True))
    client = app.test_client()
    statuses = []
    for _ in range(30):
        guess = "".join(secrets.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(16))
        statuses.append(ballot(client, guess, election["round"], [election["candidates"][0]])[0])
    assert set(statuses) <= {409, 429}
    assert statuses.count(409) <= 10, statuses  # BALLOT_RATE_LIMIT "10/minute"
    assert statuses[-1] == 429 and statuses.count(429) >= 20
    # a guesser from another address is counted on its own
    other = ballot_from(client, "10.1.2.3", election)
    assert other == 409
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def ballot_from(client, address: str, election: dict) -> int:  # noqa: ANN001
    response = client.post(
        "/api/v1/ballots",
        environ_base={"REMOTE_ADDR": address},
        json={
            "token": "X" * 16,
            "round": election["round"],
            "choices": [election["candidates"][0]],
        },
    )
    return response.status_code


def test_honest_voters_sharing_one_address_are_not_refused(database_url, tmp_path, seeded) -> None:
    from app import create_app
    from app.extensions import db

    election = seeded(bench_seed.open_round, raw_url(database_url), 15)
    app = create_app(make_config(database_url, tmp_path, SECRET_KEY=SECRET, RATELIMIT_ENABLED=True))
    client = app.test_client()
    try:
        statuses = [
            ballot(client, token, election["round"], [election["candidates"][0]])[0]
            for token in election["tokens"]
        ]
        assert statuses == [201] * len(election["tokens"]), statuses
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
