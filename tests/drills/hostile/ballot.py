"""The voters' pages: the code typed in, the ballot and its confirmation, casting, cancelling.

Each example holds an unused card (as the card's QR link does) before it posts.
"""

from __future__ import annotations

from app.elections.public_forms import BallotForm, CardCodeForm
from tests.drills.hostile.case import Drill, FormCase, World
from tests.drills.hostile.fields import Field, form_fields, raw
from tests.drills.hostile.voting import _card_tokens
from tests.drills.hostile.voting_worlds import open_world
from tests.drills.hostile.worlds import rotate

_next_card = rotate("token", "tokens")


def _hold_card(drill: Drill) -> None:
    """Scan the next card's QR code: the session holds it, as on the voter's phone."""
    _next_card(drill)
    drill.client.get(f"/vote/c/{drill.world['token']}")


def _choices(world: World) -> list[Field]:
    candidates = world["round_candidates"]
    return [
        raw("choice", "multi", candidates, foreign=("999999", "0"), high=1),
        *(raw(f"answer-{c}", "choice", ["yes", "no"]) for c in candidates[:2]),
    ]


def _ballot_fields(world: World) -> list[Field]:
    return [*form_fields(BallotForm), *_choices(world), raw("back", "bool")]


def _cast_fields(world: World) -> list[Field]:
    number = world["round"]
    return [
        *form_fields(BallotForm),
        *_choices(world),
        raw("abstain", "choice", ["yes"]),
        raw("round", "int", low=number, high=number),
    ]


def _code_fields(world: World) -> list[Field]:
    codes = _card_tokens(world)
    return form_fields(CardCodeForm, choices={"token": codes["choices"]},
                       foreign={"token": codes["foreign"]})


VOTER = {"world": open_world, "public": True}

CASES = [
    FormCase("ballot.enter_code", "/vote/", "/vote/", fields=_code_fields, examples=12, **VOTER),
    FormCase("ballot.ballot", "/vote/ballot", "/vote/ballot", fields=_ballot_fields,
             prepare=_hold_card, examples=12, **VOTER),
    FormCase("ballot.cast", "/vote/cast", "/vote/cast", fields=_cast_fields,
             prepare=_hold_card, examples=15, **VOTER),
    FormCase("ballot.cancel", "/vote/cancel", "/vote/cancel",
             fields=lambda w: form_fields(BallotForm), prepare=_hold_card, examples=6, **VOTER),
]
