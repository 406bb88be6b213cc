"""A round below the secrecy minimum is void and held again (ELECTION.md R0.5), and the paper
counting screen shows only the paper ballots keyed in there, devices as "n of m used" (R10.6)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from sqlalchemy import func, select

from app.auth.models import Role
from app.elections import cards, casting, protocol, results, rounds
from app.elections import ledger as lg
from app.elections.models import Election
from app.elections.voting_models import Ballot, EventLogEntry, Round, TrackingCode, VotingCard
from app.extensions import db
from tests.elections.helpers import at, organisations, with_cards
from tests.elections.web import confirm, pdf_text
from voting import verify_export


def _ready(n_orgs: int = 6, candidates: int = 4,
           issue: int | None = None) -> tuple[Election, list[str]]:
    election, tokens = with_cards(n_orgs, candidates, issue=issue)
    db.session.commit()
    return election, tokens


def _count(model: type, **where: object) -> int:
    query = select(func.count()).select_from(model)
    for key, value in where.items():
        query = query.where(getattr(model, key) == value)
    return db.session.scalar(query) or 0


def test_round_with_too_few_ballots_is_void_then_held_again_and_verifies(ctx, tmp_path):
    """R0.5: closing with 2 ballots voids the round (log, protocol), discards its ballots and
    lets the officials open it again; the export lists it without ballots and verifies."""
    election, tokens = _ready(n_orgs=7, issue=6)
    rnd = rounds.start_round(election, actor_id=None, now=at(3))
    ids = list(rnd.candidates)
    for token in tokens[:2]:
        casting.cast_ballot(token, rnd.number, [ids[0]])
    db.session.commit()
    voided = rounds.close_round(election, actor_id=None, now=at(4))
    db.session.commit()
    assert voided.status == "void" and voided.commitment is None
    assert _count(Ballot, round_id=rnd.id) == 0 and _count(TrackingCode, round_id=rnd.id) == 0
    assert _count(VotingCard, used_in_round=1) == 0  # the two voters get their card back
    events = [(e.kind, e.payload) for e in db.session.scalars(
        select(EventLogEntry).order_by(EventLogEntry.height))]
    assert events[-1] == ("round_voided", {"round": 1, "cast": 2})
    state = lg.state(election)
    assert state.status == "awaiting_round" and state.next_round.number == 1
    shown = results.public_rounds(election)  # nothing of the void round is shown
    assert [(p.rnd.number, p.shown, p.decided, p.lines, p.codes) for p in shown] == [
        (1, False, None, (), ())]
    late = organisations(election)[6]  # a delegate who came late gets a card before the repeat
    cards.confirm_presence(election, late, reason="known", actor_id=None, now=at(5))
    cards.issue_card(election, late)
    again = rounds.start_round(election, actor_id=None, now=at(5))
    assert again.id == rnd.id and again.status == "open" and again.closed_at is None
    assert again.cards_issued == 7  # counted anew when the round opens again
    for token, choice in zip(tokens[:5], [ids[0], ids[0], ids[1], ids[0], ids[1]], strict=True):
        casting.cast_ballot(token, 1, [choice])  # the first two vote again with the same card
    db.session.commit()
    closed = rounds.close_round(election, actor_id=None, now=at(6))
    db.session.commit()
    assert closed.status == "closed" and _count(Round) == 1
    export = results.audit_export(election)
    assert export["voided_rounds"] == [{"number": 1, "cast": 2}]
    assert [r["number"] for r in export["rounds"]] == [1]
    assert export["rounds"][0]["counts"]["cast"] == 5
    issued = [e["payload"]["count"] for e in export["event_log"]["entries"]
              if e["kind"] == "cards_issued"]
    assert issued == [6, 7]  # the void attempt's count is not compared with the held round
    checks = {c.name: c for c in verify_export(export)}
    assert not [c for c in checks.values() if c.status == "FAIL"], checks
    assert checks["voided rounds (R0.5)"].status == "PASS"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    run = subprocess.run([sys.executable, "-m", "voting", "verify", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout
    incidents = protocol.protocol_data(election).incidents
    assert any("Wahlgang 1 ist ungültig" in r.text and "2 Stimmzettel" in r.text
               for r in incidents)
    # a void round that had enough ballots would hide a result: the verifier says so
    tampered = json.loads(path.read_text())
    entry = next(e for e in tampered["event_log"]["entries"] if e["kind"] == "round_voided")
    entry["payload"]["cast"] = 3
    tampered["voided_rounds"][0]["cast"] = 3
    failed = {c.name for c in verify_export(tampered) if c.status == "FAIL"}
    assert "voided rounds (R0.5)" in failed
    dropped = json.loads(path.read_text())
    del dropped["voided_rounds"]
    assert "voided rounds (R0.5)" in {c.name for c in verify_export(dropped)
                                      if c.status == "FAIL"}


def test_void_close_through_the_control_room_says_why(app, client, login):
    """The officials read why the round is void and may open it again (R0.5)."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = _ready()
        eid = election.id
        rounds.start_round(election, actor_id=None, now=at(3))
        casting.cast_ballot(tokens[0], 1, [])
        db.session.commit()
    confirm(client, f"/elections/{eid}/rounds/close")
    page = client.get(f"/elections/{eid}/control").get_data(as_text=True)
    assert "Round 1 is void: fewer than 3 ballots were cast" in page
    protocol_pdf = client.get(f"/elections/{eid}/protocol.pdf")
    assert protocol_pdf.mimetype == "application/pdf"
    assert "Wahlgang 1 ist ungültig" in " ".join(pdf_text(protocol_pdf.data).split())
    confirm(client, f"/elections/{eid}/rounds/open")
    with app.app_context():
        assert db.session.scalar(select(Round.status)) == "open"


