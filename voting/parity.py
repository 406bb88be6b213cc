"""Parity (ELECTION.md R8): reserved places for women's-place candidates, then open places.

Finalists (R8.2) reserve ⌈F/2⌉ places, seats (R8.3) reserve ⌈S/2⌉ (one of two seats, as R8.3
says for S = 2). Reserved places go to the best-ranked women's-place candidates; the rest go to
the best of everyone not yet placed. A lot is drawn only within the pool whose cut-off is tied.
Reserved places nobody can take are filled openly or stay vacant, as configured (R8.4); the
place's note says which, so the protocol says so.
"""

from __future__ import annotations

from collections.abc import Collection

from voting.cutoff import Scores, select
from voting.lots import LotBox
from voting.model import Config, LotRequest
from voting.results import Place

FILLED_OPENLY = "reserved women's place filled openly (ELECTION.md R8.4)"
STAYS_VACANT = "reserved women's place stays vacant (ELECTION.md R8.4)"


def reserved(places: int) -> int:
    """⌈places / 2⌉ (R8.2)."""
    return (places + 1) // 2


def pooled_places(config: Config, scores: Scores, places: int, *, women: Collection[str],
                  round: int, reason: str, box: LotBox, vacancy_note: str,
                  all_tied_advance: bool = False) -> tuple[tuple[Place, ...], LotRequest | None]:
    """Fill `places` under R8: women's pool first, then the open pool; vacancies padded."""
    r = reserved(places)
    pool = [s for s in scores if s[0] in women]
    w = select(pool, r, round=round, reason=f"{reason}_women", box=box,
               all_tied_advance=all_tied_advance)
    result = [Place(c, "women") for c in w.chosen]
    if w.pending:
        return tuple(result), w.pending
    unused = max(0, r - len(w.chosen))
    fill = config.parity_unused == "fill_openly"
    if not fill:
        result += [Place(None, "women", STAYS_VACANT)] * unused
    rest = [s for s in scores if s[0] not in w.chosen]
    n_open = places - r + (unused if fill else 0)
    o = select(rest, n_open, round=round, reason=f"{reason}_open", box=box,
               all_tied_advance=all_tied_advance)
    openly = set(o.chosen[n_open - unused : n_open]) if fill and unused else set()
    result += [Place(c, "open", FILLED_OPENLY if c in openly else "") for c in o.chosen]
    if o.pending:
        return tuple(result), o.pending
    result += [Place(None, "open", vacancy_note)] * (places - len(result))
    return tuple(result), None
