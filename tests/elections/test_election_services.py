"""A full election through the services: freeze → cards → desk → rounds → lots → acceptance."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.elections import cards, casting, rounds
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.voting_models import EventLogEntry
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations
from voting import build_export, verify_export


def ready(election, n_cards=12):
    """Freeze, print cards, hand one to every organisation whose delegate is present."""
    cards.freeze(election, actor_id=None, now=at(0))
    tokens = cards.create_cards(election, n_cards, actor_id=None, now=at(1))
    for org in organisations(election):
        cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
        cards.issue_card(election, org)
    return tokens


def vote(tokens, number, candidate_ids):
    pairs = zip(tokens, candidate_ids, strict=False)
    return [casting.cast_ballot(t, number, [c] if c else []) for t, c in pairs]


def test_full_election_with_tie_lot_withdrawal_runoff_and_acceptance(ctx):
    election = make_election()
    tokens = ready(election)
    ids = [c["id"] for c in lg.frozen(election).candidates]
    first = rounds.start_round(election, actor_id=None, now=at(10))
    # ELECTION.md R1.5: places 4 and 5 tie (1 vote each) across the cut-off F = 4
    codes = vote(tokens, 1, [ids[0]] * 4 + [ids[1]] * 3 + [ids[2]] * 2 + [ids[3], ids[4], None])
    assert len(set(codes)) == 12 and rounds.cards_used(first) == 12
    rounds.close_round(election, actor_id=None, now=at(20))
    assert lg.state(election).status == "awaiting_lot"
    lot = rounds.draw_lot(election, method="digital", drawn_by="Wahlleitung",
                          witnesses=["A", "B"], seed="3-5-1-6", actor_id=None, now=at(21))
    finalists = [p.candidate_id for p in lg.state(election).rounds[0].places]
    assert lot.order[0] in finalists
    # R2.2: a finalist withdraws, nobody moves up
    rounds.withdraw(election, finalists[-1], "personal reasons", actor_id=None, now=at(22))
    runoff = rounds.start_round(election, actor_id=None, now=at(30))
    assert finalists[-1] not in runoff.candidates and len(runoff.candidates) == 3
    vote(tokens, 2, [ids[0]] * 6 + [ids[1]] * 4 + [ids[2]] * 2)
    rounds.close_round(election, actor_id=None, now=at(40))
    result = lg.state(election)
    assert result.status == "awaiting_acceptance"
    for cid in result.awaiting_acceptance:
        rounds.declare(election, cid, True, actor_id=None, now=at(41))
    assert lg.state(election).status == "complete"
    seats = rounds.fill_committee(election, "2026–2029", actor_id=None, now=at(42))
    assert [s.seat for s in seats] == [1, 2] and seats[0].source.startswith("elected in")
    export = build_export(lg.domain(election), lg.ledger(election))
    assert all(c.status != "FAIL" for c in verify_export(export)), verify_export(export)


def test_round_needs_three_cards_issued(ctx):
    """ELECTION.md R0.5: a round opens only when at least 3 organisations hold cards."""
    election = make_election(organisations=4)
    cards.freeze(election, actor_id=None, now=at(0))
    cards.create_cards(election, 4, actor_id=None, now=at(1))
    for org in organisations(election)[:2]:
        cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
        cards.issue_card(election, org)
    with pytest.raises(ElectionError) as excinfo:
        rounds.start_round(election, actor_id=None, now=at(3))
    assert excinfo.value.code == "too_few_cards"


def test_desk_refuses_second_card_and_absent_delegate(ctx):
    """ELECTION.md R0.3, R10.2."""
    election = make_election(organisations=3)
    cards.freeze(election, actor_id=None, now=at(0))
    org = organisations(election)[0]
    assert cards.desk_problems(election, org) == ["not_checked_in"]
    cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(1))
    cards.issue_card(election, org)
    with pytest.raises(ElectionError) as excinfo:
        cards.issue_card(election, org)
    assert excinfo.value.code == "has_card"
    assert cards.register(election) == [org.name]


def test_used_unknown_and_void_tokens_are_refused(ctx):
    """ELECTION.md R10.3."""
    election = make_election()
    tokens = ready(election)
    rounds.start_round(election, actor_id=None, now=at(10))
    cid = lg.frozen(election).candidates[0]["id"]
    casting.cast_ballot(tokens[0], 1, [cid])
    for token, code in ((tokens[0], "token_used"), ("ABCD" * 4, "unknown_token")):
        with pytest.raises(ElectionError) as excinfo:
            casting.cast_ballot(token, 1, [cid])
        assert excinfo.value.code == code
    cards.void_card(election, tokens[1], actor_id=None, now=at(3))
    with pytest.raises(ElectionError) as excinfo:
        casting.cast_ballot(tokens[1], 1, [cid])
    assert excinfo.value.code == "unknown_token"
    with pytest.raises(ElectionError) as excinfo:  # R0.6: k1 = 1
        casting.cast_ballot(tokens[2], 1, [cid, lg.frozen(election).candidates[1]["id"]])
    assert excinfo.value.code == "bad_ballot"


def test_event_log_is_a_chain_without_ballots(ctx):
    """ELECTION.md R11.1: every action logged, never a ballot."""
    election = make_election()
    tokens = ready(election)
    rounds.start_round(election, actor_id=None, now=at(10))
    vote(tokens[:3], 1, [None, None, None])
    kinds = list(db.session.scalars(select(EventLogEntry.kind).order_by(EventLogEntry.height)))
    assert kinds == ["frozen", "cards_created", *["presence_confirmed"] * 12, "cards_issued",
                     "round_opened"]


def test_door_hint_sends_a_delegate_without_card_to_the_desk(ctx):
    """The entrance scanner's hook: an eligible MSO without a card goes to the voting desk."""
    from types import SimpleNamespace

    election = make_election(organisations=3)
    cards.freeze(election, actor_id=None, now=at(0))
    org = organisations(election)[0]
    registration = SimpleNamespace(organisation_id=org.id)
    with ctx.test_request_context(headers={"Accept-Language": "en"}):  # as the scanner's request
        assert cards.door_hint(registration) == "MSO delegate: go to the voting desk"
    cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(1))
    cards.issue_card(election, org)
    assert cards.door_hint(registration) is None
    assert cards.door_hint(SimpleNamespace(organisation_id=None)) is None


def test_desk_hands_out_no_card_while_a_round_is_open(ctx):
    """ELECTION.md R0.3: only a card received before the round opened counts."""
    election = make_election(organisations=4)
    ready_orgs = organisations(election)
    cards.freeze(election, actor_id=None, now=at(0))
    for org in ready_orgs:
        cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(1))
    for org in ready_orgs[:3]:
        cards.issue_card(election, org)
    rounds.start_round(election, actor_id=None, now=at(2))
    with pytest.raises(ElectionError) as excinfo:
        cards.issue_card(election, ready_orgs[3])
    assert excinfo.value.code == "round_open"
