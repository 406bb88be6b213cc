"""The full election in the web client: freeze → cards → desk → round 1 with a tie and a lot →
withdrawal → runoff → acceptance → protocol PDF → audit export verified by python -m voting."""

from __future__ import annotations

import json
import subprocess
import sys

from app.auth.models import Role
from app.elections import ledger as lg
from app.elections.models import Election
from app.extensions import db
from tests.elections.helpers import make_election, organisations
from tests.elections.web import (
    check_protocol_against_recount,
    confirm,
    pdf_text,
    print_cards,
    vote,
)


def _setup(app):
    with app.app_context():
        election = make_election(organisations=12, candidates=6)
        db.session.commit()
        return election.id


def _ids(app, election_id):
    with app.app_context():
        return [c["id"] for c in lg.frozen(db.session.get(Election, election_id)).candidates]


def test_full_election_in_the_browser_client(app, client, login, tmp_path):
    login(Role.OFFICIAL)
    eid = _setup(app)
    base = f"/elections/{eid}"
    confirm(client, f"{base}/freeze")  # ELECTION.md R0.1
    assert client.post(f"{base}/protocol-info", data={
        "place": "Rathaus, Saal 1", "returning_officer": "Walter Wahlleiter",
        "assessors": "A. Beisitz, B. Beisitz", "recorder": "C. Schrift"}).status_code == 302
    tokens = print_cards(client, eid, 12)  # R10.1
    with app.app_context():
        orgs = [o.id for o in organisations(db.session.get(Election, eid))]
    for org in orgs:  # R10.2 the desk
        present = client.post(f"{base}/desk/{org}/present", data={"reason": "no ticket"})
        assert present.status_code == 302
        assert client.post(f"{base}/desk/{org}/card").status_code == 302
    desk = client.get(f"{base}/desk").get_data(as_text=True)
    assert "12 organisations" in desk
    ids = _ids(app, eid)
    confirm(client, f"{base}/rounds/open")
    assert "0 of 12 cards used" in client.get(f"{base}/live").get_data(as_text=True)
    # R1.5: candidates 4 and 5 tie with one vote each across the cut-off
    plan = [ids[0]] * 4 + [ids[1]] * 3 + [ids[2]] * 2 + [ids[3], ids[4], None]
    codes = [vote(app, t, c) for t, c in zip(tokens, plan, strict=True)]
    assert "12 of 12 cards used" in client.get(f"{base}/live").get_data(as_text=True)
    assert client.get(f"{base}/results").get_data(as_text=True).count("round-1") == 0  # R10.6
    confirm(client, f"{base}/rounds/close")
    room = client.get(f"{base}/control").get_data(as_text=True)
    assert "Draw the lot" in room
    assert client.post(f"{base}/lots", data={
        "lot-method": "digital", "lot-drawn_by": "Walter Wahlleiter",
        "lot-witnesses": "A, B", "lot-seed": "3-5-1-6"}).status_code == 302
    with app.app_context():
        finalists = [p.candidate_id for p in
                     lg.state(db.session.get(Election, eid)).rounds[0].places]
    assert client.post(f"{base}/withdrawals", data={
        "wd-candidate": finalists[-1], "wd-note": "persönliche Gründe"}).status_code == 302
    confirm(client, f"{base}/rounds/open")
    plan2 = [ids[0]] * 6 + [ids[1]] * 4 + [ids[2]] + [None]
    codes += [vote(app, t, c) for t, c in zip(tokens, plan2, strict=True)]
    confirm(client, f"{base}/rounds/close")
    for cid in (ids[0], ids[1]):  # R7
        assert client.post(f"{base}/acceptances", data={
            "acc-candidate": cid, "acc-decision": "accept"}).status_code == 302
    assert "The election is complete." in client.get(f"{base}/control").get_data(as_text=True)
    results = client.get(f"{base}/results").get_data(as_text=True)
    assert codes[0] in results and codes[-1] in results
    found = client.get("/elections/tracking", query_string={"code": codes[3]})
    assert "is in the published list" in found.get_data(as_text=True)
    assert client.get(f"{base}/rounds/1/results.csv").status_code == 200
    # R11.5: the protocol's numbers agree with the verifier's recount
    protocol = pdf_text(client.get(f"{base}/protocol.pdf").data)
    export = client.get(f"/api/v1/elections/{eid}/audit").get_json()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, ensure_ascii=False))
    run = subprocess.run([sys.executable, "-m", "voting", "verify", str(path)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    check_protocol_against_recount(protocol, export)
    assert "Walter Wahlleiter" in protocol and "Rathaus, Saal 1" in protocol

