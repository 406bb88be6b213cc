"""Staff pages show participant categories in the reader's language, not always in German."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role
from app.events import categories, services
from app.events.models import Event, Invitation
from app.extensions import db
from tests.events.conftest import NOW, person


@pytest.fixture
def event_id(app: Flask, make_event) -> int:
    """An event with one registered resident and one invited resident."""
    event_id = make_event()
    with app.app_context():
        event = db.session.get(Event, event_id)
        services.register(event, person(1, category_code="resident"), now=NOW)
        resident = categories.by_code("resident")
        db.session.add(
            Invitation(
                event_id=event_id,
                name="Eda",
                email="eda@example.org",
                category_id=resident.id,
                nonce="n-eda",
            )
        )
        db.session.commit()
    return event_id


@pytest.mark.parametrize(("lang", "label"), [("en", "Resident"), ("tr", "Sakin")])
def test_staff_pages_use_the_current_locale(
    client: FlaskClient, login, event_id: int, lang: str, label: str
) -> None:
    login(Role.ORGANISER)
    pages = [
        f"/staff/events/{event_id}",  # filter form
        f"/staff/events/{event_id}/edit",  # categories the form offers
        f"/staff/events/{event_id}/registrations/new",  # staff registration form
        f"/staff/events/{event_id}/invitations",  # send form and invited/registered counts
        f"/staff/events/{event_id}/statistics",
    ]
    for path in pages:
        page = client.get(path, query_string={"lang": lang})
        assert page.status_code == 200, path
        assert label in page.text, path
        assert "Einwohner*in" not in page.text, path
    export = client.get(f"/staff/events/{event_id}/registrations.csv", query_string={"lang": lang})
    assert label in export.data.decode("utf-8-sig")


def test_german_stays_the_default(client: FlaskClient, login, event_id: int) -> None:
    login(Role.ORGANISER)
    assert "Einwohner*in" in client.get(f"/staff/events/{event_id}/statistics").text
