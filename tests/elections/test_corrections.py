"""Correcting a keyed-in paper ballot after close (ELECTION.md R9.1): with a reason, in the event
log and the protocol, the results recomputed and the export still verified (R11.2, R11.4)."""

from __future__ import annotations

import json
import re

import pytest

from app.auth.models import Role
from app.elections import corrections, rounds
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.extensions import db
from tests.elections.helpers import at, closed_round_with_paper
from tests.elections.web import check_protocol_against_recount, pdf_text
from voting import build_export, verify_export


def _closed_round(app) -> tuple[int, list[str]]:
    """Round 1: eight device ballots and three paper ones, one of them keyed in wrongly."""
    with app.app_context():
        election, _rnd, _tokens, ids = closed_round_with_paper()  # paper 2 read aloud as ids[0]
        db.session.commit()
        return election.id, ids


def _export(app, eid: int) -> dict:
    with app.app_context():
        election = db.session.get(Election, eid)
        return json.loads(json.dumps(build_export(lg.domain(election), lg.ledger(election))))


def test_official_corrects_a_paper_ballot_with_a_reason(app, client, login):
    login(Role.OFFICIAL)
    eid, ids = _closed_round(app)
    before = _export(app, eid)
    assert before["rounds"][0]["votes"][ids[1]] == 4
    room = client.get(f"/elections/{eid}/control").get_data(as_text=True)
    assert "Correct a paper ballot of round 1 (R9.1)" in room
    with app.app_context():
        rnd = corrections.correctable_round(db.session.get(Election, eid))
        wrong = next(c for c in corrections.paper_contents(rnd) if c.marks == (ids[1],))
    assert f'<option value="{wrong.key}">1× Vorname3 Haddad</option>' in room
    url = f"/elections/{eid}/rounds/1/corrections"
    refused = client.post(url, data={"cor-ballot": wrong.key, "cor-marks": ids[0],
                                     "cor-reason": ""}, follow_redirects=True)
    assert "give the reason for the correction" in refused.get_data(as_text=True)
    assert _export(app, eid)["rounds"][0]["votes"] == before["rounds"][0]["votes"]
    done = client.post(url, data={"cor-ballot": wrong.key, "cor-marks": ids[0],
                                  "cor-reason": "Beim Verlesen vertauscht"},
                       follow_redirects=True)
    assert "The paper ballot is corrected" in done.get_data(as_text=True)
    after = _export(app, eid)
    votes = after["rounds"][0]["votes"]
    assert (votes[ids[0]], votes[ids[1]]) == (5, 3)
    assert after["rounds"][0]["counts"]["cast"] == before["rounds"][0]["counts"]["cast"]
    assert after["rounds"][0]["commitment"] != before["rounds"][0]["commitment"]
    assert all(c.status != "FAIL" for c in verify_export(after)), verify_export(after)
    kinds = [e["kind"] for e in after["event_log"]["entries"]]
    assert kinds[-2:] == ["correction", "round_closed"]
    assert after["event_log"]["entries"][-2]["payload"] == {
        "round": 1, "reason": "Beim Verlesen vertauscht"}
    protocol = pdf_text(client.get(f"/elections/{eid}/protocol.pdf").data)
    check_protocol_against_recount(protocol, after)
    corrected = protocol.split("Berichtigungen", 1)[1]
    assert re.search(r"Beim Verlesen vertauscht\s+\(Vorname3 Haddad → Vorname0 Demir\)",
                     corrected)


def test_correction_is_refused_when_not_allowed(app):
    eid, ids = _closed_round(app)
    with app.app_context():
        election = db.session.get(Election, eid)
        rnd = corrections.correctable_round(election)
        key = next(c.key for c in corrections.paper_contents(rnd) if c.marks == (ids[1],))

        def attempt(**changes: object) -> str:
            args = {"marks": [ids[0]], "invalid_reason": None, "reason": "Fehler", "by": "W",
                    "actor_id": None, "now": at(21), **changes}
            with pytest.raises(ElectionError) as excinfo:
                corrections.correct_paper_ballot(election, args.pop("number", 1),  # type: ignore[arg-type]
                                                 args.pop("key", key), **args)  # type: ignore[arg-type]
            db.session.rollback()
            return excinfo.value.code

        assert attempt(marks=[ids[0], ids[1]]) == "bad_ballot"  # R0.6: k1 = 1
        assert attempt(marks=[ids[1]]) == "no_change"
        assert attempt(key="0" * 16) == "unknown_ballot"
        assert attempt(number=2) == "not_correctable"
        election = db.session.get(Election, eid)
        rounds.start_round(election, actor_id=None, now=at(30))
        assert attempt() == "not_correctable"  # the next round is open
