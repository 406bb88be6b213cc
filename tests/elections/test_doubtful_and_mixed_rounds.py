"""Doubtful paper ballots with the officials' reason (ELECTION.md R5.2) and rounds that mix
devices and paper (R10.8), read back from the protocol with pdftotext."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.auth.models import Role
from app.elections import casting, rounds
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.elections.voting_models import Ballot
from app.extensions import db
from tests.elections.helpers import at, with_cards
from tests.elections.web import pdf_text
from voting import build_export, verify_export


def _ballots() -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot)) or 0


def _names(election: Election) -> dict[str, str]:
    return {c["id"]: f"{c['given_name']} {c['surname']}" for c in lg.frozen(election).candidates}


def _protocol(client, eid: int) -> str:
    response = client.get(f"/elections/{eid}/protocol.pdf")
    assert response.status_code == 200
    return " ".join(pdf_text(response.data).split())


@pytest.mark.parametrize(("number", "reason", "code"), [
    (1, "", "doubtful_reason_required"),
    (1, "   ", "doubtful_reason_required"),
    (None, "Kreuz auf der Linie", "doubtful_no_required"),
    (1, "x" * 501, "doubtful_reason_too_long"),
])
def test_doubtful_ballot_needs_number_and_reason(ctx, number, reason, code):
    """R5.2: a doubtful ballot is numbered and carries the reason; otherwise nothing is stored."""
    election, _tokens = with_cards(6, 4)
    rnd = rounds.start_round(election, actor_id=None, now=at(10))
    with pytest.raises(ElectionError) as excinfo:
        casting.enter_paper_ballot(election, rnd, marks=[rnd.candidates[0]],
                                   doubtful_no=number, doubtful_reason=reason)
    assert excinfo.value.code == code
    assert _ballots() == 0


def test_doubtful_number_is_unique_per_round(ctx):
    election, _tokens = with_cards(6, 4)
    rnd = rounds.start_round(election, actor_id=None, now=at(10))
    casting.enter_paper_ballot(election, rnd, reason="unclear_will", doubtful_no=1,
                               doubtful_reason="Kreuz zwischen zwei Namen")
    with pytest.raises(ElectionError) as excinfo:
        casting.enter_paper_ballot(election, rnd, marks=[rnd.candidates[0]], doubtful_no=1,
                                   doubtful_reason="Anderer Fall")
    assert excinfo.value.code == "doubtful_no_taken"
    assert _ballots() == 1


def test_counting_screen_refuses_doubtful_without_reason(app, client, login):
    """The counting screen says why, in the official's language, and stores nothing."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, _tokens = with_cards(6, 4)
        rounds.start_round(election, actor_id=None, now=at(10))
        db.session.commit()
        eid = election.id
    url = f"/elections/{eid}/rounds/1/count"
    page = client.post(url, data={"invalid_reason": "unclear_will", "doubtful_no": 3},
                       headers={"Accept-Language": "de"}, follow_redirects=True)
    assert "Begründung der Wahlleitung für den Zweifelsfall" in page.get_data(as_text=True)
    client.post(url, data={"invalid_reason": "unclear_will", "doubtful_no": 3,
                           "doubtful_reason": "Kreuz zwischen zwei Namen"})
    with app.app_context():
        rows = db.session.scalars(select(Ballot)).all()
        assert [(b.doubtful_no, b.doubtful_reason) for b in rows] == [
            (3, "Kreuz zwischen zwei Namen")]


def test_protocol_lists_each_doubtful_ballot_with_decision_and_reason(app, client, login):
    """R5.2: number, ruling (valid / abstention / invalid) and reason of every doubtful ballot
    on the protocol; the export and the verifier are unchanged by the reasons (R11.4)."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = with_cards(6, 4)
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        first, second = rnd.candidates[0], rnd.candidates[1]
        for token in tokens[:3]:
            casting.cast_ballot(token, rnd.number, [first])
        casting.enter_paper_ballot(election, rnd, marks=[second], doubtful_no=2,
                                   doubtful_reason="Kreuz leicht über dem Kreis")
        casting.enter_paper_ballot(election, rnd, reason="unclear_will", doubtful_no=1,
                                   doubtful_reason="Zwei Namen angekreuzt und einer gestrichen")
        casting.enter_paper_ballot(election, rnd, doubtful_no=3,
                                   doubtful_reason="Nur ein Fragezeichen")
        rounds.close_round(election, actor_id=None, now=at(20))
        export = json.loads(json.dumps(build_export(lg.domain(election), lg.ledger(election))))
        names = _names(election)
        db.session.commit()
        eid = election.id
    assert all(c.status != "FAIL" for c in verify_export(export)), verify_export(export)
    assert "doubtful_reason" not in json.dumps(export)
    text = _protocol(client, eid)
    assert "Von der Wahlleitung entschiedene Zweifelsfälle" in text
    one = text.index("Nr. 1: für ungültig erklärt (unclear_will). Begründung: Zwei Namen "
                     "angekreuzt und einer gestrichen")
    two = text.index(f"Nr. 2: für gültig erklärt: {names[second]}. Begründung: Kreuz leicht "
                     "über dem Kreis")
    three = text.index("Nr. 3: für gültig erklärt, Enthaltung. Begründung: Nur ein Fragezeichen")
    assert one < two < three


def test_mixed_round_reconciles_devices_and_paper(app, client, login):
    """R10.8: per round the protocol reconciles cards issued, device ballots, paper ballots
    and their total, and flags a round with more ballots than cards issued."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = with_cards(6, 4, issue=4)
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        first = rnd.candidates[0]
        for token in tokens[:3]:
            casting.cast_ballot(token, rnd.number, [first])
        casting.enter_paper_ballot(election, rnd, marks=[first])
        casting.enter_paper_ballot(election, rnd, marks=[first])  # keyed in twice: 5 > 4
        rounds.close_round(election, actor_id=None, now=at(20))
        db.session.commit()
        eid = election.id
    text = _protocol(client, eid)
    assert "davon elektronisch 3" in text and "davon auf Papier 2" in text
    assert "Abgegebene Stimmzettel: 3 elektronisch + 2 auf Papier = 5 (R10.8)" in text
    assert "ausgegebene Stimmkarten: 5 ≤ 4, NICHT ERFÜLLT" in text
    assert "Differenz: 1 Stimmzettel mehr als Stimmkarten." in text
    assert "mehr Stimmzettel abgegeben als Stimmkarten ausgegeben (3 elektronisch, 2 auf " \
           "Papier)" in text
    assert "Veröffentlichte Prüfcodes: 3 (elektronische Stimmzettel: 3)" in text
    assert "Prüfcodes und elektronische Stimmzettel stimmen nicht überein" not in text


def test_mixed_round_within_the_cards_is_fulfilled(app, client, login):
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = with_cards(6, 4)
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        for token in tokens[:2]:
            casting.cast_ballot(token, rnd.number, [rnd.candidates[1]])
        casting.enter_paper_ballot(election, rnd, marks=[rnd.candidates[0]])
        casting.enter_paper_ballot(election, rnd, reason="too_many_marks")
        rounds.close_round(election, actor_id=None, now=at(20))
        db.session.commit()
        eid = election.id
    text = _protocol(client, eid)
    assert "Abgegebene Stimmzettel: 2 elektronisch + 2 auf Papier = 4 (R10.8)" in text
    assert "ausgegebene Stimmkarten: 4 ≤ 6, erfüllt" in text
    assert "NICHT ERFÜLLT" not in text
