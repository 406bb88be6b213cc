"""The public results page and CSV (ELECTION.md R11.3): counts next to the chart, invalid ballots
by reason, withdrawals and the lot order by name, consistent with the audit export."""

from __future__ import annotations

import csv
import io
import json

from app.elections import casting, rounds
from app.elections import ledger as lg
from app.elections.models import Election
from app.extensions import db
from tests.elections.helpers import at, with_cards
from voting import build_export


def _held(app) -> tuple[int, dict[str, str]]:
    """Round 1 with paper ballots and a lot at the cut-off, a withdrawal, then the runoff."""
    with app.app_context():
        election, tokens = with_cards(organisations=12, candidates=6)
        frozen = lg.frozen(election).candidates
        ids = [c["id"] for c in frozen]
        names = {c["id"]: f"{c['given_name']} {c['surname']}" for c in frozen}
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        for token, cid in zip(tokens, [ids[0]] * 3 + [ids[1]] * 3 + ids[2:5], strict=False):
            casting.cast_ballot(token, 1, [cid])
        casting.enter_paper_ballot(election, rnd, marks=[ids[0]])
        casting.enter_paper_ballot(election, rnd, reason="too_many_marks")
        casting.enter_paper_ballot(election, rnd, reason="unclear_will", doubtful_no=1,
                                   doubtful_reason="Kreuz auf der Linie")
        rounds.close_round(election, actor_id=None, now=at(20))
        rounds.draw_lot(election, method="digital", drawn_by="Wahlleitung", witnesses=["A"],
                        seed="1-2-3", actor_id=None, now=at(21))
        finalists = [p.candidate_id for p in lg.state(election).rounds[0].places]
        rounds.withdraw(election, finalists[-1], "", actor_id=None, now=at(22))
        runoff = rounds.start_round(election, actor_id=None, now=at(30))
        for token, cid in zip(tokens, [runoff.candidates[0]] * 5 + [runoff.candidates[1]] * 4,
                              strict=False):
            casting.cast_ballot(token, 2, [cid])
        rounds.close_round(election, actor_id=None, now=at(40))
        db.session.commit()
        names["withdrawn"] = names[finalists[-1]]
        return election.id, names


def test_results_page_shows_counts_reasons_withdrawals_and_lot_names(app, client):
    eid, names = _held(app)
    with app.app_context():
        election = db.session.get(Election, eid)
        export = json.loads(json.dumps(build_export(lg.domain(election), lg.ledger(election))))
    page = client.get(f"/elections/{eid}/results").get_data(as_text=True)
    first, runoff = page.split('id="round-2"', 1)
    counts = export["rounds"][0]["counts"]
    for label, value in (("Eligible organisations (on the roll)", counts["on_roll"]),
                         ("Voting cards issued", counts["cards_issued"]),
                         ("Ballots cast", counts["cast"]), ("Abstentions", counts["abstentions"]),
                         ("Invalid ballots", sum(counts["invalid"].values()))):
        assert f"<dt>{label}</dt><dd>{value}" in first, label
    assert counts["invalid"] == {"too_many_marks": 1, "unclear_will": 1}
    assert "more marks than votes allowed: 1" in first
    assert "the voter's will is unclear: 1" in first
    lot = export["rounds"][0]["lots"][0]
    drawn = " › ".join(names[c] for c in lot["order"])
    assert f"<bdi>{drawn}</bdi>" in first and "digital, seed 1-2-3" in first
    assert " › ".join(lot["order"]) not in first  # names, not ids
    assert "Withdrawn before this round</dt><dd><bdi>" + names["withdrawn"] in runoff
    turkish = client.get(f"/elections/{eid}/results", headers={"Accept-Language": "tr"})
    assert turkish.status_code == 200 and "Geçersiz oy pusulaları" in turkish.get_data(
        as_text=True)


def test_results_csv_agrees_with_the_export(app, client):
    eid, names = _held(app)
    with app.app_context():
        election = db.session.get(Election, eid)
        export = json.loads(json.dumps(build_export(lg.domain(election), lg.ledger(election))))
    for r in export["rounds"]:
        text = client.get(f"/elections/{eid}/rounds/{r['number']}/results.csv").get_data(
            as_text=True)
        rows = [row for row in csv.reader(io.StringIO(text), delimiter=";") if row]
        facts = {row[1]: row[2] for row in rows[1:] if not row[1].isdigit()}
        counts = r["counts"]
        for key in ("on_roll", "cards_issued", "cast", "valid", "abstentions"):
            assert int(facts[key]) == counts[key], key
        assert int(facts["invalid"]) == sum(counts["invalid"].values())
        for reason, n in counts["invalid"].items():
            assert int(facts[f"invalid:{reason}"]) == n
        votes = {row[2]: int(row[4]) for row in rows[1:] if row[1].isdigit()}
        assert votes == {names[c]: v for c, v in r["votes"].items()}
        for lot in r["lots"]:
            assert facts[f"lot:{lot['reason']}"] == " > ".join(names[c] for c in lot["order"])
    runoff_csv = client.get(f"/elections/{eid}/rounds/2/results.csv").get_data(as_text=True)
    assert f"2;withdrawn;{names['withdrawn']}" in runoff_csv
