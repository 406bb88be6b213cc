"""The registration window through the public pages: shown, no form outside it, POST refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import utcnow
from app.events.models import Registration
from app.extensions import db

FORM = {
    "name": "Jürgen Müller",
    "email": "juergen@example.org",
    "category": "resident",
    "consent": "y",
}


def _count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Registration.id)))


@pytest.mark.parametrize(
    ("shift", "german", "turkish"),
    [
        (
            {"registration_opens_at": timedelta(days=3)},
            "Die Anmeldung beginnt am",
            "itibarıyla açılıyor",
        ),
        (
            {"registration_closes_at": timedelta(days=-1)},
            "Die Anmeldung für diese Veranstaltung ist geschlossen",
            "Bu etkinlik için kayıtlar kapandı",
        ),
    ],
    ids=["not_yet_open", "closed"],
)
def test_outside_the_window_no_form_and_post_refused(
    app: Flask, client: FlaskClient, make_event, shift, german: str, turkish: str
) -> None:
    now = utcnow()
    event_id = make_event(**{name: now + delta for name, delta in shift.items()})
    page = client.get(f"/events/{event_id}?lang=de")
    assert page.status_code == 200 and german in page.text
    assert f"/events/{event_id}/register" not in page.text  # no way to the form
    form = client.get(f"/events/{event_id}/register?lang=tr")
    assert form.status_code == 200 and turkish in form.text
    assert 'name="email"' not in form.text
    refused = client.post(f"/events/{event_id}/register?lang=de", data=FORM)
    assert refused.status_code == 409 and german in refused.text
    assert _count(app) == 0
    api = client.post(
        f"/api/v1/events/{event_id}/registrations",
        json={"name": "A", "email": "a@example.org", "consent": True},
    )
    assert api.status_code == 409 and api.json["reason"].startswith("registration_")
    assert _count(app) == 0


def test_open_window_shows_the_closing_time_and_the_form(
    app: Flask, client: FlaskClient, make_event
) -> None:
    now = utcnow()
    event_id = make_event(
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=2),
    )
    page = client.get(f"/events/{event_id}?lang=en")
    assert "Registration is open until" in page.text
    assert f"/events/{event_id}/register" in page.text
    form = client.get(f"/events/{event_id}/register?lang=en")
    assert "Registration is open until" in form.text and 'name="email"' in form.text
    assert client.post(f"/events/{event_id}/register", data=FORM).status_code == 302
    assert _count(app) == 1
