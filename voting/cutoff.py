"""Filling n places by votes, and stopping at a tie across the cut-off (ELECTION.md R1.5, R3.3).

Every rule that picks "the best n" (finalists, seats, parity pools, successors) goes through
`select`, so a tie is treated the same everywhere: it is returned as a LotRequest unless the
recorded lot for exactly that tie is in the box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from voting.lots import LotBox
from voting.model import LotRequest
from voting.results import Placing

Scores = Sequence[tuple[str, int]]


@dataclass(frozen=True)
class Selection:
    """The chosen candidates, best first (tied ones in lot order), or the lot still needed."""

    chosen: tuple[str, ...]
    pending: LotRequest | None = None


def rank(scores: Scores) -> tuple[Placing, ...]:
    """Votes descending; equal votes share a rank; ties keep the given (ballot) order (R1.3)."""
    ordered = sorted(scores, key=lambda s: -s[1])
    return tuple(
        Placing(c, v, 1 + sum(1 for _, w in ordered if w > v)) for c, v in ordered
    )


def select(scores: Scores, places: int, *, round: int, reason: str, box: LotBox,
           first_place: int = 1, all_tied_advance: bool = False) -> Selection:
    """Pick the `places` best of `scores`; a tie across the cut-off needs a lot (R4)."""
    ordered = sorted(scores, key=lambda s: -s[1])
    if places <= 0:
        return Selection(())
    if len(ordered) <= places or ordered[places - 1][1] != ordered[places][1]:
        return Selection(tuple(c for c, _ in ordered[:places]))
    cut = ordered[places - 1][1]
    sure = tuple(c for c, v in ordered if v > cut)
    tied = tuple((c, v) for c, v in ordered if v == cut)
    if all_tied_advance:
        return Selection(sure + tuple(c for c, _ in tied))
    contested = tuple(range(first_place + len(sure), first_place + places))
    request = LotRequest(round, reason, contested, tied)
    lot = box.take(request)
    if lot is None:
        return Selection(sure, request)
    return Selection(sure + lot.order[: len(contested)])
