"""The events API: public data with places left, registration through the same service."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.events import tickets
from app.events.models import Registration
from app.extensions import db
from tests.events.conftest import session_ids

BODY = {
    "name": "Fatima Al-Hassan",
    "email": "fatima@example.org",
    "category": "ngo",
    "consent": True,
    "locale": "ar",
}


def test_events_list_and_detail_have_places_left(client: FlaskClient, make_event, app) -> None:
    event_id = make_event(capacity=30, sessions=[("Bildung", 0, 10)])
    (bildung,) = session_ids(app, event_id)
    client.post(f"/api/v1/events/{event_id}/registrations", json={**BODY, "session_ids": [bildung]})
    listed = client.get("/api/v1/events").json
    assert [e["id"] for e in listed] == [event_id]
    detail = client.get(f"/api/v1/events/{event_id}").json
    assert detail["places_left"] == 29
    assert detail["sessions"][0]["places_left"] == 9
    assert client.get("/api/v1/events/999999").status_code == 404
    assert client.get(f"/api/v1/events/{2**70}").status_code == 404


def test_register_201_with_token_then_409_duplicate(
    app: Flask, client: FlaskClient, make_event
) -> None:
    event_id = make_event(capacity=1)
    created = client.post(f"/api/v1/events/{event_id}/registrations", json=BODY)
    assert created.status_code == 201, created.json
    assert created.json["status"] == "confirmed"
    with app.app_context():
        assert tickets.resolve(created.json["ticket_token"]).registration.email == BODY["email"]
    again = client.post(f"/api/v1/events/{event_id}/registrations", json=BODY)
    assert again.status_code == 409 and again.json["reason"] == "duplicate"
    waiting = client.post(
        f"/api/v1/events/{event_id}/registrations", json={**BODY, "email": "b@example.org"}
    )
    assert waiting.status_code == 201
    assert waiting.json == {**waiting.json, "status": "waitlisted", "ticket_token": None}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {**BODY, "email": "nope"},
        {**BODY, "name": "x" * 300},
        {**BODY, "consent": False},
        {**BODY, "consent": "maybe"},
        {**BODY, "session_ids": "1"},
        {**BODY, "session_ids": [2**40]},
        {**BODY, "session_ids": [123456]},
        {**BODY, "category": "martians"},
        {**BODY, "answers": {"dietary": ["a"]}},
        {**BODY, "answers": {"dietary": "x" * 600}},
        {**BODY, "answers": {"evil": "x"}},
        {**BODY, "answers": "x"},
        [1, 2, 3],
        "just a string",
    ],
)
def test_bad_input_is_422_and_stores_nothing(
    app: Flask, client: FlaskClient, make_event, body
) -> None:
    event_id = make_event(questions=["dietary"])
    response = client.post(f"/api/v1/events/{event_id}/registrations", json=body)
    assert response.status_code == 422, response.json
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_broken_json_is_a_client_error(client: FlaskClient, make_event) -> None:
    event_id = make_event()
    response = client.post(
        f"/api/v1/events/{event_id}/registrations",
        data="{not json",
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500


def test_closed_and_invite_only_are_refused(client: FlaskClient, make_event) -> None:
    from datetime import UTC, datetime

    closed = make_event(registration_closes_at=datetime(2020, 1, 1, tzinfo=UTC))
    response = client.post(f"/api/v1/events/{closed}/registrations", json=BODY)
    assert response.status_code == 409 and response.json["reason"] == "registration_closed"
    private = make_event(is_invite_only=True)
    response = client.post(f"/api/v1/events/{private}/registrations", json=BODY)
    assert response.status_code == 403 and response.json["reason"] == "invitation_required"


def test_openapi_documents_the_registration(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/events/{event_id}/registrations" in spec["paths"]
