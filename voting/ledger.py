"""The hash-chained event log (ELECTION.md R11.1), round commitments (R11.2), fingerprint (R0.1).

Each log entry names the digest of its predecessor, as in Belenios' public record, so no entry can
be changed, dropped or moved without breaking every later link. Ballots are never in the log
(R10.5, R11.1); a round is bound to its ballots by its commitment instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from voting import grouped
from voting.canonical import canonical, digest
from voting.model import Ballot, Candidate, Config

#: The event kinds of R11.1. There is deliberately no kind for a single ballot (R10.5).
KINDS = (
    "frozen",  # {"fingerprint"}
    "order_lot",  # {"order_lot": method, drawn_by, witnesses, at, seed, algorithm, order} (R1.1)
    "cards_created",  # {"count"}
    "cards_issued",  # {"round", "count"}: how many organisations hold a card, never which card
    "round_opened",  # {"round", "kind", "candidates"}
    "round_closed",  # {"round", "cast", "commitment"}
    "round_voided",  # {"round", "cast"}: fewer ballots than the secrecy minimum (R0.5)
    "lot_drawn",  # {"lot": the LotRecord}
    "withdrawal",  # {"withdrawal": the Withdrawal}
    "correction",  # {"round", "reason"} (R9.1)
    "acceptance",  # {"acceptance": the Acceptance}
    "export",  # {"rounds"}
    # the officials' other recorded actions (R11.1); none names a card, a token or a ballot
    "card_voided",  # {"count"}: a damaged card returned (R10.3)
    "card_replaced",  # {"before_round", "reason"}: a lost card replaced by decision (R10.3)
    "presence_confirmed",  # {"organisation", "reason"}: "delegate present" override (R0.3)
    "substitute",  # {"organisation", "text"}: substitute delegate approved (R0.2)
    "remark",  # {"kind": "objection" | "incident", "round", "text"}
    "protocol_info",  # {"place", "returning_officer", "assessors", "recorder"} (R11.5)
    "committee_filled",  # {"committee", "term", "seats"}
    "deadline_passed",  # {"candidate"}: no declaration by the R7.1 deadline, counted as declined
    "by_election",  # {"election", "title", "seats"}: a by-election for the vacant seats (R6.2)
)


@dataclass(frozen=True)
class Entry:
    """One event; `at` is the time the caller passes in (ISO 8601)."""

    height: int
    parent: str | None
    kind: str
    at: str
    payload: Mapping[str, object] = field(default_factory=dict)

    def digest(self) -> str:
        return digest(self)


@dataclass(frozen=True)
class Ledger:
    """An append-only log: `append` returns a new ledger, the old one is untouched."""

    entries: tuple[Entry, ...] = ()

    @property
    def head(self) -> str | None:
        """The digest of the last entry: printed on the protocol, it pins the whole log."""
        return self.entries[-1].digest() if self.entries else None

    def append(self, kind: str, payload: Mapping[str, object], *, at: str) -> Ledger:
        if kind not in KINDS:
            raise ValueError(f"unknown event kind {kind!r} (ELECTION.md R11.1)")
        entry = Entry(len(self.entries), self.head, kind, at, dict(payload))
        return Ledger((*self.entries, entry))


def chain_problems(entries: Sequence[Entry]) -> list[str]:
    """Why these entries are not one unbroken chain from height 0; empty when they are."""
    problems = []
    parent = None
    for i, entry in enumerate(entries):
        if entry.height != i:
            problems.append(f"entry {i} has height {entry.height}")
        if entry.parent != parent:
            problems.append(f"entry {i} does not name the digest of entry {i - 1} as its parent")
        if entry.kind not in KINDS:
            problems.append(f"entry {i} has unknown kind {entry.kind!r}")
        parent = entry.digest()
    return problems


def fingerprint(config: Config, candidates: Iterable[Candidate]) -> str:
    """SHA-256 of the frozen configuration and candidate list (R0.1)."""
    return digest({"config": config, "candidates": list(candidates)})


def commitment(round_number: int, ballots: Iterable[Ballot], tracking_codes: Iterable[str]) -> str:
    """R11.2: SHA-256 over the round's ballots and tracking codes, each sorted.

    Ballots enter without their ids (`Ballot.content`), sorted by their canonical JSON, so the
    published, id-free ballot list is enough to recompute it and reading order never matters.
    """
    if not isinstance(ballots, list | tuple | grouped.GroupedBallots):
        ballots = list(ballots)
    groups = grouped.ballot_groups(ballots)
    if groups is not None:
        tracking_codes = list(tracking_codes)
        contents = [(b.content(), n) for b, n in groups]
        if (fast := grouped.commitment(round_number, contents, tracking_codes)) is not None:
            return fast
    return commitment_of(round_number, [b.content() for b in ballots], tracking_codes)


def commitment_of(round_number: int, contents: Iterable[Mapping[str, object]],
                  tracking_codes: Iterable[str]) -> str:
    """The commitment from published ballot contents (what the verifier has)."""
    contents = contents if isinstance(contents, list | tuple) else list(contents)
    groups = grouped.content_groups(contents)
    if groups is not None:
        tracking_codes = list(tracking_codes)
        if (fast := grouped.commitment(round_number, groups, tracking_codes)) is not None:
            return fast
    ordered = sorted(contents, key=canonical)
    return digest({"round": round_number, "ballots": ordered,
                   "tracking_codes": sorted(tracking_codes)})

