"""The desk (R0.3, R10.2), paper counting with undo (R10.8), rate limiting of token guessing,
and the CLI export and verify (R11.4)."""

from __future__ import annotations

import json

from app.auth.models import Role
from app.elections import cards, rounds
from app.elections import ledger as lg
from app.elections.export_json import export_text
from app.elections.models import Election
from app.elections.voting_models import Ballot, CardReceipt
from app.extensions import db
from tests.conftest import make_config
from tests.elections.helpers import at, make_election, organisations


def _frozen(app, n_orgs=5, candidates=4, issue=True, open_=True):
    with app.app_context():
        election = make_election(organisations=n_orgs, candidates=candidates)
        cards.freeze(election, actor_id=None, now=at(0))
        tokens = cards.create_cards(election, n_orgs, actor_id=None, now=at(1))
        if issue:
            for org in organisations(election):
                cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
                cards.issue_card(election, org)
        if open_:
            rounds.start_round(election, actor_id=None, now=at(3))
        db.session.commit()
        return election.id, tokens, [c["id"] for c in lg.frozen(election).candidates]


def test_desk_shows_why_and_records_without_card_id(app, client, login):
    """R0.3: eligible, delegate present, no card yet; R10.5: register sorted, no time."""
    login(Role.OFFICIAL)
    eid, _tokens, _ids = _frozen(app, issue=False, open_=False)
    with app.app_context():
        org = organisations(db.session.get(Election, eid))[2]
        org_id, name = org.id, org.name
    page = client.get(f"/elections/{eid}/desk?q=Verein 02", headers={"Accept-Language": "en"})
    assert "delegate not checked in" in page.get_data(as_text=True)
    assert client.post(f"/elections/{eid}/desk/{org_id}/card").status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CardReceipt)) == 0
    # R0.3: the "delegate present" override needs a reason, else nothing is recorded
    refused = client.post(f"/elections/{eid}/desk/{org_id}/present", follow_redirects=True)
    assert "A reason is required." in refused.get_data(as_text=True)
    client.post(f"/elections/{eid}/desk/{org_id}/card")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CardReceipt)) == 0
    client.post(f"/elections/{eid}/desk/{org_id}/present", data={"reason": "no ticket"})
    client.post(f"/elections/{eid}/desk/{org_id}/card")
    client.post(f"/elections/{eid}/desk/{org_id}/card")  # a second click: still one
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(CardReceipt)) == 1
        assert cards.register(db.session.get(Election, eid)) == [name]


def test_lost_card_needs_a_recorded_decision(app, client, login):
    """R10.3."""
    login(Role.OFFICIAL)
    eid, _tokens, _ids = _frozen(app, open_=False)
    with app.app_context():
        org_id = organisations(db.session.get(Election, eid))[0].id
    client.post(f"/elections/{eid}/desk/{org_id}/replace", data={"reason": ""})
    client.post(f"/elections/{eid}/desk/{org_id}/replace",
                data={"reason": "Karte verloren, Beschluss der Wahlleitung"})
    with app.app_context():
        receipt = db.session.scalar(db.select(CardReceipt).where(
            CardReceipt.organisation_id == org_id))
        assert receipt.replacements == 1


def test_paper_ballots_with_running_tally_and_undo(app, client, login):
    """R10.8, R5.2: keyed in one by one, invalid with reason, doubtful numbered, undo."""
    login(Role.OFFICIAL)
    eid, _tokens, ids = _frozen(app)
    url = f"/elections/{eid}/rounds/1/count"
    assert client.get(f"/elections/{eid}/rounds/1/ballot-papers.pdf").mimetype == (
        "application/pdf")
    client.post(url, data={"marks": [ids[0]]})
    client.post(url, data={"marks": [ids[0]]})
    client.post(url, data={"marks": []})  # blank paper: a valid abstention
    client.post(url, data={"invalid_reason": "unclear_will", "doubtful_no": 1,
                           "doubtful_reason": "Kreuz zwischen zwei Namen"})
    client.post(url, data={"marks": [ids[0], ids[1]]})  # more than k = 1: refused
    client.post(url, data={"marks": [ids[1]]})
    client.post(f"{url}/undo")  # takes back the ids[1] ballot
    with app.app_context():
        rows = db.session.scalars(db.select(Ballot)).all()
        assert sorted((b.status, tuple(b.marks)) for b in rows) == [
            ("abstention", ()), ("invalid", ()), ("valid", (ids[0],)), ("valid", (ids[0],))]
        assert {b.source for b in rows} == {"paper"}
    page = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Paper ballots: 4" in page


def test_cli_export_then_verify(app, runner, tmp_path):
    eid, tokens, ids = _frozen(app)
    for token, choice in zip(tokens[:4], [ids[0], ids[0], ids[1], ids[0]], strict=True):
        from app.elections import casting

        with app.app_context():
            casting.cast_ballot(token, 1, [choice])
            db.session.commit()
    with app.app_context():
        rounds.close_round(db.session.get(Election, eid), actor_id=None, now=at(9))
        db.session.commit()
    path = tmp_path / "export.json"
    assert runner.invoke(args=["election", "export", str(eid), str(path)]).exit_code == 0
    data = json.loads(path.read_text())
    assert data["event_log"]["entries"][-1]["kind"] == "export"
    assert path.read_text(encoding="utf-8") == export_text(data)
    verified = runner.invoke(args=["election", "verify", str(path)])
    assert verified.exit_code == 0 and "FAIL" not in verified.output
    data["rounds"][0]["votes"][ids[0]] += 1  # tamper
    path.write_text(json.dumps(data))
    assert runner.invoke(args=["election", "verify", str(path)]).exit_code == 1


def test_token_guessing_is_rate_limited(database_url, tmp_path):
    """Guessing card codes: 10 tries a minute per address, then 429."""
    from app import create_app

    limited = create_app(make_config(database_url, tmp_path, RATELIMIT_ENABLED=True))
    client = limited.test_client()
    answers = [client.post("/vote/", data={"token": f"GUESS{i:011d}"}).status_code
               for i in range(11)]
    assert answers[:10] == [409] * 10 and answers[10] == 429
    api = [client.post("/api/v1/ballots", json={"token": f"G{i}", "choices": [], "round": 1})
           .status_code for i in range(11)]
    assert api[10] == 429


def test_ballot_papers_print_before_the_round_opens(app, client, login):
    """R10.8: papers for the due round, with the fingerprint; no papers for rounds not due."""
    from tests.elections.web import pdf_text

    login(Role.OFFICIAL)
    eid, _tokens, _ids = _frozen(app, open_=False)
    response = client.get(f"/elections/{eid}/rounds/1/ballot-papers.pdf")
    assert response.mimetype == "application/pdf"
    with app.app_context():
        fingerprint = db.session.get(Election, eid).fingerprint
    assert fingerprint[:4] in pdf_text(response.data).replace(" ", "")
    assert client.get(f"/elections/{eid}/rounds/2/ballot-papers.pdf").status_code == 302
