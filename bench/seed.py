"""Bench data made through the app's own models and services, in the bench database."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bench.servers import app_environment


def app_for(database_url: str, instance: Path):  # noqa: ANN201
    import os

    from app import create_app

    env = app_environment(database_url, instance)
    for name in ("TEILHABE_INSTANCE", "SECRET_KEY", "DATABASE_URL", "RATELIMIT_ENABLED"):
        os.environ[name] = env[name]
    return create_app()


def checkin_event(database_url: str, instance: Path, attendees: int) -> dict:
    """An event with ``attendees`` confirmed registrations, their ticket tokens, an entrance
    checkpoint and a scanner API token."""
    from app.auth import services as accounts
    from app.auth.models import Role
    from app.auth.tokens import create_token
    from app.checkin.models import Checkpoint
    from app.db import utcnow
    from app.events import services, tickets
    from app.events.models import Event, EventDay
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        now = utcnow()
        admin = accounts.create_user(
            "bench@example.org", "Bench", "bench-password-123", {Role.ADMIN}
        )
        event = Event(title="Bench conference", capacity=None)
        event.days = [EventDay(starts_at=now, ends_at=now + timedelta(hours=8))]
        db.session.add(event)
        db.session.flush()
        checkpoint = Checkpoint(event=event, name="Entrance")
        db.session.add(checkpoint)
        registrations = [
            services.register(
                event,
                services.RegistrationData(
                    name=f"Person {i}", email=f"p{i}@example.org", consent=True
                ),
                now=now,
                by_organiser=True,
            ).registration
            for i in range(attendees)
        ]
        tokens = [tickets.token_for(r.ticket or tickets.issue(r)) for r in registrations]
        _, api_token = create_token("bench scanner", actor=admin, now=now)
        db.session.commit()
        return {"tickets": tokens, "checkpoint": str(checkpoint.id), "api_token": api_token}


def registration_event(database_url: str, instance: Path, capacity: int) -> int:
    """A public event with ``capacity`` places and an open registration window."""
    from app.db import utcnow
    from app.events.models import Event, EventDay
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        now = utcnow()
        event = Event(title="Bench kickoff", capacity=capacity)
        event.days = [
            EventDay(starts_at=now + timedelta(days=7), ends_at=now + timedelta(days=7, hours=8))
        ]
        db.session.add(event)
        db.session.commit()
        return event.id


def confirmed_count(database_url: str, instance: Path, event_id: int) -> int:
    from sqlalchemy import func, select

    from app.events.models import Registration
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        return (
            db.session.scalar(
                select(func.count(Registration.id)).where(
                    Registration.event_id == event_id, Registration.status == "confirmed"
                )
            )
            or 0
        )


def open_round(database_url: str, instance: Path, organisations: int) -> dict:
    """An election with ``organisations`` eligible MSOs, 12 candidates, every delegate present
    with a card, and round 1 open; returns the card tokens and candidate ids."""
    from app.db import utcnow
    from app.elections import cards, rounds
    from app.elections.models import (
        Election,
        ElectionStatus,
        RollEntry,
    )
    from app.extensions import db
    from app.organisations.models import Organisation

    app = app_for(database_url, instance)
    with app.app_context():
        now = utcnow()
        election = Election(
            title="Bench election",
            status=ElectionStatus.NOMINATIONS_OPEN.value,
            nomination_closes_at=now - timedelta(hours=1),
            candidates_published_at=now - timedelta(minutes=30),
        )
        db.session.add(election)
        db.session.flush()
        orgs = [
            Organisation(name=f"Verein {i:05d} e.V.", normalised_name=f"verein-{i:05d}")
            for i in range(organisations)
        ]
        db.session.add_all(orgs)
        db.session.flush()
        db.session.add_all(
            RollEntry(
                election_id=election.id, organisation_id=o.id, is_eligible=True, decided_at=now
            )
            for o in orgs
        )
        add_candidates(election.id, orgs[:12], now)
        db.session.flush()
        cards.freeze(election, actor_id=None, now=now)
        tokens = []
        for start in range(0, organisations, cards.MAX_BATCH):  # the app prints batches
            batch = min(cards.MAX_BATCH, organisations - start)
            tokens += cards.create_cards(election, batch, actor_id=None, now=now)
        for org in orgs:
            cards.confirm_presence(
                election, org, reason="present, scanner not used", actor_id=None, now=now
            )
            cards.issue_card(election, org)
        rnd = rounds.start_round(election, actor_id=None, now=now)
        candidate_ids = [c.id for c in cards.candidate_list(election)]
        db.session.commit()
        return {
            "election_id": election.id,
            "round": rnd.number,
            "tokens": tokens,
            "candidates": candidate_ids,
        }


def add_candidates(election_id: int, organisations: list, now: datetime) -> None:
    """A confirmed candidate nominated by each of ``organisations`` (Kandidat0 Name00, …)."""
    from app.elections.models import Nomination, NominationStatus
    from app.extensions import db

    db.session.add_all(
        Nomination(
            election_id=election_id,
            organisation_id=o.id,
            first_name=f"Kandidat{i}",
            surname=f"Name{i:02d}",
            consent_to_stand_at=now,
            consent_to_publish_at=now,
            submitted_at=now,
            updated_at=now,
            status=NominationStatus.CONFIRMED.value,
        )
        for i, o in enumerate(organisations)
    )


def cards_used(database_url: str, instance: Path, election_id: int) -> tuple[int, int]:
    """Ballots stored and cards marked used in the open round (they must agree)."""
    from app.elections import rounds
    from app.elections.models import Election
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        election = db.session.get(Election, election_id)
        rnd = rounds.open_round(election)
        return rounds.cast_count(rnd), rounds.cards_used(rnd)
