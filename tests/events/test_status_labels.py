"""A registration's status is shown translated on the private page and in the back office.

Regression: the elections area once overwrote the shared ``status_label`` Jinja global with
its own list, so "waitlisted" and "cancelled" appeared as raw English words.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role
from app.events import links, services
from app.events.models import Event, Registration
from app.extensions import db
from tests.events.conftest import NOW, person


def _two_registrations(app: Flask, event_id: int) -> tuple[str, str]:
    """One confirmed, one waitlisted (capacity 1); returns their private link tokens."""
    with app.app_context():
        event = db.session.get(Event, event_id)
        first = services.register(event, person(1), now=NOW).registration
        second = services.register(event, person(2), now=NOW).registration
        db.session.commit()
        assert (first.status, second.status) == ("confirmed", "waitlisted")
        return links.manage_token(first), links.manage_token(second)


def test_private_page_translates_waitlisted_and_cancelled(
    app: Flask, client: FlaskClient, make_event
) -> None:
    _, waiting = _two_registrations(app, make_event(capacity=1))
    turkish = client.get(f"/r/{waiting}?lang=tr")
    assert turkish.status_code == 200
    assert "Bekleme listesinde" in turkish.text
    status_line = turkish.text.split('class="status status-waitlisted">')[1].split("</p>")[0]
    assert "waitlisted" not in status_line
    german = client.get(f"/r/{waiting}?lang=de")
    assert "Auf der Warteliste" in german.text

    assert client.post(f"/r/{waiting}/cancel", data={"confirm": "y"}).status_code == 302
    cancelled_tr = client.get(f"/r/{waiting}?lang=tr")
    assert "İptal edildi" in cancelled_tr.text
    cancelled_de = client.get(f"/r/{waiting}?lang=de")
    assert "Storniert" in cancelled_de.text


def test_back_office_translates_registration_status(
    app: Flask, client: FlaskClient, login, make_event
) -> None:
    event_id = make_event(capacity=1)
    _two_registrations(app, event_id)
    login(Role.ORGANISER)
    page = client.get(f"/staff/events/{event_id}?lang=de")
    assert page.status_code == 200
    assert "Bestätigt" in page.text and "Auf der Warteliste" in page.text
    with app.app_context():
        waiting = db.session.scalar(select(Registration).where(Registration.status == "waitlisted"))
        edit = client.get(f"/staff/events/registrations/{waiting.id}?lang=tr")
    assert edit.status_code == 200 and "Bekleme listesinde" in edit.text
