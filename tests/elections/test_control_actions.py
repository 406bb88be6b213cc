"""The control room's rules: freeze (R0.1), the order-of-names lot (R1.1, R11.1), privacy of the
women's-place flag (R8.1), every official action in the event log (R11.1) and the acceptance
deadline (R7.1)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.auth.models import Role, User
from app.elections import cards, casting, officials, rounds, services
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.models import CandidateOrderLot, Election, Nomination, NominationStatus
from app.elections.voting_models import EventLogEntry
from app.extensions import db
from tests.elections.helpers import NOW, at, make_election, organisations
from voting import build_export, verify_export


def _refused(election: Election, code: str, minutes: int = 0) -> None:
    with pytest.raises(ElectionError) as excinfo:
        cards.freeze(election, actor_id=None, now=at(minutes))
    assert excinfo.value.code == code
    assert election.fingerprint is None and lg.ledger(election).entries == ()


def kinds(election: Election) -> list[str]:
    return list(db.session.scalars(select(EventLogEntry.kind).where(
        EventLogEntry.election_id == election.id).order_by(EventLogEntry.height)))


def payloads(election: Election, kind: str) -> list[dict]:
    return [e.payload for e in lg.ledger(election).entries if e.kind == kind]


def ready(election: Election, n_cards: int = 12) -> list[str]:
    cards.freeze(election, actor_id=None, now=at(0))
    tokens = cards.create_cards(election, n_cards, actor_id=None, now=at(1))
    for org in organisations(election):
        cards.confirm_presence(election, org, reason="no ticket", actor_id=None, now=at(2))
        cards.issue_card(election, org)
    return tokens


def hold_round(election: Election, tokens: list[str], plan: list[str | None],
               minutes: int) -> None:
    rnd = rounds.start_round(election, actor_id=None, now=at(minutes))
    for token, choice in zip(tokens, plan, strict=False):
        casting.cast_ballot(token, rnd.number, [choice] if choice else [])
    rounds.close_round(election, actor_id=None, now=at(minutes + 5))


def plan(ids: list[str]) -> list[str | None]:
    """Twelve round-1 ballots with no tie at the cut-off F = 4 (R1.4)."""
    return [ids[0]] * 5 + [ids[1]] * 4 + [ids[2]] * 2 + [ids[3]]


# --- R0.1 freeze ------------------------------------------------------------------------


def test_freeze_refuses_while_nominations_are_open(ctx):
    election = make_election(nomination_closes_at=at(60))
    _refused(election, "nominations_open")
    cards.freeze(election, actor_id=None, now=at(61))  # after the deadline it may
    assert lg.ledger(election).entries[0].kind == "frozen"


def test_freeze_refuses_an_undecided_nomination(ctx):
    election = make_election()
    nomination = db.session.scalars(select(Nomination).where(
        Nomination.election_id == election.id)).first()
    nomination.status = NominationStatus.SUBMITTED.value
    db.session.flush()
    _refused(election, "pending_nominations")


def test_freeze_refuses_an_unpublished_list(ctx):
    _refused(make_election(candidates_published_at=None), "not_published")


def test_freeze_refuses_a_lot_that_does_not_cover_the_confirmed_candidates(ctx, create_user):
    official = create_user(Role.OFFICIAL)
    election = make_election(ballot_order="lot")
    _refused(election, "order_lot_missing")
    ids = sorted(n.id for n in services.confirmed_nominations(election))
    db.session.add(CandidateOrderLot(election_id=election.id, method="physical",
                                     drawn_by="Wahlleitung", drawn_at=NOW,
                                     drawn_order=ids[:-1], recorded_by_id=official))
    db.session.flush()
    _refused(election, "order_lot_missing")


def test_control_room_says_why_it_cannot_freeze(app, client, login):
    login(Role.OFFICIAL)
    with app.app_context():
        eid = make_election(candidates_published_at=None).id
        db.session.commit()
    page = client.get(f"/elections/{eid}/control").get_data(as_text=True)
    assert "Publish the candidate list before freezing (R0.1)." in page
    refused = client.post(f"/elections/{eid}/freeze", data={"confirm": "y"},
                          follow_redirects=True)
    assert "Publish the candidate list before freezing (R0.1)." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Election, eid).fingerprint is None


# --- R1.1 / R11.1 the order-of-names lot ------------------------------------------------


def test_order_lot_is_logged_at_freeze_and_verified(ctx, create_user):
    official = db.session.get(User, create_user(Role.OFFICIAL))
    election = make_election(ballot_order="lot", candidates_published_at=None)
    lot = services.record_lot(election, drawn_by="Wahlleitung", witnesses="A, B",
                              seed="2-6-3", actor=official, now=at(-30))
    services.publish_candidates(election, actor=official, now=at(-20))
    tokens = ready(election)
    assert kinds(election)[:2] == ["frozen", "order_lot"]
    logged = payloads(election, "order_lot")[0]["order_lot"]
    frozen_ids = [c["id"] for c in lg.frozen(election).candidates]
    assert logged["order"] == [str(i) for i in lot.drawn_order] == frozen_ids
    assert logged["seed"] == "2-6-3" and logged["algorithm"] == "sha256-sort-v1"
    hold_round(election, tokens, plan(frozen_ids), minutes=10)
    export = build_export(lg.domain(election), lg.ledger(election))
    checks = {c.name: c for c in verify_export(export)}
    assert checks["ballot order lot (R1.1, R4.1)"].status == "PASS"
    assert "recomputed from seed '2-6-3'" in checks["ballot order lot (R1.1, R4.1)"].message


# --- R8.1 the women's-place flag in the public audit export -----------------------------


@pytest.mark.parametrize("parity", [False, True])
def test_audit_export_shows_womens_place_only_under_parity(app, client, parity):
    with app.app_context():
        election = make_election(parity=parity)
        for nomination in services.confirmed_nominations(election)[::2]:
            nomination.womens_place = True
        tokens = ready(election)
        ids = [c["id"] for c in lg.frozen(election).candidates]
        hold_round(election, tokens, plan(ids), minutes=10)
        db.session.commit()
        eid = election.id
    response = client.get(f"/api/v1/elections/{eid}/audit")
    assert response.status_code == 200, response.get_json()
    export = response.get_json()
    flags = ["womens_place" in c for c in export["candidates"]]
    assert flags == [parity] * 6
    if parity:
        assert sum(c["womens_place"] for c in export["candidates"]) == 3
    assert all(c.status != "FAIL" for c in verify_export(export)), verify_export(export)


# --- R11.1 every official action is logged ----------------------------------------------


def test_official_actions_are_logged(ctx):
    election = make_election(organisations=4, candidates=3)
    tokens = ready(election, n_cards=6)
    org = organisations(election)[0]
    cards.void_card(election, tokens[5], actor_id=None, now=at(3))
    cards.replace_lost_card(election, org, "lost in the hall", by="W. Leiter", actor_id=None,
                            now=at(4))
    rounds.add_remark(election, "substitute", "Verein 01: B. Vertreter votes", round_number=1,
                      by="W. Leiter", actor_id=None, now=at(5))
    rounds.add_remark(election, "objection", "Verein 02 objects to the roll", round_number=None,
                      by="W. Leiter", actor_id=None, now=at(6))
    officials.set_protocol_info(election, {"place": "Rathaus", "returning_officer": "W. Leiter",
                                           "assessors": "A, B", "recorder": "C"},
                                actor_id=None, now=at(7))
    assert payloads(election, "card_voided") == [{"count": 1}]
    assert payloads(election, "card_replaced") == [  # no organisation with a time (R10.5)
        {"before_round": 1, "reason": "lost in the hall"}]
    assert [p["organisation"] for p in payloads(election, "presence_confirmed")] == [
        o.name for o in organisations(election)]
    assert payloads(election, "substitute")[0]["text"] == "Verein 01: B. Vertreter votes"
    assert payloads(election, "remark")[0]["kind"] == "objection"
    assert payloads(election, "protocol_info")[0]["place"] == "Rathaus"
    token_digests = {cards.token_hash(t) for t in tokens} | set(tokens)
    assert not any(t in str(e.payload) for e in lg.ledger(election).entries
                   for t in token_digests)  # R10.5: never a token
    rounds.start_round(election, actor_id=None, now=at(10))
    with pytest.raises(ElectionError) as excinfo:  # R0.2: approved before the round opens
        rounds.add_remark(election, "substitute", "too late", round_number=1, by="W",
                          actor_id=None, now=at(11))
    assert excinfo.value.code == "round_open"


def test_presence_override_needs_a_reason(ctx):
    election = make_election(organisations=3)
    cards.freeze(election, actor_id=None, now=at(0))
    org = organisations(election)[0]
    with pytest.raises(ElectionError) as excinfo:
        cards.confirm_presence(election, org, reason="  ", actor_id=None, now=at(1))
    assert excinfo.value.code == "reason_required"
    assert not cards.delegate_checked_in(election, org)


# --- R7.1 the acceptance deadline and R8.4 ----------------------------------------------


def _elected(election: Election) -> tuple[list[str], list[str]]:
    """Five candidates, 12 cards: round 1, then the runoff; returns ids and the elected."""
    tokens = ready(election)
    ids = [c["id"] for c in lg.frozen(election).candidates]
    hold_round(election, tokens, [ids[0]] * 4 + [ids[1]] * 3 + [ids[2]] * 2 + ids[3:5] * 1
               + [ids[3]], minutes=10)
    runoff = lg.state(election).next_round.candidates
    hold_round(election, tokens, [runoff[0]] * 6 + [runoff[1]] * 4 + [runoff[2]] * 2,
               minutes=30)
    return ids, list(lg.state(election).awaiting_acceptance)


def test_missed_acceptance_deadline_counts_as_declined(ctx):
    election = make_election(candidates=5, acceptance_deadline_days=3)
    _ids, elected = _elected(election)
    deadlines = officials.acceptance_deadlines(election)
    closed = lg.rounds_of(election)[-1].closed_at
    assert set(deadlines) == set(elected) and deadlines[elected[0]] == closed + (at(3 * 1440)
                                                                                 - at(0))
    late = deadlines[elected[0]] + (at(1) - at(0))
    with pytest.raises(ElectionError) as excinfo:
        officials.record_missed_deadline(election, elected[0], actor_id=None, now=at(36))
    assert excinfo.value.code == "deadline_not_passed"
    with pytest.raises(ElectionError) as excinfo:  # R7.1: too late to accept
        rounds.declare(election, elected[0], True, actor_id=None, now=late)
    assert excinfo.value.code == "deadline_passed"
    rounds.declare(election, elected[1], True, actor_id=None, now=at(40))
    result = officials.record_missed_deadline(election, elected[0], actor_id=None, now=late)
    assert result.successions[0].declined == elected[0] and result.successions[0].successor
    assert payloads(election, "deadline_passed")[0]["candidate"] == elected[0]
    assert officials.missed_deadlines(election) == {elected[0]}
    successor = result.successions[0].successor
    assert successor in officials.acceptance_deadlines(election)  # the successor's own period
    export = build_export(lg.domain(election), lg.ledger(election))
    assert all(c.status != "FAIL" for c in verify_export(export)), verify_export(export)


def test_parity_unused_is_set_on_the_election_form_and_frozen(app, client, login):
    """R8.4: unused reserved places fill openly, or [config] stay vacant."""
    login(Role.OFFICIAL)
    form = {"title": "Wahl", "seats": 2, "finalists": 4, "votes_round1": 1, "votes_runoff": 1,
            "tie_variant": "lot", "parity": "y", "parity_unused": "stay_vacant",
            "ballot_order": "alphabetical", "acceptance_deadline_days": 3}
    assert client.post("/elections/new", data=form).status_code == 302
    with app.app_context():
        election = db.session.scalars(select(Election).where(Election.title == "Wahl")).one()
        assert election.parity_unused == "stay_vacant"
        assert cards.config_of(election).parity_unused == "stay_vacant"
    bad = client.post("/elections/new", data={**form, "parity_unused": "sometimes"})
    assert bad.status_code == 200  # the form refuses an unknown choice, nothing stored
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Election)) == 1


def test_control_room_shows_deadlines_and_records_a_missed_one(app, client, login):
    """R7.1 through the control room; the test election's deadline lies in the real past."""
    login(Role.OFFICIAL)
    with app.app_context():
        election = make_election(candidates=5)
        _ids, elected = _elected(election)
        db.session.commit()
        eid = election.id
    room = client.get(f"/elections/{eid}/control").get_data(as_text=True)
    assert "Declare by" in room and "deadline passed" in room
    url = f"/elections/{eid}/acceptances/deadline"
    refused = client.post(url, data={"dl-candidate": elected[0]}, follow_redirects=True)
    assert "tick the confirmation" in refused.get_data(as_text=True)
    done = client.post(url, data={"dl-candidate": elected[0], "dl-confirm": "y"},
                       follow_redirects=True)
    assert "recorded as declined" in done.get_data(as_text=True)
    late = client.post(f"/elections/{eid}/acceptances",
                       data={"acc-candidate": elected[1], "acc-decision": "accept"},
                       follow_redirects=True)
    assert "The acceptance deadline has passed" in late.get_data(as_text=True)
    with app.app_context():
        assert officials.missed_deadlines(db.session.get(Election, eid)) == {elected[0]}
