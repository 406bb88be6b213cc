"""The election form's assembly field: a list of real events, checked on the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import utcnow
from app.elections import services
from app.elections.models import Election
from app.elections.services import ElectionError
from app.events.models import Event, EventDay
from app.extensions import db
from tests.conftest import log_in
from tests.organisations.conftest import user

ERROR = "Please choose an event from the list."


def form_data(**extra: object) -> dict[str, object]:
    return {
        "title": "Wahl der MSO-Vertretung",
        "seats": 2,
        "finalists": 4,
        "votes_round1": 1,
        "votes_runoff": 1,
        "tie_variant": "lot",
        "ballot_order": "alphabetical",
        "acceptance_deadline_days": 3,
        "parity_unused": "fill_openly",
        "event_id": "",
        **extra,
    }


@pytest.fixture
def event_id(app: Flask) -> int:
    with app.app_context():
        day = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(
            days=20
        )
        event = Event(title="Wahlversammlung MSO")
        event.days.append(EventDay(starts_at=day, ends_at=day + timedelta(hours=4)))
        db.session.add(event)
        db.session.commit()
        return event.id


def elections(app: Flask) -> list[Election]:
    with app.app_context():
        return list(db.session.scalars(select(Election)))


def test_form_offers_none_and_the_events(client: FlaskClient, staff, event_id: int) -> None:
    log_in(client, staff["official"])
    page = client.get("/elections/new").text
    assert "<select" in page and f'<option value="{event_id}">Wahlversammlung MSO (' in page
    assert '<option selected value="">none</option>' in page


@pytest.mark.parametrize("bogus", ["999999", "abc", "-3", "1e3"])
def test_bogus_event_is_a_form_error_and_nothing_is_stored(
    app: Flask, client: FlaskClient, staff, event_id: int, bogus: str
) -> None:
    log_in(client, staff["official"])
    response = client.post("/elections/new", data=form_data(event_id=bogus))
    assert response.status_code == 200 and ERROR in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Election.id))) == 0


def test_real_event_or_none_is_stored_and_edit_keeps_it_on_bogus_input(
    app: Flask, client: FlaskClient, staff, event_id: int
) -> None:
    log_in(client, staff["official"])
    assert client.post("/elections/new", data=form_data()).status_code == 302
    assert client.post("/elections/new", data=form_data(event_id=event_id)).status_code == 302
    without, assembly = sorted(elections(app), key=lambda e: e.id)
    assert without.event_id is None and assembly.event_id == event_id
    edit = client.get(f"/elections/{assembly.id}/edit").text
    assert f'<option selected value="{event_id}">' in edit
    bad = client.post(f"/elections/{assembly.id}/edit", data=form_data(event_id="424242"))
    assert bad.status_code == 200 and ERROR in bad.text
    with app.app_context():
        assert db.session.get(Election, assembly.id).event_id == event_id


def test_service_refuses_an_unknown_event(app: Flask, staff) -> None:
    with app.app_context():
        values = {**form_data(event_id=424242), "parity": False, "allow_replacement": False}
        with pytest.raises(ElectionError) as excinfo:
            services.create_election(values, actor=user(staff["official"]), now=utcnow())
        assert excinfo.value.code == "unknown_event"
