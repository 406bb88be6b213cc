"""Changing the delegate after the voting cards were printed (issue 4): allowed and recorded."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import Role
from app.elections.models import Delegate, Election
from app.extensions import db
from tests.conftest import log_in
from tests.elections.helpers import make_election, organisations
from tests.elections.web import confirm, print_cards


def test_delegate_changed_after_cards_were_printed_is_saved_and_in_the_history(
    app, client, create_user
) -> None:
    organiser = create_user(Role.ORGANISER, email="orga@example.org", name="Olga")
    official = create_user(Role.OFFICIAL, email="wahl@example.org", name="Walter")
    with app.app_context():
        election_id = make_election(organisations=4, candidates=2).id
        db.session.commit()
        organisation_id = organisations(db.session.get(Election, election_id))[0].id
    delegates_url = f"/elections/{election_id}/roll/{organisation_id}/delegates"
    log_in(client, organiser)
    first = {"name": "Ayşe Yılmaz", "email": "ayse@verein.example"}
    assert client.post(delegates_url, data=first).status_code == 302
    log_in(client, official)
    confirm(client, f"/elections/{election_id}/freeze")  # ELECTION.md R0.1
    print_cards(client, election_id, 4)  # R10.1: the cards are out
    log_in(client, organiser)
    second = {"name": "Mehmet Öztürk", "email": "mehmet@verein.example"}
    changed = client.post(delegates_url, data=second, follow_redirects=True)
    assert changed.status_code == 200 and "The delegates were saved." in changed.text
    with app.app_context():
        rows = db.session.scalars(
            select(Delegate)
            .where(Delegate.organisation_id == organisation_id, Delegate.is_deputy.is_(False))
            .order_by(Delegate.id)
        ).all()
        assert [(d.name, d.replaced_at is None) for d in rows] == [
            ("Ayşe Yılmaz", False),
            ("Mehmet Öztürk", True),
        ]
        assert rows[0].replaced_by_id == organiser and rows[1].named_by_id == organiser
    history = client.get(f"/organisations/{organisation_id}").text.split(">History<")[1]
    assert "„Ayşe Yılmaz“ → „Mehmet Öztürk“" in history
    assert "„“ → „Ayşe Yılmaz“" in history
