"""One alphabetical order everywhere (ELECTION.md R1.1): the published list, the frozen list,
the ballot, the ballot papers and the verifier sort surnames the German way (DIN 5007-1)."""

from __future__ import annotations

import json

from app.auth.models import Role
from app.elections import cards, casting, results, rounds, services
from app.elections import ledger as lg
from app.extensions import db
from app.organisations.names import german_sort_key
from tests.elections.helpers import at, make_election, organisations
from tests.elections.web import pdf_text
from voting import verify_export
from voting.collation import din_5007_key

SURNAMES = ["Zander", "Özdemir", "Çelik", "حداد", "Şahin", "Oberg", "Ünal"]
GERMAN = ["Çelik", "Oberg", "Özdemir", "Şahin", "Ünal", "Zander", "حداد"]


def test_app_and_voting_fold_names_alike():
    """The organisations' key and the election's key agree, so list and ballot cannot drift."""
    names = SURNAMES + ["Weiß", "Weiss", "İnce", "Yıldız", "Ærø", "Łukasz", "Đorđe", "Müller"]
    for name in names:
        assert german_sort_key(name, "Ali") == din_5007_key(name, "Ali"), name


def _election():
    election = make_election(organisations=10, candidates=len(SURNAMES))
    for nomination, surname in zip(services.confirmed_nominations(election), SURNAMES,
                                   strict=True):
        nomination.surname = surname
    db.session.flush()
    cards.freeze(election, actor_id=None, now=at(0))
    tokens = cards.create_cards(election, 10, actor_id=None, now=at(1))
    for org in organisations(election):
        cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
        cards.issue_card(election, org)
    return election, tokens


def test_published_frozen_and_ballot_order_agree(app, client, login):
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = _election()
        published = [n.surname for n in services.candidate_order(election)]
        frozen = lg.frozen(election).candidates
        surname = {c["id"]: c["surname"] for c in frozen}
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        ballot = [surname[c] for c in rnd.candidates]
        plan = [c for c, n in zip(rnd.candidates, (4, 3, 2, 1), strict=False) for _ in range(n)]
        for token, cid in zip(tokens, plan, strict=True):
            casting.cast_ballot(token, rnd.number, [cid])
        rounds.close_round(election, actor_id=None, now=at(20))
        export = json.loads(json.dumps(results.audit_export(election)))
        db.session.commit()
        eid = election.id
    assert published == GERMAN
    assert [c["surname"] for c in frozen] == GERMAN
    assert ballot == GERMAN
    text = pdf_text(client.get(f"/elections/{eid}/rounds/1/ballot-papers.pdf").data)
    positions = [text.index(name) for name in GERMAN[:-1]]  # Arabic is shaped in the PDF
    assert positions == sorted(positions)
    assert [c.status for c in verify_export(export) if c.status == "FAIL"] == []
    by_id = {c["id"]: c["surname"] for c in export["candidates"]}
    export["rounds"][0]["candidates"].sort(key=lambda cid: by_id[cid].casefold())
    failed = [c.name for c in verify_export(export) if c.status == "FAIL"]
    assert "round 1 advancement and seats (R1–R3, R6, R8)" in failed
