"""The election's inputs as plain, frozen records.

Everything here is data the caller (the app, or the verifier reading an export) hands in: the frozen
configuration and candidate list (ELECTION.md R0.1), ballots (R10.4), recorded lots (R4.2),
withdrawals (R2) and acceptances (R7). Nothing reads a clock or draws randomness: ids, times and
lot outcomes arrive from outside, so every computation can be replayed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

TieRule = Literal["lot", "all_tied_advance"]
ParityUnused = Literal["fill_openly", "stay_vacant"]
BallotOrder = Literal["alphabetical", "lot"]
Status = Literal["valid", "abstention", "invalid"]
Source = Literal["device", "paper"]
Answer = Literal["yes", "no"]
LotMethod = Literal["physical", "digital"]

#: Why a paper ballot is invalid (ELECTION.md R5.2); electronic ballots never are (R5.1)
INVALID_REASONS = ("not_official_ballot", "too_many_marks", "unclear_will", "identifying_marks")

_HEX128 = re.compile(r"[0-9a-f]{32}")


class VotingError(ValueError):
    """A rule was broken by the input; `code` is stable for the app to map to a message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Config:
    """The election's rule options, set before nominations close and then frozen (R0.1)."""

    seats: int = 2  # S
    finalists: int = 4  # F
    votes_round1: int = 1  # k1
    votes_runoff: int = 1  # k2
    tie_rule: TieRule = "lot"  # R1.5 and its config alternative
    parity: bool = False  # R8
    parity_unused: ParityUnused = "fill_openly"  # R8.4 and its config alternative
    ballot_order: BallotOrder = "alphabetical"  # R1.1; "lot": the frozen list is in drawn order
    secrecy_minimum: int = 3  # R0.5: results only with at least this many ballots cast
    min_cards_to_open: int = 3  # R0.5: a round opens only with this many cards issued
    acceptance_days: int = 3  # R7.1

    def __post_init__(self) -> None:
        checks = [
            (self.seats >= 1, "seats must be at least 1"),
            (self.finalists >= self.seats, "finalists must be at least the number of seats"),
            (self.votes_round1 >= 1 and self.votes_runoff >= 1, "votes per ballot must be >= 1"),
            (self.tie_rule in ("lot", "all_tied_advance"), "unknown tie_rule"),
            (self.parity_unused in ("fill_openly", "stay_vacant"), "unknown parity_unused"),
            (self.ballot_order in ("alphabetical", "lot"), "unknown ballot_order"),
            (self.secrecy_minimum >= 1 and self.min_cards_to_open >= 1, "minimums must be >= 1"),
        ]
        for ok, message in checks:
            if not ok:
                raise VotingError("bad_config", message)


@dataclass(frozen=True)
class Candidate:
    """A nominee (R0.4); `womens_place` is the self-declaration of R8.1."""

    id: str
    surname: str
    given_name: str
    organisation: str
    womens_place: bool = False


@dataclass(frozen=True)
class Ballot:
    """One cast ballot (R10.4): no organisation, token, device or time.

    Choice rounds (first round, runoff) use `marks`: the marked candidate ids. The yes/no round of
    R6.1 uses `answers`: one (candidate id, "yes" | "no") pair per candidate answered; a candidate
    left out was abstained on. Both are kept sorted so a ballot has one canonical form. `status` is
    inferred when left empty: "invalid" if a reason is given, else "valid" if anything is marked,
    else "abstention" (R5.2: blank ballots are valid abstentions).
    """

    id: str
    round: int
    marks: tuple[str, ...] = ()
    status: Status | Literal[""] = ""
    reason: str | None = None
    source: Source = "device"
    answers: tuple[tuple[str, Answer], ...] = ()
    #: Number of a doubtful paper ballot decided by the officials (R5.2); attached to the protocol
    doubtful_no: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "marks", tuple(sorted(self.marks)))
        object.__setattr__(self, "answers", tuple(sorted(tuple(a) for a in self.answers)))
        if not self.status:
            inferred = "invalid" if self.reason else "valid" if self.marks or self.answers else ""
            object.__setattr__(self, "status", inferred or "abstention")

    def with_id(self, ballot_id: str) -> Ballot:
        """The same ballot under another id, equal to ``Ballot(ballot_id, …same fields)``.

        Nothing in ``__post_init__`` depends on the id, so the copy skips it: the app reads a
        round of a million ballots with a handful of distinct contents this way.
        """
        clone = object.__new__(Ballot)
        clone.__dict__.update(self.__dict__)
        clone.__dict__["id"] = ballot_id
        return clone

    def content(self) -> dict[str, object]:
        """The ballot without its id: what is published and committed to (R11.2, R11.3)."""
        return {
            "round": self.round,
            "marks": list(self.marks),
            "answers": [list(a) for a in self.answers],
            "status": self.status,
            "reason": self.reason,
            "source": self.source,
            "doubtful_no": self.doubtful_no,
        }


