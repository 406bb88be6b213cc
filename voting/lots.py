"""Drawing of lots (ELECTION.md R4): the digital draw, and handing recorded lots to their ties.

A physical draw is recorded as the order in which the slips came out. A digital draw turns a seed
from a public act (dice rolled by two attendees) into that order with the algorithm below, so anyone
can recompute it from the protocol (R4.1).

Algorithm "sha256-ctr-fisher-yates-v1":
1. key = canonical JSON of {"algorithm", "seed", "round", "reason", "places", "candidates"}, where
   candidates are the tied candidate ids sorted by code point (see voting.canonical).
2. A byte stream: SHA-256(key || counter) for counter = 0, 1, 2 … as 8-byte big-endian integers,
   concatenated; read as unsigned 64-bit big-endian integers.
3. A number below n: take the next integer x; reject it while x >= 2**64 - (2**64 mod n);
   answer x mod n (no modulo bias).
4. Fisher–Yates: for i from len-1 down to 1, j = number below i+1, swap items i and j.
The shuffled list is the draw order: its first entries win the open places.

The order of names on the ballot (R1.1 with [config] "lot") is drawn before the freeze with
algorithm "sha256-sort-v1": the candidate ids sorted by the hex SHA-256 of "<seed>|<id>" (UTF-8),
ties (never seen in practice) by id. The freeze logs it as an "order_lot" event (R11.1).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

from voting.canonical import canonical
from voting.model import LotRecord, LotRequest, VotingError

ALGORITHM = "sha256-ctr-fisher-yates-v1"
ALGORITHM_DESCRIPTION = " ".join(
    (__doc__ or "").split(f'Algorithm "{ALGORITHM}":', 1)[1].split("The order of names")[0].split())
ORDER_ALGORITHM = "sha256-sort-v1"


def order_by_seed(seed: str, ids: Sequence[str]) -> list[str]:
    """The ballot order drawn digitally from `seed` (ORDER_ALGORITHM, R1.1, R4.1)."""
    return sorted(ids, key=lambda i: (hashlib.sha256(f"{seed}|{i}".encode()).hexdigest(), i))


def order_lot_problem(lot: dict[str, object], candidate_ids: Sequence[str]) -> str | None:
    """Why a logged order-of-names lot does not give the frozen candidate order; else None."""
    order = list(lot.get("order") or ())  # type: ignore[call-overload]
    if sorted(order) != sorted(candidate_ids):
        return "the lot does not order exactly the frozen candidates"
    if order != list(candidate_ids):
        return f"the frozen list {list(candidate_ids)} is not in the drawn order {order}"
    if lot.get("method") != "digital":
        return None
    if lot.get("algorithm") != ORDER_ALGORITHM:
        return f"unknown order algorithm {lot.get('algorithm')!r}"
    expected = order_by_seed(str(lot.get("seed") or ""), order)
    return None if expected == order else f"seed gives order {expected}, recorded {order}"


def _integers(key: bytes) -> Iterator[int]:
    counter = 0
    while True:
        block = hashlib.sha256(key + counter.to_bytes(8, "big")).digest()
        for i in range(0, 32, 8):
            yield int.from_bytes(block[i : i + 8], "big")
        counter += 1


def _below(stream: Iterator[int], n: int) -> int:
    limit = 2**64 - (2**64 % n)
    while (x := next(stream)) >= limit:
        pass
    return x % n


def shuffle(seed: str, *, round: int, reason: str, places: Sequence[int],
            candidates: Sequence[str]) -> tuple[str, ...]:
    """The digital draw order for these tied candidates (step 1–4 above)."""
    items = sorted(candidates)
    key = canonical({"algorithm": ALGORITHM, "seed": seed, "round": round, "reason": reason,
                     "places": list(places), "candidates": items})
    stream = _integers(key)
    for i in range(len(items) - 1, 0, -1):
        j = _below(stream, i + 1)
        items[i], items[j] = items[j], items[i]
    return tuple(items)


def draw_digital(request: LotRequest, seed: str, *, drawn_by: str,
                 witnesses: Sequence[str] = (), at: str = "") -> LotRecord:
    """Draw the lot a result asks for from a public seed (R4.1) and record it (R4.2)."""
    order = shuffle(seed, round=request.round, reason=request.reason, places=request.places,
                    candidates=request.candidate_ids)
    return LotRecord(request.round, request.reason, request.places, request.tied, order,
                     "digital", drawn_by, tuple(witnesses), at, seed, ALGORITHM)


def record_physical(request: LotRequest, order: Sequence[str], *, drawn_by: str,
                    witnesses: Sequence[str] = (), at: str = "") -> LotRecord:
    """Record a physical draw: `order` is the order in which the slips were drawn (R4.1)."""
    return LotRecord(request.round, request.reason, request.places, request.tied, tuple(order),
                     "physical", drawn_by, tuple(witnesses), at)


def recompute_problem(lot: LotRecord) -> str | None:
    """For a digital lot, why its recorded order is not what its seed gives; else None."""
    if lot.method != "digital":
        return None
    if lot.algorithm != ALGORITHM:
        return f"unknown lot algorithm {lot.algorithm!r}"
    expected = shuffle(lot.seed or "", round=lot.round, reason=lot.reason, places=lot.places,
                       candidates=[c for c, _ in lot.tied])
    if expected != lot.order:
        return f"seed gives order {list(expected)}, recorded {list(lot.order)}"
    return None


class LotBox:
    """Hands recorded lots to the ties that ask for them and keeps track of the unused ones.

    A lot that no tie asked for is an error (R4.3): `close()` raises for it.
    """

    def __init__(self, lots: Sequence[LotRecord]) -> None:
        self._unused = list(lots)
        self.used: list[LotRecord] = []

    def take(self, request: LotRequest) -> LotRecord | None:
        for lot in self._unused:
            if lot.answers(request):
                self._unused.remove(lot)
                self.used.append(lot)
                return lot
        return None

    def close(self) -> None:
        if self._unused:
            lot = self._unused[0]
            raise VotingError(
                "lot_without_tie",
                f"round {lot.round}: no tie at a cut-off for the lot on {lot.reason} places "
                f"{list(lot.places)} among {sorted(c for c, _ in lot.tied)} (ELECTION.md R4.3)",
            )
