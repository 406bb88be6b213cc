"""Demo data: an election assembly ready to vote — frozen, cards printed, delegates present.

Uses the organisations area's demo election when there is one still taking nominations;
otherwise it makes its own with 30 MSOs and 12 candidates (the issue's demo size).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app

from app.core.demo import DemoContext
from app.db import utcnow
from app.elections import cards
from app.elections.models import (
    Election,
    ElectionStatus,
    Nomination,
    NominationStatus,
    RollEntry,
)
from app.extensions import db
from app.organisations.models import Organisation

CARDS_FILE = "demo-voting-cards.pdf"
SURNAMES = ["Demir", "Okafor", "Nguyen", "Haddad", "Kowalski", "Yıldız", "العلي", "Popescu",
            "Rahimi", "Mensah", "Petrova", "Sánchez"]


def _own_election() -> Election:
    now = utcnow()
    election = Election(title="Wahl der MSO-Sitze in der Lenkungsgruppe (Demo)",
                        committee_name="Lenkungsgruppe Integration",
                        status=ElectionStatus.NOMINATIONS_OPEN.value,
                        nomination_closes_at=now - timedelta(hours=1))
    db.session.add(election)
    db.session.flush()
    for i in range(30):
        org = Organisation(name=f"Demo-Verein {i + 1:02d} e.V.",
                           normalised_name=f"demo-verein-{i + 1:02d}-elections")
        db.session.add(org)
        db.session.flush()
        db.session.add(RollEntry(election_id=election.id, organisation_id=org.id,
                                 is_eligible=True, decided_at=now, reason="Demo"))
        if i < len(SURNAMES):
            db.session.add(Nomination(
                election_id=election.id, organisation_id=org.id, first_name=f"Demo{i + 1}",
                surname=SURNAMES[i], consent_to_stand_at=now, consent_to_publish_at=now,
                submitted_at=now, updated_at=now, status=NominationStatus.CONFIRMED.value))
    db.session.flush()
    return election


def _close_nominations(election: Election, official: object, now: datetime) -> None:
    """The assembly meets after nomination close with the list published (R0.1 freeze rules)."""
    from app.elections import services

    if election.nominations_open_at(now):
        election.nomination_closes_at = now - timedelta(minutes=1)
    if election.candidates_published_at is None:
        services.publish_candidates(election, actor=official, now=now)  # type: ignore[arg-type]


def seed_assembly(context: DemoContext) -> None:
    """Freeze the demo election, print 35 cards to the instance folder, mark delegates present."""
    from app.documents import voting_cards_pdf
    from app.elections.control_views import card_data

    shared = context.shared.get("election_id")
    election = db.session.get(Election, shared) if isinstance(shared, int) else None
    if election is None or not election.nominations:
        election = _own_election()
    official = context.users.get("official")
    actor = official.id if official is not None else None
    now = utcnow()
    _close_nominations(election, official, now)
    cards.freeze(election, actor_id=actor, now=now)
    tokens = cards.create_cards(election, 35, actor_id=actor, now=now)
    with current_app.test_request_context():
        pdf = voting_cards_pdf(card_data(election, tokens))
    path = Path(current_app.instance_path) / CARDS_FILE
    path.write_bytes(pdf)
    path.chmod(0o600)
    for entry in election.roll:
        if entry.is_eligible:
            cards.confirm_presence(election, entry.organisation, reason="Demo",
                                   actor_id=actor, now=now)
    context.shared["election"] = election
    context.shared["voting_cards_pdf"] = str(path)