def is_ballot_id(value: str) -> bool:
    """A ballot id is 128 random bits as 32 lowercase hex digits, drawn by the caller (R10.4)."""
    return bool(_HEX128.fullmatch(value))


@dataclass(frozen=True)
class Withdrawal:
    """A candidate's recorded withdrawal before round `before_round` opens (R2.1, R2.2)."""

    candidate_id: str
    before_round: int
    at: str = ""
    note: str = ""


@dataclass(frozen=True)
class Acceptance:
    """An elected candidate's declaration (R7.1); a missed deadline is recorded as a decline."""

    candidate_id: str
    accepts: bool
    at: str = ""


@dataclass(frozen=True)
class LotRequest:
    """A tie at a cut-off that only a lot may break (R1.5, R3.3, R7.2, R8.2).

    `places` are the contested places, counted from 1 within `reason` (e.g. finalist places 3
    and 4); `tied` holds every candidate with the cut-off vote count and that count.
    """

    round: int
    reason: str
    places: tuple[int, ...]
    tied: tuple[tuple[str, int], ...]

    @property
    def candidate_ids(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.tied)

    @property
    def open_places(self) -> int:
        return len(self.places)


@dataclass(frozen=True)
class LotRecord:
    """A drawn lot as recorded (R4.2). The first `len(places)` of `order` win the places.

    `order` is the full draw order of all tied candidates, so it also ranks the rest (R3.4).
    A digital lot carries its public `seed` and `algorithm` so anyone can recompute `order`.
    """

    round: int
    reason: str
    places: tuple[int, ...]
    tied: tuple[tuple[str, int], ...]
    order: tuple[str, ...]
    method: LotMethod
    drawn_by: str
    witnesses: tuple[str, ...] = ()
    at: str = ""
    seed: str | None = None
    algorithm: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "places", tuple(self.places))
        object.__setattr__(self, "tied", tuple(tuple(t) for t in self.tied))
        object.__setattr__(self, "order", tuple(self.order))
        object.__setattr__(self, "witnesses", tuple(self.witnesses))
        if sorted(self.order) != sorted(c for c, _ in self.tied):
            raise VotingError("bad_lot", "the draw order must list every tied candidate once")
        if self.method == "digital" and not (self.seed and self.algorithm):
            raise VotingError("bad_lot", "a digital lot needs its seed and algorithm id (R4.2)")

    def answers(self, request: LotRequest) -> bool:
        """Whether this record was drawn for exactly this tie."""
        return (self.round, self.reason, self.places) == (
            request.round,
            request.reason,
            request.places,
        ) and sorted(self.tied) == sorted(request.tied)


@dataclass(frozen=True)
class RoundInput:
    """What the app holds for one closed round: its ballots, tracking codes and card counts.

    `ballots` is a tuple, or a `voting.grouped.GroupedBallots` (the app's read of a large round).
    """

    number: int
    ballots: Sequence[Ballot]
    tracking_codes: tuple[str, ...] = ()
    on_roll: int = 0
    cards_issued: int = 0


@dataclass(frozen=True)
class Election:
    """A whole election as plain data: the input of `tally_election` and `build_export`."""

    config: Config
    candidates: tuple[Candidate, ...]
    rounds: tuple[RoundInput, ...] = ()
    lots: tuple[LotRecord, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    acceptances: tuple[Acceptance, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
