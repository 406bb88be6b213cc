"""Organisers give session titles in attendees' languages; capacity never drops below the booked."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role
from app.events import services
from app.events.models import Event, Session
from app.extensions import db
from tests.events.conftest import NOW, person


def test_session_titles_in_other_languages(
    app: Flask, client: FlaskClient, login, make_event
) -> None:
    event_id = make_event()
    login(Role.ORGANISER)
    created = client.post(
        f"/staff/events/{event_id}/sessions/new",
        data={
            "title": "AG Bildung",
            "title_tr": "Eğitim çalışma grubu",
            "description_tr": "Okul ve meslek eğitimi",
            "title_uk": "Робоча група «Освіта»",
            "starts_at": "2026-12-05T11:00",
            "ends_at": "2026-12-05T13:00",
            "capacity": "20",
        },
    )
    assert created.status_code == 302, created.text
    with app.app_context():
        session = db.session.get(Event, event_id).sessions[0]
        assert session.translations == {
            "tr": {"title": "Eğitim çalışma grubu", "description": "Okul ve meslek eğitimi"},
            "uk": {"title": "Робоча група «Освіта»", "description": ""},
        }
        session_id = session.id
    edit = client.get(f"/staff/events/{event_id}/sessions/{session_id}")
    assert 'value="Eğitim çalışma grubu"' in edit.text
    assert "Okul ve meslek eğitimi" in client.get(f"/events/{event_id}?lang=tr").text
    assert "Eğitim çalışma grubu" in client.get(f"/events/{event_id}/register?lang=tr").text
    assert "Робоча група «Освіта»" in client.get(f"/events/{event_id}?lang=uk").text
    german = client.get(f"/events/{event_id}?lang=de").text
    assert "AG Bildung" in german and "Eğitim" not in german
    cleared = client.post(
        f"/staff/events/{event_id}/sessions/{session_id}",
        data={
            "title": "AG Bildung",
            "starts_at": "2026-12-05T11:00",
            "ends_at": "2026-12-05T13:00",
        },
    )
    assert cleared.status_code == 302
    with app.app_context():
        assert db.session.get(Session, session_id).translations == {}


def _edit(client: FlaskClient, event_id: int, capacity: str):  # noqa: ANN202
    return client.post(
        f"/staff/events/{event_id}/edit?lang=de",
        data={
            "kind": "conference",
            "title": "Konferenz",
            "days": "2026-12-05 10:00-17:00",
            "capacity": capacity,
            "retention_days": "180",
            "is_published": "y",
        },
    )


def test_event_capacity_not_below_the_confirmed(
    app: Flask, client: FlaskClient, login, make_event
) -> None:
    event_id = make_event(capacity=5)
    with app.app_context():
        event = db.session.get(Event, event_id)
        for number in (1, 2, 3):
            services.register(event, person(number), now=NOW)
        db.session.commit()
    login(Role.ORGANISER)
    refused = _edit(client, event_id, "2")
    assert refused.status_code == 400
    assert "3 Personen haben bereits einen Platz." in refused.text
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert (event.capacity, event.title, len(event.days)) == (
            5,
            "Integrationskonferenz Mitte",
            1,
        )
    assert _edit(client, event_id, "3").status_code == 302
    with app.app_context():
        assert db.session.get(Event, event_id).capacity == 3
