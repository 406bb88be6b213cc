"""`flask demo seed` fills an empty database once and prints working logins."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.db import utcnow


def test_demo_seed_prints_logins_that_work(app: Flask, runner, client: FlaskClient) -> None:
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "admin@teilhabe.example" in x)
    password = line.split("password:")[1].strip()
    assert "wahl@teilhabe.example" in result.output and "/elections/voting" in result.output
    response = client.post("/login", data={"email": "admin@teilhabe.example", "password": password})
    assert response.headers["Location"] == "/staff"


def test_demo_seed_twice_loads_nothing_more(runner) -> None:
    runner.invoke(args=["demo", "seed"])
    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code == 0 and "already has data" in again.output
    assert "admin@teilhabe.example" in again.output


def test_demo_seed_sets_up_an_election_assembly_ready_to_freeze(app: Flask, runner) -> None:
    """Issue 6 "Done when": 30 organisations, 12 candidates; nominations closed, the list
    published, the election linked to its assembly, not frozen (R0.1 is the user's step)."""
    from sqlalchemy import func, select

    from app.elections import cards, services
    from app.elections.models import Election, ElectionStatus
    from app.events.models import Event, Invitation, Registration
    from app.events.services import waiting_list
    from app.extensions import db
    from app.organisations.models import Organisation

    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    with app.app_context():
        now = utcnow()
        assert db.session.scalar(select(func.count(Organisation.id))) == 30
        (election,) = db.session.scalars(select(Election)).all()
        assert election.status != ElectionStatus.FROZEN.value and election.fingerprint is None
        assert not election.nominations_open_at(now) and election.nomination_closes_at < now
        assert election.candidates_published_at is not None
        order = services.candidate_order(election)
        assert len(order) == 12 and order == services.alphabetical(order)
        assert len([e for e in election.roll if e.is_eligible]) == 30
        assembly = db.session.get(Event, election.event_id)
        assert assembly.kind == "election_assembly" and assembly.is_invite_only
        assert assembly.starts_at <= now <= assembly.ends_at  # the assembly is under way
        delegates = db.session.scalars(
            select(Registration).where(
                Registration.event_id == assembly.id, Registration.organisation_id.is_not(None)
            )
        ).all()
        assert len(delegates) == 27 and all(r.invitation_id for r in delegates)
        present = [e for e in election.roll if cards.delegate_checked_in(election, e.organisation)]
        assert len(present) == 20  # scanned in at the entrance, no override (R0.3)
        invited = db.session.scalars(
            select(Invitation).where(Invitation.event_id == assembly.id)
        ).all()
        assert all(i.sent_at for i in invited) and sum(1 for i in invited if i.declined_at) == 1
        waiting = [w for e in db.session.scalars(select(Event)) for w in waiting_list(e)]
        assert len(waiting) == 3
