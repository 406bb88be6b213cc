"""ELECTION.md R6.1: with candidates ≤ seats, one round with yes / no / abstain per candidate."""

from __future__ import annotations

import re

from app.elections import cards, rounds
from app.elections import ledger as lg
from app.elections.models import Election
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations
from voting import verify_export


def test_yes_no_round_on_the_page_and_through_the_api(app, client):
    with app.app_context():
        election = make_election(organisations=5, candidates=2)
        cards.freeze(election, actor_id=None, now=at(0))
        tokens = cards.create_cards(election, 5, actor_id=None, now=at(1))
        for org in organisations(election):
            cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
            cards.issue_card(election, org)
        rnd = rounds.start_round(election, actor_id=None, now=at(3))
        assert rnd.kind == "yes_no"
        ids = [c["id"] for c in lg.frozen(election).candidates]
        eid = election.id
        db.session.commit()
    voter = app.test_client()
    voter.get(f"/vote/c/{tokens[0]}")
    page = voter.get("/vote/ballot").get_data(as_text=True)
    assert f'name="answer-{ids[0]}"' in page
    confirm = voter.post("/vote/ballot", data={f"answer-{ids[0]}": "yes",
                                               f"answer-{ids[1]}": "no"}).get_data(as_text=True)
    assert re.search(rf'name="answer-{ids[1]}" value="no"', confirm)
    assert voter.post("/vote/cast", data={"round": 1, f"answer-{ids[0]}": "yes",
                                          f"answer-{ids[1]}": "no"}).status_code == 302
    for token, answers in zip(tokens[1:4], [{ids[0]: "yes"}, {ids[0]: "yes", ids[1]: "yes"},
                                            {}], strict=True):
        response = client.post("/api/v1/ballots", json={"token": token, "choices": [],
                                                        "answers": answers, "round": 1})
        assert response.status_code == 201
    bad = client.post("/api/v1/ballots", json={"token": tokens[4], "choices": [],
                                               "answers": {ids[0]: "maybe"}, "round": 1})
    assert bad.status_code == 422
    with app.app_context():
        election = db.session.get(Election, eid)
        rounds.close_round(election, actor_id=None, now=at(9))
        result = lg.state(election)
        assert [p.candidate_id for p in result.rounds[0].places if p.candidate_id] == [ids[0]]
        from app.elections.results import audit_export

        assert all(c.status != "FAIL" for c in verify_export(audit_export(election)))