def _row(page: str, name: str) -> list[int]:
    found = re.search(rf'<th scope="row">{re.escape(name)}</th>((?:<td>\d+</td>)+)', page)
    assert found, name
    return [int(n) for n in re.findall(r"<td>(\d+)</td>", found.group(1))]


def test_counting_screen_shows_only_paper_ballots_while_open(app, client, login):
    """R10.6: device votes stay unseen during the round; devices only as "n of m cards used"."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, tokens = _ready()
        eid = election.id
        rnd = rounds.start_round(election, actor_id=None, now=at(3))
        ids = list(rnd.candidates)
        for token in tokens[:3]:
            casting.cast_ballot(token, 1, [ids[0]])
        db.session.commit()
        names = {c["id"]: f"{c['given_name']} {c['surname']}"
                 for c in lg.frozen(election).candidates}
    url = f"/elections/{eid}/rounds/1/count"
    client.post(url, data={"marks": [ids[1]]})
    client.post(url, data={"marks": []})
    page = client.get(url).get_data(as_text=True)
    assert _row(page, names[ids[0]]) == [0]  # three device votes, not shown
    assert _row(page, names[ids[1]]) == [1]
    assert "Paper ballots: 2 · abstentions: 1 · invalid: 0" in page
    assert "Devices: 3 of 6 cards used" in page


def test_counting_screen_counts_yes_no_answers(app, client, login):
    """R6.1: in a yes/no round the running tally counts yes and no per candidate."""
    login(Role.OFFICIAL)
    with app.app_context():
        election, _tokens = _ready(candidates=2)
        eid = election.id
        rnd = rounds.start_round(election, actor_id=None, now=at(3))
        assert rnd.kind == "yes_no"
        ids = list(rnd.candidates)
        db.session.commit()
        names = {c["id"]: f"{c['given_name']} {c['surname']}"
                 for c in lg.frozen(election).candidates}
    url = f"/elections/{eid}/rounds/1/count"
    client.post(url, data={f"answer-{ids[0]}": "yes", f"answer-{ids[1]}": "no"})
    client.post(url, data={f"answer-{ids[0]}": "yes"})
    page = client.get(url).get_data(as_text=True)
    assert _row(page, names[ids[0]]) == [2, 0]
    assert _row(page, names[ids[1]]) == [0, 1]
    assert "Paper ballots: 2 · abstentions: 0" in page
