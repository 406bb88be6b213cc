"""The check-in service called directly: codes, the first check-in, undo, notes, the chart."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.auth.models import Role, User
from app.auth.tokens import Actor
from app.checkin import people, services
from app.checkin.models import Checkpoint
from app.events.models import Registration, Ticket
from app.extensions import db
from tests.checkin.factories import START, build_world

NOW = START + timedelta(minutes=30)


@pytest.fixture
def world(app):
    return build_world(app)


@pytest.fixture
def door(ctx, world) -> Actor:
    return Actor(user=db.session.get(User, world.organiser_id))


def test_check_in_twice_same_checkpoint_denied_with_the_first(ctx, world, door) -> None:
    ticket = db.session.get(Ticket, world.ayse.ticket_id)
    entrance = db.session.get(Checkpoint, world.entrance_id)
    first = services.check_in(ticket, entrance, actor=door, now=NOW)
    with pytest.raises(services.CheckInDenied) as excinfo:
        services.check_in(ticket, entrance, actor=door, now=NOW + timedelta(minutes=5))
    assert excinfo.value.code == "already_checked_in"
    assert excinfo.value.first.id == first.id
    assert excinfo.value.first.by == "Olga Organisatorin"


def test_same_ticket_may_enter_each_checkpoint_once(ctx, world, door) -> None:
    ticket = db.session.get(Ticket, world.ayse.ticket_id)
    services.check_in(ticket, db.session.get(Checkpoint, world.entrance_id), actor=door, now=NOW)
    session_door = db.session.get(Checkpoint, world.session_checkpoint_ids[0])
    assert services.check_in(ticket, session_door, actor=door, now=NOW).id


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("forged", "invalid"),
        ("truncated", "invalid"),
        ("cancelled", "cancelled"),
        ("other_event", "wrong_event"),
    ],
)
def test_refusals_carry_stable_codes(ctx, world, door, code, expected) -> None:
    entrance = db.session.get(Checkpoint, world.entrance_id)
    with pytest.raises(services.CheckInDenied) as excinfo:
        services.check_in(services.resolve(world.codes[code]), entrance, actor=door, now=NOW)
    assert excinfo.value.code == expected


def test_undo_last_takes_back_only_the_actors_latest(ctx, world, door) -> None:
    entrance = db.session.get(Checkpoint, world.entrance_id)
    for attendee, minute in [(world.ayse, 1), (world.olena, 2)]:
        ticket = db.session.get(Ticket, attendee.ticket_id)
        services.check_in(ticket, entrance, actor=door, now=NOW + timedelta(minutes=minute))
    undone = services.undo_last(entrance, actor=door, now=NOW + timedelta(minutes=3))
    assert undone.ticket_id == world.olena.ticket_id and undone.undone_by.label == door.label
    assert services.undo_last(entrance, actor=door, now=NOW).ticket_id == world.ayse.ticket_id
    with pytest.raises(services.CheckInDenied) as excinfo:
        services.undo_last(entrance, actor=door, now=NOW)
    assert excinfo.value.code == "nothing_to_undo"


def test_door_notes_are_the_registrations_notes(ctx, world) -> None:
    registration = db.session.get(Registration, world.ayse.registration_id)
    assert people.door_notes(registration) == ["Rollstuhl: Aufzug benutzen"]
    assert people.door_notes(db.session.get(Registration, world.olena.registration_id)) == []


def test_mso_delegate_is_sent_to_the_voting_desk(app, world, create_user) -> None:
    from app.elections import roll
    from app.elections.models import Election
    from app.organisations.models import Organisation
    from tests.organisations import helpers

    official = create_user(Role.OFFICIAL)
    organisation_id = helpers.add_organisation(app, world.organiser_id, "Türkischer Elternverein")
    election_id = helpers.add_election(app, official, event_id=world.event_id)
    helpers.make_eligible(app, world.organiser_id, election_id, organisation_id)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        entry = roll.roll_entry(
            db.session.get(Election, election_id), db.session.get(Organisation, organisation_id)
        )
        roll.name_delegate(entry, name="Ayşe Yılmaz", email="AYSE@example.org", actor=None, now=NOW)
        db.session.commit()
        notes = people.door_notes(db.session.get(Registration, world.ayse.registration_id))
        assert notes == [
            "Rollstuhl: Aufzug benutzen",
            "MSO delegate of Türkischer Elternverein: go to the voting desk",
        ]
        assert people.door_notes(db.session.get(Registration, world.olena.registration_id)) == []
