"""Public pages: the event with places left, the form, the private link; bad input never 500s."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.events.models import Invitation, Registration
from app.extensions import db
from tests.events.conftest import session_ids

FORM = {
    "name": "Jürgen Müller",
    "email": "juergen@example.org",
    "category": "resident",
    "consent": "y",
}


def _register(client: FlaskClient, event_id: int, **extra) -> str:
    response = client.post(f"/events/{event_id}/register", data={**FORM, **extra})
    assert response.status_code == 302, response.text
    return response.headers["Location"].split("/events/registered/")[1].split("?")[0]


def test_event_page_shows_sessions_and_places_left(client: FlaskClient, make_event) -> None:
    event_id = make_event(capacity=40, sessions=[("Bildung", 0, 12), ("Arbeit", 0, 20)])
    page = client.get(f"/events/{event_id}?lang=en")
    assert page.status_code == 200
    assert "40 of 40 places left" in page.text and "12 of 12 places left" in page.text
    assert f"/events/{event_id}" in client.get("/events").text
    assert client.get(f"/events/{2**70}").status_code == 404


def test_register_then_private_link_change_pdf_ics_cancel(
    app: Flask, client: FlaskClient, make_event
) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 12), ("Arbeit", 0, 20)])
    bildung, arbeit = session_ids(app, event_id)
    token = _register(client, event_id, slot_1=str(bildung), q_dietary="vegetarisch")
    page = client.get(f"/r/{token}?lang=en")
    assert page.status_code == 200 and '<svg role="img"' in page.text and "Bildung" in page.text
    changed = client.post(f"/r/{token}", data={"slot_1": str(arbeit)})
    assert changed.status_code == 302
    with app.app_context():
        registration = db.session.scalar(select(Registration))
        assert [s.title for s in registration.sessions] == ["Arbeit"]
    pdf = client.get(f"/r/{token}/ticket.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    ics = client.get(f"/r/{token}/event.ics")
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.data
    assert client.post(f"/r/{token}/cancel", data={}).status_code == 400  # not confirmed
    assert client.post(f"/r/{token}/cancel", data={"confirm": "y"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Registration.status)) == "cancelled"


def test_changed_private_link_is_404(client: FlaskClient, make_event) -> None:
    token = _register(client, make_event())
    assert client.get(f"/r/{token[:-2]}xx").status_code == 404
    assert client.get("/r/garbage").status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"name": "x" * 5000},
        {"email": "nope"},
        {"category": "martians"},
        {"consent": ""},
        {"slot_1": "999999"},
        {"slot_1": "abc"},
        {"q_dietary": "x" * 501},
        {"name": "   "},
        {"email": "a@" + "b" * 300 + ".de"},
    ],
)
def test_bad_input_is_answered_with_400_and_stores_nothing(
    app: Flask, client: FlaskClient, make_event, bad
) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 12)])
    response = client.post(f"/events/{event_id}/register", data={**FORM, **bad})
    assert response.status_code == 400
    assert 'class="error"' in response.text or "error-summary" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_full_session_error_is_shown_at_the_session(
    app: Flask, client: FlaskClient, make_event
) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 1)])
    (bildung,) = session_ids(app, event_id)
    _register(client, event_id, slot_1=str(bildung))
    response = client.post(
        f"/events/{event_id}/register?lang=en",
        data={**FORM, "email": "other@example.org", "slot_1": str(bildung)},
    )
    assert response.status_code == 400
    assert re.search(r'id="slot_1-error">This session is full', response.text)


def test_second_registration_same_email_gets_friendly_page(client: FlaskClient, make_event) -> None:
    event_id = make_event()
    _register(client, event_id)
    response = client.post(f"/events/{event_id}/register", data=FORM)
    location = response.headers["Location"]
    assert location == f"/events/{event_id}/already-registered"  # no private link revealed
    assert "already registered" in client.get(location + "?lang=en").text


def test_invite_only_needs_the_invitation_link(app: Flask, client: FlaskClient, make_event) -> None:
    from app.events import links

    event_id = make_event(is_invite_only=True, kind="election_assembly")
    assert client.get(f"/events/{event_id}/register").status_code == 403
    with app.app_context():
        invitation = Invitation(
            event_id=event_id, name="Mehmet Kaya", email="mehmet@example.org", nonce="abc"
        )
        db.session.add(invitation)
        db.session.commit()
        token = links.invitation_token(invitation)
    form = client.get(f"/events/{event_id}/register?invitation={token}")
    assert form.status_code == 200 and "Mehmet Kaya" in form.text
    response = client.post(
        f"/events/{event_id}/register?invitation={token}",
        data={**FORM, "email": "mehmet@example.org"},
    )
    assert response.status_code == 302
    forged = client.get(f"/events/{event_id}/register?invitation={token}x")
    assert forged.status_code == 403


def test_invitation_page_and_decline(app: Flask, client: FlaskClient, make_event) -> None:
    from app.events import links

    event_id = make_event(is_invite_only=True)
    with app.app_context():
        invitation = Invitation(
            event_id=event_id, name="Leyla Aydın", email="leyla@example.org", nonce="n-leyla"
        )
        db.session.add(invitation)
        db.session.commit()
        token = links.invitation_token(invitation)
    page = client.get(f"/i/{token}")
    assert page.status_code == 200 and "Leyla Aydın" in page.text
    assert client.get(f"/i/{token}x").status_code == 404
    assert client.post(f"/i/{token}/decline").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Invitation.declined_at)) is not None
