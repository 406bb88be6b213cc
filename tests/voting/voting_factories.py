"""Factories for election tests: candidates, ballots, and a full election replayed into a log."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from voting import lots
from voting.election import tally_election
from voting.ledger import Ledger, commitment, fingerprint
from voting.model import (
    Acceptance,
    Ballot,
    Candidate,
    Config,
    Election,
    RoundInput,
    Withdrawal,
)
from voting.results import RoundSpec

AT = "2026-11-20T18:00:00+01:00"
Votes = Sequence[Ballot] | Callable[[RoundSpec], Sequence[Ballot]]


def candidates(n: int, women: Iterable[int] = ()) -> tuple[Candidate, ...]:
    """Candidates c01…cNN whose surnames sort in id order, so ballot order is id order."""
    w = set(women)
    return tuple(
        Candidate(f"c{i:02d}", f"Name{i:02d}", "Vorname", f"Verein {i}", womens_place=i in w)
        for i in range(1, n + 1)
    )


def bid(round: int, index: int, salt: str = "") -> str:
    """A deterministic stand-in for the app's random 128-bit ballot id."""
    return hashlib.sha256(f"{salt}{round}/{index}".encode()).hexdigest()[:32]


def ballots(round: int, *marks: Sequence[str] | str, source: str = "device") -> list[Ballot]:
    """One ballot per argument: a candidate id, a tuple of ids, or "" for an abstention."""
    out = []
    for i, m in enumerate(marks):
        chosen = (m,) if isinstance(m, str) and m else tuple(m)
        out.append(Ballot(bid(round, i, source), round, chosen, source=source))
    return out


def votes(round: int, counts: dict[str, int], abstentions: int = 0) -> list[Ballot]:
    """k = 1 ballots from vote counts per candidate."""
    marks = [c for c, n in counts.items() for _ in range(n)] + [""] * abstentions
    return ballots(round, *marks)


def simulate(
    config: Config,
    cands: Sequence[Candidate],
    rounds: Sequence[Votes],
    withdrawals: Sequence[Withdrawal] = (),
    acceptances: Sequence[Acceptance] = (),
    seed: str = "4-2-6",
    answer: Callable[[str], bool] | None = None,
) -> tuple[Election, Ledger]:
    """Run an election as the app would: log, open, cast, close, draw every lot digitally.

    Rounds past the last one due are ignored; `answer` decides every open acceptance (R7).
    """
    log = Ledger().append("frozen", {"fingerprint": fingerprint(config, cands)}, at=AT)
    log = log.append("cards_created", {"count": 40}, at=AT)
    election = Election(config, tuple(cands), withdrawals=tuple(withdrawals))
    for w in withdrawals:
        if w.before_round == 1:
            log = log.append("withdrawal", {"withdrawal": w}, at=AT)
    for n, given in enumerate(rounds, 1):
        spec = tally_election(election).next_round
        if spec is None:
            break
        for w in withdrawals:
            if w.before_round == n > 1:
                log = log.append("withdrawal", {"withdrawal": w}, at=AT)
        cast = list(given(spec) if callable(given) else given)
        issued = max(len(cast), config.min_cards_to_open)
        log = log.append("cards_issued", {"round": n, "count": issued}, at=AT)
        log = log.append(
            "round_opened",
            {"round": n, "kind": spec.kind, "candidates": list(spec.candidates)},
            at=AT,
        )
        codes = tuple(bid(n, i, "t") for i, b in enumerate(cast) if b.source == "device")
        held = RoundInput(n, tuple(cast), codes, on_roll=issued + 2, cards_issued=issued)
        election = replace(election, rounds=(*election.rounds, held))
        log = log.append(
            "round_closed",
            {"round": n, "cast": len(cast), "commitment": commitment(n, cast, codes)},
            at=AT,
        )
        election, log = draw_lots(election, log, seed)
    for a in acceptances:
        election, log = accept(election, log, a, seed)
    while answer and (asked := tally_election(election).awaiting_acceptance):
        for c in asked:
            election, log = accept(election, log, Acceptance(c, answer(c), AT), seed)
    return election, log


def accept(election: Election, log: Ledger, a: Acceptance, seed: str) -> tuple[Election, Ledger]:
    """Record one declaration and draw any lot a successor needs (R7.2)."""
    election = replace(election, acceptances=(*election.acceptances, a))
    log = log.append("acceptance", {"acceptance": a}, at=AT)
    return draw_lots(election, log, seed)


def draw_lots(election: Election, log: Ledger, seed: str) -> tuple[Election, Ledger]:
    """Draw every lot the election asks for, digitally, and log it (R4)."""
    while (result := tally_election(election)).pending:
        lot = lots.draw_digital(
            result.pending,
            seed,
            drawn_by="Wahlleitung",
            witnesses=("Beisitz 1", "Beisitz 2"),
            at=AT,
        )
        election = replace(election, lots=(*election.lots, lot))
        log = log.append("lot_drawn", {"lot": lot}, at=AT)
    return election, log


def two_round_election() -> tuple[Election, Ledger]:
    """Six candidates, a tie at the cut-off in round 1 (lot), a runoff tie for the last seat."""
    cands = candidates(6, women={2, 4})
    round1 = votes(1, {"c01": 5, "c02": 4, "c03": 3, "c04": 2, "c05": 2, "c06": 1}, abstentions=1)
    round1 += [Ballot(bid(1, 99), 1, (), reason="unclear_will", source="paper")]

    def runoff(spec: RoundSpec) -> list[Ballot]:
        a, b, c, d = spec.candidates
        return votes(2, {a: 6, b: 4, c: 4, d: 1}, abstentions=2)

    return simulate(Config(), cands, [round1, runoff], acceptances=[Acceptance("c01", True, AT)])
