"""A lost voting card is replaced only between rounds, by a recorded decision of the officials,
and nothing dated names the organisation (ELECTION.md R0.2, R0.3, R10.3, R10.5)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.elections import cards, casting, rounds
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.voting_models import CardReceipt, Remark
from app.extensions import db
from tests.elections.helpers import at, organisations, with_cards
from tests.elections.web import pdf_text


def _receipt(election, org) -> CardReceipt:
    return db.session.scalar(select(CardReceipt).where(
        CardReceipt.election_id == election.id, CardReceipt.organisation_id == org.id))


def test_no_replacement_while_a_round_is_open(ctx):
    """R0.3/R0.2: a card handed out now could not vote in this round, and the lost one may
    already have voted; the officials are told to wait for the close."""
    election, _tokens = with_cards(6, 4)
    org = organisations(election)[0]
    rounds.start_round(election, actor_id=None, now=at(10))
    with pytest.raises(ElectionError) as excinfo:
        cards.replace_lost_card(election, org, "Karte verloren", by="W. Leiter", actor_id=None,
                                now=at(11))
    assert excinfo.value.code == "replace_round_open"
    assert _receipt(election, org).replacements == 0
    assert db.session.scalars(select(Remark)).all() == []
    assert [e for e in lg.ledger(election).entries if e.kind == "card_replaced"] == []


def test_replacement_between_rounds_names_no_organisation_with_a_time(app, client, login):
    """R10.5: the dated remark and log entry say "before round 2"; which organisation is only
    in its undated register row, and the protocol lists it without a time."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = with_cards(6, 6)
        org = organisations(election)[0]
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        for token, cid in zip(tokens, rnd.candidates[:1] * 3 + rnd.candidates[1:4], strict=True):
            casting.cast_ballot(token, rnd.number, [cid])
        rounds.close_round(election, actor_id=None, now=at(20))
        cards.replace_lost_card(election, org, "Karte in der Halle verloren", by="W. Leiter",
                                actor_id=None, now=at(21))
        remark = db.session.scalar(select(Remark))
        assert remark.round_number == 2 and org.name not in remark.text
        logged = [e.payload for e in lg.ledger(election).entries if e.kind == "card_replaced"]
        assert logged == [{"before_round": 2, "reason": "Karte in der Halle verloren"}]
        assert _receipt(election, org).replacements == 1
        db.session.commit()
        eid, name = election.id, org.name
    text = " ".join(pdf_text(client.get(f"/elections/{eid}/protocol.pdf").data).split())
    assert ("Eine verlorene Stimmkarte wurde vor Wahlgang 2 ersetzt: Karte in der Halle "
            "verloren") in text
    assert f"{name}: 1 Ersatzkarte(n)" in text


def test_desk_refuses_a_replacement_during_the_round_with_a_message(app, client, login):
    login(Role.OFFICIAL)
    with app.app_context():
        election, _tokens = with_cards(6, 4)
        rounds.start_round(election, actor_id=None, now=at(10))
        db.session.commit()
        eid, org_id = election.id, organisations(election)[0].id
    page = client.post(f"/elections/{eid}/desk/{org_id}/replace",
                       data={"reason": "Karte verloren"}, headers={"Accept-Language": "de"},
                       follow_redirects=True).get_data(as_text=True)
    assert "nur zwischen den Wahlgängen ersetzt werden" in page
    with app.app_context():
        assert db.session.scalar(select(CardReceipt.replacements).where(
            CardReceipt.organisation_id == org_id)) == 0
