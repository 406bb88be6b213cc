"""The protocol's figures (ELECTION.md R11.5), read back with pdftotext: the counts agree with the
verifier's recount, successors carry their runoff votes, acceptances their seat type (R8.3), event
and date come from the assembly, and the order-of-names lot and check-in overrides are listed."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from app.auth.models import Role, User
from app.elections import cards, casting, officials, rounds, services
from app.elections import ledger as lg
from app.elections.models import Election
from app.events.models import Event, EventDay
from app.extensions import db
from tests.elections.helpers import NOW, at, make_election, organisations
from tests.elections.web import check_protocol_against_recount, pdf_text
from voting import build_export


def _cast(election: Election, tokens: list[str], by_surname: dict[str, int], minutes: int):
    ids = {c["surname"]: c["id"] for c in lg.frozen(election).candidates}
    rnd = rounds.start_round(election, actor_id=None, now=at(minutes))
    plan = [ids[name] for name, n in by_surname.items() for _ in range(n)]
    for token, choice in zip(tokens, plan, strict=False):
        casting.cast_ballot(token, rnd.number, [choice])
    rounds.close_round(election, actor_id=None, now=at(minutes + 5))
    return ids


def _held_election(official: User) -> tuple[int, dict[str, str]]:
    """Parity, five candidates, a lot order of names, round 1, runoff, a decline, a successor."""
    election = make_election(candidates=5, parity=True, ballot_order="lot",
                             candidates_published_at=None)
    event = Event(title="Wahlversammlung der MSO 2026", venue="Rathaus Linden")
    event.days.append(EventDay(starts_at=NOW, ends_at=NOW + timedelta(hours=5)))
    db.session.add(event)
    db.session.flush()
    election.event_id = event.id
    for nomination in services.confirmed_nominations(election):
        nomination.womens_place = nomination.surname in ("Kowalski", "Nguyen")
    services.record_lot(election, drawn_by="Wahlleiterin Weber", witnesses="A, B",
                        seed="4-4-1", actor=official, now=at(-40))
    services.publish_candidates(election, actor=official, now=at(-30))
    cards.freeze(election, actor_id=official.id, now=at(0))
    officials.set_protocol_info(election, {"returning_officer": "Wahlleiterin Weber",
                                           "assessors": "A. Beisitz", "recorder": "C. Schrift"},
                                actor_id=official.id, now=at(0))
    tokens = cards.create_cards(election, 12, actor_id=official.id, now=at(1))
    for org in organisations(election):
        cards.confirm_presence(election, org, reason="Scanner ausgefallen",
                               actor_id=official.id, now=at(2))
        cards.issue_card(election, org)
    # R8.2: both women take the two reserved finalist places; the open ones go by votes
    _cast(election, tokens, {"Demir": 4, "Haddad": 3, "Kowalski": 2, "Nguyen": 2,
                             "Okafor": 1}, minutes=10)
    # R8.3: women's seat Kowalski, open seat Demir; Haddad is next in the runoff ranking
    ids = _cast(election, tokens, {"Demir": 5, "Haddad": 4, "Kowalski": 2, "Nguyen": 1},
                minutes=30)
    rounds.declare(election, ids["Kowalski"], True, actor_id=official.id, now=at(40))
    rounds.declare(election, ids["Demir"], False, actor_id=official.id, now=at(41))
    rounds.declare(election, ids["Haddad"], True, actor_id=official.id, now=at(42))
    assert lg.state(election).status == "complete"
    return election.id, ids


def test_protocol_figures_match_the_recount(app, client, login, create_user):
    login(Role.OFFICIAL)
    with app.app_context():
        official = db.session.get(User, create_user(Role.OFFICIAL))
        eid, ids = _held_election(official)
        election = db.session.get(Election, eid)
        export = json.loads(json.dumps(build_export(lg.domain(election), lg.ledger(election))))
        db.session.commit()
    response = client.get(f"/elections/{eid}/protocol.pdf", headers={"Accept-Language": "de"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    check_protocol_against_recount(text, export)
    runoff_votes = export["rounds"][1]["votes"][ids["Haddad"]]
    successors = text.split("Nachrückende in der Rangfolge der Stichwahl", 1)[1]
    row = re.search(r"1\s+Vorname3 Haddad\s+Verein 03 e\.V\.\s+(\d+)\s+Vorname0 Demir", successors)
    assert row and int(row.group(1)) == runoff_votes == 4
    acceptances = text.split("Annahme der Wahl", 1)[1].split("Nachrückende", 1)[0]
    assert re.search(r"Vorname4 Kowalski\s+Verein 04 e\.V\.\s+Frauensitz\s+angenommen",
                     acceptances)
    assert re.search(r"Vorname0 Demir\s+Verein 00 e\.V\.\s+offener Sitz\s+abgelehnt", acceptances)
    assert re.search(r"Vorname3 Haddad\s+Verein 03 e\.V\.\s+offener Sitz\s+angenommen",
                     acceptances)
    assert "Wahlversammlung der MSO 2026" in text and "Rathaus Linden" in text
    assert "20.11.2026" in text
    order = text.split("Reihenfolge der Namen auf dem Stimmzettel: Losentscheid", 1)[1]
    frozen_names = [f"{c['given_name']} {c['surname']}" for c in export["candidates"]]
    outcome = order.split("Ergebnis in Ziehungsreihenfolge", 1)[1].split("4-4-1", 1)[0]
    drawn = re.findall(r"\d\.\s+(Vorname\d \w+)", outcome)
    assert drawn == frozen_names and "4-4-1" in order and "sha256-sort-v1" in order
    assert text.count("Scanner ausgefallen") == 12
