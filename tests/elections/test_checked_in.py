"""ELECTION.md R0.3 through the check-in area: the delegate's entrance check-in counts."""

from __future__ import annotations

from datetime import timedelta

from app.auth import services as accounts
from app.auth.models import Role
from app.checkin.models import CheckIn, Checkpoint, CheckpointKind
from app.db import utcnow
from app.elections import cards
from app.elections.models import Delegate
from app.events import services as registrations
from app.events.models import Event, EventDay
from app.events.services import RegistrationData
from app.extensions import db
from tests.elections.helpers import NOW, at, make_election, organisations


def _assembly_with_registration(email: str):
    election = make_election(organisations=3)
    event = Event(title="Wahlversammlung", venue="Rathaus")
    event.days.append(EventDay(starts_at=NOW, ends_at=NOW + timedelta(hours=4)))
    db.session.add(event)
    db.session.flush()
    election.event_id = event.id
    org = organisations(election)[0]
    db.session.add(Delegate(election_id=election.id, organisation_id=org.id, name="Ayşe",
                            email="ayse@verein.example", named_at=NOW))
    registration = registrations.register(
        event, RegistrationData(name="Ayşe", email=email, organisation_id=org.id, consent=True),
        now=utcnow(), by_organiser=True).registration
    entrance = Checkpoint(event_id=event.id, name="Eingang", kind=CheckpointKind.ENTRANCE.value)
    db.session.add(entrance)
    db.session.flush()
    cards.freeze(election, actor_id=None, now=at(0))
    door = accounts.create_user("door@example.org", "Door", "correct horse battery", {Role.DOOR})
    return election, org, registration, entrance, door.id


def test_delegate_checked_in_at_the_entrance_may_receive_a_card(ctx):
    election, org, registration, entrance, door = _assembly_with_registration(
        "Ayse@Verein.example")
    assert cards.desk_problems(election, org) == ["not_checked_in"]
    check_in = CheckIn(ticket_id=registration.ticket.id, checkpoint_id=entrance.id, at=at(1),
                       admitted_by_user_id=door)
    db.session.add(check_in)
    db.session.flush()
    assert cards.delegate_checked_in(election, org)
    with ctx.test_request_context(headers={"Accept-Language": "en"}):
        assert cards.door_hint(registration) == "MSO delegate: go to the voting desk"
    cards.issue_card(election, org)
    assert cards.door_hint(registration) is None
    check_in.undone_at, check_in.undone_by_user_id = at(2), door  # undone: no longer counts
    db.session.flush()
    assert not cards.delegate_checked_in(election, org)


def test_someone_else_of_the_organisation_is_not_the_delegate(ctx):
    election, org, registration, entrance, door = _assembly_with_registration(
        "other@verein.example")
    db.session.add(CheckIn(ticket_id=registration.ticket.id, checkpoint_id=entrance.id,
                           at=at(1), admitted_by_user_id=door))
    db.session.flush()
    assert not cards.delegate_checked_in(election, org)


def test_desk_finds_the_organisation_by_the_scanned_ticket(app, client, login):
    """R10.2: the official scans the delegate's ticket at the voting desk."""
    from app.events.tickets import token_for

    login(Role.OFFICIAL)
    with app.app_context():
        election, org, registration, _entrance, _door = _assembly_with_registration(
            "ayse@verein.example")
        db.session.commit()
        eid, name, code = election.id, org.name, token_for(registration.ticket)
    english = {"Accept-Language": "en"}
    page = client.get(f"/elections/{eid}/desk", query_string={"ticket": code}, headers=english)
    text = page.get_data(as_text=True)
    assert name in text and "delegate not checked in" in text
    assert text.count("<th scope=\"row\">") == 1
    bad = client.get(f"/elections/{eid}/desk", query_string={"ticket": "NOPE"}, headers=english)
    assert "This ticket is not valid." in bad.get_data(as_text=True)


def test_the_deputys_check_in_counts_at_the_desk(ctx):
    """R0.3 with R0.2: the deputy may cast the organisation's vote, so their check-in counts."""
    election, org, registration, entrance, door = _assembly_with_registration(
        "Deputy@Verein.example")
    db.session.add(Delegate(election_id=election.id, organisation_id=org.id, name="Deniz",
                            email="deputy@verein.example", is_deputy=True, named_at=NOW))
    db.session.add(CheckIn(ticket_id=registration.ticket.id, checkpoint_id=entrance.id,
                           at=at(1), admitted_by_user_id=door))
    db.session.flush()
    assert cards.desk_problems(election, org) == []
    cards.issue_card(election, org)
    assert cards.register(election) == [org.name]
