"""Walk-ins: registered at the door, checked in at once, badge offered."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.auth.models import Role, User
from app.auth.tokens import Actor
from app.checkin import services
from app.checkin.models import CheckIn, Checkpoint
from app.db import utcnow
from app.events.models import Event, Registration
from app.events.services import RegistrationData
from app.extensions import db
from app.mail.models import OutboxMessage
from tests.checkin.factories import build_world
from tests.conftest import log_in


@pytest.fixture
def world(app):
    return build_world(app)


@pytest.fixture
def door(client, create_user):
    """A door account's client that reads English (tests assert the msgids, not translations)."""
    log_in(client, create_user(Role.DOOR, name="Dilek Door"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_walk_in_registers_checks_in_and_offers_the_badge(app, door, world) -> None:
    url = f"/checkin/scan/{world.entrance_id}/walk-in"
    assert door.get(url).status_code == 200
    done = door.post(
        url,
        data={
            "name": "Jürgen Müller",
            "email": "jm@example.org",
            "organisation": "",
            "category": str(world.category_ids["resident"]),
        },
    )
    assert done.status_code == 200 and "Jürgen Müller" in done.text
    badge = re.search(r'href="(/checkin/registrations/\d+/badge.pdf)"', done.text).group(1)
    assert door.get(badge).mimetype == "application/pdf"
    with app.app_context():
        assert db.session.scalar(select(func.count(CheckIn.id))) == 1
    refused = door.post(url, data={"name": "", "category": "x"})
    assert refused.status_code == 200 and "error-summary" in refused.text


@pytest.fixture
def closed(app, world):
    """The world's event stops taking registrations at the door."""
    with app.app_context():
        db.session.get(Event, world.event_id).allows_walk_ins = False
        db.session.commit()
    return world


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        return (
            db.session.scalar(select(func.count(Registration.id))),
            db.session.scalar(select(func.count(CheckIn.id))),
        )


def test_walk_in_is_refused_when_the_event_takes_none(app, door, closed) -> None:
    url = f"/checkin/scan/{closed.entrance_id}/walk-in"
    before = _counts(app)
    scanner = door.get(f"/checkin/scan/{closed.entrance_id}")
    assert scanner.status_code == 200 and url not in scanner.text
    for response in (
        door.get(url),
        door.post(
            url,
            data={
                "name": "Jürgen Müller",
                "email": "jm@example.org",
                "category": str(closed.category_ids["resident"]),
            },
        ),
    ):
        assert response.status_code == 302
        assert response.headers["Location"].endswith(f"/checkin/scan/{closed.entrance_id}")
    page = door.get(f"/checkin/scan/{closed.entrance_id}")
    assert "This event does not take registrations at the door." in page.text
    assert _counts(app) == before


def test_walk_in_service_refuses_too(app, closed, create_user) -> None:
    user_id = create_user(Role.DOOR)
    with app.app_context():
        checkpoint = db.session.get(Checkpoint, closed.entrance_id)
        data = RegistrationData(
            name="Jürgen Müller",
            email="jm@example.org",
            category_code="resident",
            consent=True,
        )
        actor = Actor(user=db.session.get(User, user_id))
        with pytest.raises(services.CheckInDenied) as excinfo:
            services.walk_in(checkpoint, data, actor=actor, now=utcnow())
        assert excinfo.value.code == "walk_in_closed"
        db.session.rollback()
    assert _counts(app)[1] == 0


def test_refused_walk_in_of_someone_already_in_stores_nothing(app, door, world) -> None:
    """The register step re-sends the existing registration's mail inside a SAVEPOINT; the
    check-in is then refused ("already checked in"), so that mail must not be stored or sent
    (it was: the mail hook took the SAVEPOINT for a commit and its delivery committed it)."""
    url = f"/checkin/scan/{world.entrance_id}/walk-in"
    data = {"name": "Jürgen Müller", "email": "jm@example.org", "organisation": "", "category": ""}
    assert "Jürgen Müller" in door.post(url, data=data).text
    with app.app_context():
        mails = db.session.scalar(select(func.count(OutboxMessage.id)))
    again = door.post(url, data=data)
    assert again.status_code == 200 and "Already checked in" in again.text
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == mails
