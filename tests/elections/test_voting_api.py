"""The election API (ELECTION.md R10.3, R0.5, R11.4): same service as the page, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from app.elections import cards, rounds
from app.elections import ledger as lg
from app.elections.models import Election
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations


def _open(app, n_orgs=5, candidates=4):
    with app.app_context():
        election = make_election(organisations=n_orgs, candidates=candidates)
        cards.freeze(election, actor_id=None, now=at(0))
        tokens = cards.create_cards(election, n_orgs, actor_id=None, now=at(1))
        for org in organisations(election):
            cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
            cards.issue_card(election, org)
        rounds.start_round(election, actor_id=None, now=at(3))
        ids = [c["id"] for c in lg.frozen(election).candidates]
        db.session.commit()
        return election.id, tokens, ids


def test_cast_through_the_api_and_read_results_after_close(app, client):
    eid, tokens, ids = _open(app)
    first = client.post("/api/v1/ballots", json={"token": tokens[0], "choices": [ids[0]],
                                                 "round": 1})
    assert first.status_code == 201 and len(first.get_json()["tracking_code"]) == 14
    again = client.post("/api/v1/ballots", json={"token": tokens[0], "choices": [], "round": 1})
    assert again.status_code == 409 and again.get_json() == {"status": "error",
                                                             "reason": "token_used"}
    status = client.get(f"/api/v1/elections/{eid}").get_json()
    assert status["rounds"] == [{"number": 1, "kind": "runoff", "status": "open",
                                 "cards_issued": 5, "cast": 1}]
    assert client.get(f"/api/v1/elections/{eid}/rounds/1/results").status_code == 404  # R10.6
    for token in tokens[1:4]:
        assert client.post("/api/v1/ballots", json={"token": token, "choices": [ids[1]],
                                                    "round": 1}).status_code == 201
    with app.app_context():
        rounds.close_round(db.session.get(Election, eid), actor_id=None, now=at(9))
        db.session.commit()
    result = client.get(f"/api/v1/elections/{eid}/rounds/1/results").get_json()
    assert result["cast"] == 4
    assert [(r["candidate_id"], r["votes"]) for r in result["ranking"]][:2] == [(ids[1], 3),
                                                                                 (ids[0], 1)]
    assert client.get(f"/api/v1/elections/{eid}/audit").get_json()["format"] == (
        "teilhabe-election-audit")
    late = client.post("/api/v1/ballots", json={"token": tokens[4], "choices": [], "round": 1})
    assert late.status_code == 409 and late.get_json()["reason"] == "no_open_round"


def test_results_below_the_secrecy_minimum_are_not_shown(app, client):
    """R0.5: fewer than 3 ballots, no results (page, API); the round is void, and the export
    lists it without ballots (tests/elections/test_void_round_and_paper_tally.py)."""
    eid, tokens, ids = _open(app)
    for token in tokens[:2]:
        client.post("/api/v1/ballots", json={"token": token, "choices": [ids[0]], "round": 1})
    with app.app_context():
        rounds.close_round(db.session.get(Election, eid), actor_id=None, now=at(9))
        db.session.commit()
    assert client.get(f"/api/v1/elections/{eid}/rounds/1/results").get_json()["reason"] == (
        "secrecy")
    audit = client.get(f"/api/v1/elections/{eid}/audit")
    assert audit.status_code == 200 and audit.get_json()["rounds"] == []
    assert audit.get_json()["voided_rounds"] == [{"number": 1, "cast": 2}]
    page = client.get(f"/elections/{eid}/results", headers={"Accept-Language": "en"})
    assert "Fewer than 3 ballots" in page.get_data(as_text=True)


@pytest.mark.parametrize("body", [
    None, [], "x", {"token": 5}, {"token": "A" * 16, "choices": "x", "round": 1},
    {"token": "A" * 16, "choices": [1], "round": 1}, {"token": "", "choices": [], "round": 1},
    {"token": "A" * 16, "choices": [], "round": "1"}, {"token": "A" * 16, "choices": [],
                                                       "round": 10**30},
    {"token": "\x00" * 10, "choices": ["\x00"], "round": 1},
])
def test_bad_ballot_bodies_never_500(app, client, body: Any):
    _open(app)
    response = client.post("/api/v1/ballots", json=body)
    assert 400 <= response.status_code < 500


def test_duplicate_and_foreign_choices_are_refused(app, client):
    _eid, tokens, ids = _open(app)
    for choices in ([ids[0], ids[0]], ["999999"], [ids[0], ids[1]]):
        response = client.post("/api/v1/ballots", json={"token": tokens[0], "choices": choices,
                                                        "round": 1})
        assert response.status_code == 422 and response.get_json()["reason"] == "bad_ballot"
    assert client.post("/api/v1/ballots", json={"token": tokens[0], "choices": [ids[0]],
                                                "round": 1}).status_code == 201
