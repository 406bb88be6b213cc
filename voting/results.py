"""What the rules return: round specs, tallies, rankings, places, and the election's outcome.

Results are complete or they say why not: a round whose cut-off is tied carries `pending`, the
lot it needs (ELECTION.md R4.3), and nothing is decided past that tie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from voting.model import LotRecord, LotRequest

RoundKind = Literal["first", "runoff", "yes_no"]
PlaceKind = Literal["general", "women", "open"]


@dataclass(frozen=True)
class RoundSpec:
    """Which round is held: its kind, the candidates on its ballot in ballot order (R1.1, R3.1)."""

    number: int
    kind: RoundKind
    candidates: tuple[str, ...]
    votes_per_ballot: int


@dataclass(frozen=True)
class Tally:
    """A round's counts (R5.3, R11.3). cast = valid + abstentions + sum(invalid).

    `valid` counts ballots that give at least one vote; abstentions are valid ballots too but
    are listed on their own. `votes` is per candidate in ballot order; in a yes/no round (R6.1)
    `votes` holds the yes votes and `no_votes` the no votes.
    """

    cast: int
    valid: int
    abstentions: int
    invalid: tuple[tuple[str, int], ...]
    votes: tuple[tuple[str, int], ...]
    no_votes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Placing:
    """One line of a ranking: equal votes share a rank ("1, 2, 2, 4"), never broken silently."""

    candidate_id: str
    votes: int
    rank: int


@dataclass(frozen=True)
class Place:
    """A finalist place or a seat. `candidate_id` is None when it stays vacant; `note` says why."""

    candidate_id: str | None
    kind: PlaceKind = "general"
    note: str = ""


@dataclass(frozen=True)
class RoundResult:
    """A decided (or lot-blocked) round: finalists after a first round, seats after the others."""

    spec: RoundSpec
    tally: Tally
    ranking: tuple[Placing, ...]
    places: tuple[Place, ...]
    lots: tuple[LotRecord, ...] = ()
    pending: LotRequest | None = None

    @property
    def complete(self) -> bool:
        return self.pending is None

    @property
    def needs_lot(self) -> tuple[str, ...]:
        """The tied candidates the missing lot is drawn among (empty when none is needed)."""
        return self.pending.candidate_ids if self.pending else ()

    @property
    def open_places(self) -> int:
        """How many places the missing lot decides."""
        return self.pending.open_places if self.pending else 0

    @property
    def chosen(self) -> tuple[str, ...]:
        """The finalists (first round) or the elected (runoff, yes/no round), in place order."""
        return tuple(p.candidate_id for p in self.places if p.candidate_id is not None)


@dataclass(frozen=True)
class Succession:
    """A declined seat and who took it instead (R7.2); `successor` None means vacant (R6.2)."""

    seat: int
    declined: str
    successor: str | None
    note: str = ""


@dataclass(frozen=True)
class ElectionResult:
    """The protocol-ready outcome of an election so far.

    `status` tells the app what to do next: "awaiting_round" (open `next_round`), "awaiting_lot"
    (draw `pending`), "awaiting_acceptance" (ask `awaiting_acceptance`) or "complete".
    """

    rounds: tuple[RoundResult, ...]
    next_round: RoundSpec | None
    pending: LotRequest | None
    seats: tuple[Place, ...]
    successions: tuple[Succession, ...]
    awaiting_acceptance: tuple[str, ...]
    status: Literal["awaiting_round", "awaiting_lot", "awaiting_acceptance", "complete"]
