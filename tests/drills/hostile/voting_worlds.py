"""Worlds of the held election, phase by phase, built with ``tests.elections.helpers`` and the
election services: ready to freeze, frozen with cards, a round open, a lot due, between the
rounds, seats awaiting acceptance, complete, a seat vacant, a closed round with paper ballots."""

from __future__ import annotations

from flask import Flask

from app.elections import casting, corrections, rounds
from app.elections import ledger as lg
from app.elections.models import Election
from app.extensions import db
from tests.drills.hostile.case import Seed, World
from tests.elections.helpers import (
    at,
    closed_round_with_paper,
    make_election,
    organisations,
    with_cards,
)


def _values(election: Election, tokens: list[str] | None = None) -> World:
    candidates = [c["id"] for c in lg.frozen(election).candidates] if election.fingerprint else []
    orgs = [o.id for o in organisations(election)]
    world: World = {
        "election": election.id,
        "candidates": candidates,
        "organisations": orgs,
        "organisation": orgs[0],
        "tokens": tokens or [],
        "token": (tokens or [""])[0],
    }
    current = rounds.open_round(election)
    if current is not None:
        world["round"] = current.number
        world["round_candidates"] = list(current.candidates)
    return world


def _built(app: Flask, build) -> World:  # noqa: ANN001 - a function of no arguments
    with app.app_context():
        world = build()
        db.session.commit()
        return world


def ready_world(seed: Seed) -> World:
    """Nominations closed, list published: the officials may freeze."""
    return _built(seed.app, lambda: _values(make_election(organisations=6, candidates=4)))


def frozen_world(seed: Seed) -> World:
    """Frozen, eight cards printed, five organisations hold one (R0.5 lets a round open)."""

    def build() -> World:
        election, tokens = with_cards(organisations=8, candidates=5, issue=5)
        return _values(election, tokens)

    return _built(seed.app, build)


def open_world(seed: Seed) -> World:
    """Round 1 open with twelve cards issued; three voted already, nine are unused."""

    def build() -> World:
        election, tokens = with_cards(organisations=12, candidates=5)
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        for token, choice in zip(tokens[-3:], rnd.candidates, strict=False):
            casting.cast_ballot(token, rnd.number, [choice])
        casting.enter_paper_ballot(election, rnd, marks=[rnd.candidates[0]])
        return _values(election, tokens[:-3])

    return _built(seed.app, build)


def _round(election: Election, tokens: list[str], plan: list[str | None], minutes: int) -> None:
    rnd = rounds.start_round(election, actor_id=None, now=at(minutes))
    for token, choice in zip(tokens, plan, strict=False):
        casting.cast_ballot(token, rnd.number, [choice] if choice else [])
    rounds.close_round(election, actor_id=None, now=at(minutes + 5))


def _tie(election: Election, tokens: list[str]) -> list[str]:
    """Round 1 with a tie across the cut-off (R1.5), as in test_election_services."""
    ids = [c["id"] for c in lg.frozen(election).candidates]
    _round(election, tokens, [ids[0]] * 4 + [ids[1]] * 3 + [ids[2]] * 2 + [ids[3], ids[4], None],
           10)
    return ids


def lot_world(seed: Seed) -> World:
    """Round 1 closed with a tie at the cut-off: a lot is due (R4)."""

    def build() -> World:
        election, tokens = with_cards(organisations=12, candidates=6)
        _tie(election, tokens)
        world = _values(election, tokens)
        world["tied"] = list(lg.state(election).pending.tied)
        return world

    return _built(seed.app, build)


def between_world(seed: Seed) -> World:
    """The lot is drawn; the runoff is due: finalists may withdraw (R2)."""

    def build() -> World:
        election, tokens = with_cards(organisations=12, candidates=6)
        _tie(election, tokens)
        rounds.draw_lot(election, method="digital", drawn_by="Wahlleitung", witnesses=["A"],
                        seed="3-5-1-6", actor_id=None, now=at(21))
        return _values(election, tokens)

    return _built(seed.app, build)


def _elected(election: Election, tokens: list[str]) -> list[str]:
    ids = [c["id"] for c in lg.frozen(election).candidates]
    _round(election, tokens, [ids[0]] * 4 + [ids[1]] * 3 + [ids[2]] * 2 + [ids[3], ids[4], ids[3]],
           10)
    runoff = lg.state(election).next_round.candidates
    _round(election, tokens, [runoff[0]] * 6 + [runoff[1]] * 4 + [runoff[2]] * 2, 30)
    return list(lg.state(election).awaiting_acceptance)


def acceptance_world(seed: Seed) -> World:
    """Both rounds held; the elected have not declared yet (R7)."""

    def build() -> World:
        election, tokens = with_cards(organisations=12, candidates=5)
        world = _values(election, tokens)
        world["elected"] = _elected(election, tokens)
        return world

    return _built(seed.app, build)


def complete_world(seed: Seed) -> World:
    """Every elected person accepted: the committee's seats can be filled."""

    def build() -> World:
        election, tokens = with_cards(organisations=12, candidates=5)
        for candidate in _elected(election, tokens):
            rounds.declare(election, candidate, True, actor_id=None, now=at(41))
        return _values(election, tokens)

    return _built(seed.app, build)


def vacant_world(seed: Seed) -> World:
    """R6.1: two candidates for two seats, one got more no than yes: a seat stays vacant."""

    def build() -> World:
        election, tokens = with_cards(organisations=6, candidates=2)
        rnd = rounds.start_round(election, actor_id=None, now=at(10))
        yes, no = rnd.candidates
        for token in tokens[:4]:
            casting.cast_ballot(token, rnd.number, [], answers=[(yes, "yes"), (no, "no")])
        rounds.close_round(election, actor_id=None, now=at(20))
        rounds.declare(election, yes, True, actor_id=None, now=at(21))
        return _values(election, tokens)

    return _built(seed.app, build)


def corrections_world(seed: Seed) -> World:
    """Round 1 closed with three paper ballots keyed in: the last round may be corrected (R9)."""

    def build() -> World:
        election, rnd, tokens, _ids = closed_round_with_paper()
        world = _values(election, tokens)
        world["number"] = rnd.number
        world["ballots"] = [c.key for c in corrections.paper_contents(rnd)]
        return world

    return _built(seed.app, build)
