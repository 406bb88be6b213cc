"""Invitations on a public event: registering with the invited e-mail counts, without the link.

Reminders and the statistics follow one rule (invitations.answers): an active registration is
"registered"; declined, or registered and cancelled since, is "declined"; only the rest is
reminded.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import utcnow
from app.events import categories, invitations, links, services
from app.events.models import Event, Invitation
from app.extensions import db
from app.mail.models import OutboxMessage
from tests.events.conftest import NOW, person

PEOPLE = ["ayse", "mehmet", "olena", "karim", "eda"]


def _invite_all(app: Flask, event_id: int) -> dict[str, str]:
    """Five invited residents, invitations sent; returns each one's link token."""
    with app.app_context():
        resident = categories.by_code("resident")
        for name in PEOPLE:
            db.session.add(
                Invitation(
                    event_id=event_id,
                    name=name.title(),
                    email=f"{name}@example.org",
                    category_id=resident.id,
                    nonce=f"nonce-{name}",
                    sent_at=NOW,
                )
            )
        db.session.commit()
        rows = db.session.scalars(select(Invitation)).all()
        return {i.email.split("@")[0]: links.invitation_token(i) for i in rows}


def test_same_email_without_link_counts_and_cancelled_agree(
    app: Flask, client: FlaskClient, login, make_event
) -> None:
    event_id = make_event()  # public
    tokens = _invite_all(app, event_id)
    form = {"category": "resident", "consent": "y"}
    # Ayşe registers through the public form, without her link, with the invited address
    assert (
        client.post(
            f"/events/{event_id}/register",
            data={**form, "name": "Ayşe", "email": "AYSE@example.org"},
        ).status_code
        == 302
    )
    # Mehmet registers through his link, Olena through hers and then cancels; Karim declines
    for name in ("mehmet", "olena"):
        response = client.post(
            f"/events/{event_id}/register?invitation={tokens[name]}",
            data={**form, "name": name.title(), "email": f"{name}@example.org"},
        )
        assert response.status_code == 302
    with app.app_context():
        event = db.session.get(Event, event_id)
        olena = services.find_active(event_id, "olena@example.org")
        services.cancel(olena, now=utcnow())
        karim = db.session.scalar(select(Invitation).where(Invitation.email == "karim@example.org"))
        karim.declined_at = utcnow()
        db.session.commit()
        emails = dict(db.session.execute(select(Invitation.id, Invitation.email)).all())
        answered = {emails[i]: answer for i, answer in invitations.answers(event).items()}
    assert answered == {
        "ayse@example.org": "registered",
        "mehmet@example.org": "registered",
        "olena@example.org": "declined",
        "karim@example.org": "declined",
    }
    login(Role.ORGANISER)
    client.post(f"/staff/events/{event_id}/invitations/remind", data={})
    with app.app_context():
        reminded = db.session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == "reminder")
        ).all()
    assert reminded == ["eda@example.org"]  # only who has not answered at all
    page = client.get(f"/staff/events/{event_id}/invitations?lang=en")
    assert "<td>5</td><td>2</td><td>2</td>" in page.text


def test_registering_again_after_cancelling_counts_as_registered(app: Flask, make_event) -> None:
    event_id = make_event()
    _invite_all(app, event_id)
    with app.app_context():
        event = db.session.get(Event, event_id)
        first = services.register(event, person(1, email="eda@example.org"), now=NOW)
        services.cancel(first.registration, now=NOW)
        services.register(event, person(1, email="eda@example.org"), now=NOW)
        db.session.commit()
        counts = invitations.counts_by_category(event)
        assert [(r["invited"], r["registered"], r["declined"]) for r in counts] == [(5, 1, 0)]
