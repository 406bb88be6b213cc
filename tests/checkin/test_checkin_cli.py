"""``flask checkin …``: tokens, checkpoints, purge of retry records."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.auth import tokens
from app.checkin.models import Checkpoint, ScanNonce
from app.db import utcnow
from app.extensions import db
from tests.checkin.factories import build_world


def test_token_command_prints_a_working_token(app, runner) -> None:
    build_world(app)
    result = runner.invoke(args=["checkin", "token", "Tablet", "--by", "orga-world@example.org"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert tokens.authenticate(result.output.strip(), now=utcnow()).name == "Tablet"
    refused = runner.invoke(args=["checkin", "token", "X", "--by", "nobody@example.org"])
    assert refused.exit_code == 1


def test_checkpoints_command_fills_gaps_only(app, runner) -> None:
    world = build_world(app)
    result = runner.invoke(args=["checkin", "checkpoints", str(world.event_id)])
    assert result.exit_code == 0 and result.output.startswith("0 ")
    assert runner.invoke(args=["checkin", "checkpoints", "999999"]).exit_code == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Checkpoint.id))) == 3


def test_purge_nonces_keeps_recent_ones(app, runner) -> None:
    with app.app_context():
        now = utcnow()
        db.session.add_all(
            [
                ScanNonce(
                    actor_key="user:1", nonce="old", answer="{}", created_at=now - timedelta(days=3)
                ),
                ScanNonce(actor_key="user:1", nonce="new", answer="{}", created_at=now),
            ]
        )
        db.session.commit()
    result = runner.invoke(args=["checkin", "purge-nonces"])
    assert result.exit_code == 0 and result.output.startswith("1 ")
    with app.app_context():
        assert db.session.scalars(select(ScanNonce.nonce)).all() == ["new"]


def test_demo_seed_gives_every_demo_event_an_entrance(app, runner) -> None:
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    with app.app_context():
        from app.events.models import Event

        events = db.session.scalar(select(func.count(Event.id)))
        entrances = db.session.scalar(
            select(func.count(Checkpoint.id)).where(Checkpoint.kind == "entrance")
        )
    assert events > 0 and entrances == events
