"""By-election for seats that stayed vacant, in the same meeting (ELECTION.md R6.2): opened from
the control room, copied configuration and roll, then the normal flow; otherwise the vacancy is
recorded in the results and the protocol."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.auth.models import Role, User
from app.elections import (
    byelection,
    cards,
    casting,
    nominations,
    protocol,
    results,
    rounds,
    services,
)
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.models import Election, NominationSource, RollEntry
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations
from tests.elections.web import pdf_text
from voting import verify_export


def _issue_all(election: Election, minutes: int) -> list[str]:
    tokens = cards.create_cards(election, len(election.roll), actor_id=None, now=at(minutes))
    for org in organisations(election):
        cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(minutes))
        cards.issue_card(election, org)
    return tokens


def _one_seat_vacant(official: User) -> Election:
    """R6.1: two candidates for two seats; one gets more no than yes, the other accepts."""
    election = make_election(organisations=6, candidates=2)
    election.event_id = None
    cards.freeze(election, actor_id=official.id, now=at(0))
    tokens = _issue_all(election, 1)
    rnd = rounds.start_round(election, actor_id=None, now=at(10))
    yes, no = rnd.candidates
    for token in tokens[:4]:
        casting.cast_ballot(token, rnd.number, [], answers=[(yes, "yes"), (no, "no")])
    rounds.close_round(election, actor_id=None, now=at(20))
    rounds.declare(election, yes, True, actor_id=official.id, now=at(21))
    assert lg.state(election).status == "complete"
    return election


def test_by_election_copies_configuration_and_roll_and_is_linked(ctx, create_user):
    official = db.session.get(User, create_user(Role.OFFICIAL))
    election = _one_seat_vacant(official)
    assert byelection.vacancies(election) == 1
    new = byelection.open_by_election(election, actor=official, now=at(30))
    assert (new.seats, new.committee_name, new.event_id) == (1, election.committee_name,
                                                             election.event_id)
    assert (new.finalists, new.votes_round1, new.tie_variant, new.ballot_order) == (
        election.finalists, election.votes_round1, election.tie_variant, election.ballot_order)
    assert new.nomination_opens_at == at(30)
    assert new.nomination_closes_at == at(30) + byelection.NOMINATION_WINDOW
    assert new.nominations_open_at(at(31)) and new.by_election_of_id == election.id
    eligible = {e.organisation_id for e in db.session.scalars(select(RollEntry).where(
        RollEntry.election_id == new.id, RollEntry.is_eligible.is_(True)))}
    assert eligible == {o.id for o in organisations(election)}
    logged = [e.payload for e in lg.ledger(election).entries if e.kind == "by_election"]
    assert logged == [{"election": new.id, "title": new.title, "seats": 1}]
    assert all(c.status != "FAIL" for c in verify_export(results.audit_export(election)))
    with pytest.raises(ElectionError) as excinfo:
        byelection.open_by_election(election, actor=official, now=at(31))
    assert excinfo.value.code == "by_election_exists"


def test_no_by_election_while_seats_are_filled_or_undecided(ctx, create_user):
    official = db.session.get(User, create_user(Role.OFFICIAL))
    election = make_election(organisations=6, candidates=2)
    with pytest.raises(ElectionError) as excinfo:  # not even frozen
        byelection.open_by_election(election, actor=official, now=at(0))
    assert excinfo.value.code == "no_vacancy"
    assert db.session.scalar(select(Election).where(
        Election.by_election_of_id == election.id)) is None


def test_by_election_runs_the_normal_flow(ctx, create_user):
    """Nominations by staff from paper, freeze after the window, cards, the round, the seat."""
    official = db.session.get(User, create_user(Role.OFFICIAL))
    election = _one_seat_vacant(official)
    new = byelection.open_by_election(election, actor=official, now=at(30))
    entries = sorted(new.roll, key=lambda e: e.organisation_id)
    for i, entry in enumerate(entries[2:5]):
        nomination = nominations.nominate(
            entry, nominations.Candidate(f"Vorname{i}", f"Nachwahl{i}", consent_to_stand=True,
                                         consent_to_publish=True),
            actor=official, now=at(35), source=NominationSource.PAPER)
        nominations.decide(nomination, confirm=True, reason="", actor=official, now=at(36))
    closed = new.nomination_closes_at + timedelta(minutes=1)
    services.publish_candidates(new, actor=official, now=closed)
    cards.freeze(new, actor_id=official.id, now=closed)
    tokens = cards.create_cards(new, 6, actor_id=None, now=closed)
    for entry in entries:
        cards.confirm_presence(new, entry.organisation, reason="known", actor_id=None,
                               now=closed)
        cards.issue_card(new, entry.organisation)
    rnd = rounds.start_round(new, actor_id=None, now=closed)
    assert rnd.kind == "runoff" and len(rnd.candidates) == 3  # R1.2: ≤ F candidates
    for token, cid in zip(tokens, [rnd.candidates[0]] * 3 + [rnd.candidates[1]], strict=False):
        casting.cast_ballot(token, rnd.number, [cid])
    rounds.close_round(new, actor_id=None, now=closed + timedelta(minutes=10))
    rounds.declare(new, rnd.candidates[0], True, actor_id=official.id,
                   now=closed + timedelta(minutes=11))
    assert lg.state(new).status == "complete" and byelection.vacancies(new) == 0
    data = protocol.protocol_data(new)
    assert data.by_election_of == election.title and data.seats == 1 and data.vacancy_note == ""


def test_control_room_opens_it_and_protocol_and_results_record_it(app, client, login):
    user_id = login(Role.OFFICIAL)
    with app.app_context():
        official = db.session.get(User, user_id)
        eid = _one_seat_vacant(official).id
        db.session.commit()
    headers = {"Accept-Language": "de"}
    room = client.get(f"/elections/{eid}/control", headers=headers).get_data(as_text=True)
    assert "Nachwahl für die 1 unbesetzten Sitze in dieser Versammlung eröffnen" in room
    text = " ".join(pdf_text(client.get(f"/elections/{eid}/protocol.pdf").data).split())
    assert "eine Nachwahl wurde nicht eröffnet, die Vakanz ist festgestellt (R6.2)" in text
    page = client.get(f"/elections/{eid}/results", headers=headers).get_data(as_text=True)
    assert "1 Sitz(e) bleiben unbesetzt (R6.2)." in page
    refused = client.post(f"/elections/{eid}/by-election", headers=headers,
                          follow_redirects=True).get_data(as_text=True)
    assert "Bestätigen Sie, um die Nachwahl zu eröffnen." in refused
    opened = client.post(f"/elections/{eid}/by-election", data={"confirm": "y"})
    assert opened.status_code == 302
    with app.app_context():
        new = db.session.scalar(select(Election).where(Election.by_election_of_id == eid))
        assert opened.headers["Location"].endswith(f"/elections/{new.id}")
        title = new.title
    text = " ".join(pdf_text(client.get(f"/elections/{eid}/protocol.pdf").data).split())
    assert f"eine Nachwahl „{title}“ für 1 Sitz(e) wurde in derselben Versammlung" in text
    page = client.get(f"/elections/{eid}/results", headers=headers).get_data(as_text=True)
    assert "Für 1 Sitz(e) wurde in derselben Versammlung eine Nachwahl eröffnet:" in page
    room = client.get(f"/elections/{eid}/control", headers=headers).get_data(as_text=True)
    assert "Für die unbesetzten Sitze wurde eine Nachwahl eröffnet:" in room
    again = client.post(f"/elections/{eid}/by-election", data={"confirm": "y"}, headers=headers,
                        follow_redirects=True).get_data(as_text=True)
    assert "bereits eine Nachwahl eröffnet" in again
