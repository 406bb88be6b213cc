"""Round results, the audit export and CSV, built from ``voting``'s replay (R0.5, R11.3, R11.4)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import voting
from app.elections import ledger as lg
from app.elections.ledger import ElectionError, append_event
from app.elections.models import Election
from app.elections.voting_models import Round
from voting import codec


def software_version() -> str:
    try:
        return f"teilhabe {version('teilhabe')}"
    except PackageNotFoundError:
        return "teilhabe (unknown version)"


@dataclass(frozen=True)
class Line:
    """One candidate's line in a round's public result."""

    rank: int
    candidate_id: str
    name: str
    organisation: str
    votes: int
    no_votes: int | None
    outcome: str  # "advanced", "elected", ""


@dataclass(frozen=True)
class PublicLot:
    """A lot of the round with names, not ids (R4.2, R11.3): the first drawn win."""

    reason: str
    order: tuple[str, ...]
    method: str
    seed: str


@dataclass(frozen=True)
class PublicRound:
    """What is published of a closed round (R11.3), or why nothing is (R0.5)."""

    rnd: Round
    shown: bool
    decided: voting.RoundResult | None
    lines: tuple[Line, ...]
    codes: tuple[str, ...]
    lots: tuple[PublicLot, ...] = ()
    #: Candidates who withdrew before this round (R2), by name
    withdrawals: tuple[str, ...] = ()

    @property
    def invalid(self) -> tuple[tuple[str, int], ...]:
        return self.decided.tally.invalid if self.decided else ()


def public_rounds(election: Election) -> list[PublicRound]:
    """Closed rounds, each with its result if at least 3 ballots were cast (R0.5), and void ones."""
    snapshot = lg.frozen(election)
    minimum = codec.config_from(snapshot.config).secrecy_minimum
    names = {c["id"]: c for c in snapshot.candidates}
    closed = [r for r in lg.rounds_of(election) if r.status == "closed"]
    current = lg.domain(election)
    decided = voting.tally_election(current).rounds if closed else ()
    codes = {held.number: held.tracking_codes for held in current.rounds}
    out = []
    for rnd, result in zip(closed, decided, strict=False):
        shown = result.tally.cast >= minimum
        lines = tuple(_lines(result, names)) if shown else ()
        lots = tuple(PublicLot(lot.reason, tuple(_name(names, c) for c in lot.order),
                               lot.method, lot.seed or "") for lot in result.lots) if shown else ()
        gone = tuple(_name(names, w.candidate_id) for w in current.withdrawals
                     if w.before_round == rnd.number)
        out.append(PublicRound(rnd, shown, result if shown else None, lines,
                               codes[rnd.number] if shown else (), lots, gone))
    # a void round (R0.5, closed with too few ballots) is listed without anything of its ballots
    out += [PublicRound(r, False, None, (), ()) for r in lg.rounds_of(election)
            if r.status == "void"]
    return sorted(out, key=lambda p: p.rnd.number)


def _name(names: dict[str, dict[str, Any]], candidate_id: str) -> str:
    candidate = names[candidate_id]
    return f"{candidate['given_name']} {candidate['surname']}"


def _lines(result: voting.RoundResult, names: dict[str, dict[str, Any]]) -> list[Line]:
    winners = {p.candidate_id for p in result.places if p.candidate_id}
    outcome = "advanced" if result.spec.kind == "first" else "elected"
    no_votes = dict(result.tally.no_votes)
    return [Line(p.rank, p.candidate_id, f"{names[p.candidate_id]['given_name']} "
                 f"{names[p.candidate_id]['surname']}", names[p.candidate_id]["organisation"],
                 p.votes, no_votes.get(p.candidate_id) if no_votes else None,
                 outcome if p.candidate_id in winners else "")
            for p in result.ranking]


def results_csv(public: PublicRound) -> str:
    """One round's published result as CSV (semicolon, as German spreadsheets expect)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(["round", "rank", "candidate", "organisation", "votes", "no_votes",
                     "outcome"])
    for line in public.lines:
        writer.writerow([public.rnd.number, line.rank, _safe(line.name),
                         _safe(line.organisation), line.votes,
                         "" if line.no_votes is None else line.no_votes, line.outcome])
    tally = public.decided.tally if public.decided else None
    if tally:
        number = public.rnd.number
        writer.writerow([])
        writer.writerow([number, "on_roll", public.rnd.on_roll])
        writer.writerow([number, "cards_issued", public.rnd.cards_issued])
        for key in ("cast", "valid", "abstentions"):
            writer.writerow([number, key, getattr(tally, key)])
        writer.writerow([number, "invalid", sum(n for _, n in tally.invalid)])
        for reason, n in tally.invalid:
            writer.writerow([number, f"invalid:{reason}", n])
        for name in public.withdrawals:
            writer.writerow([number, "withdrawn", _safe(name)])
        for lot in public.lots:
            writer.writerow([number, f"lot:{lot.reason}", _safe(" > ".join(lot.order)),
                             lot.method, _safe(lot.seed)])
    return buf.getvalue()


def _safe(text: str) -> str:
    """No spreadsheet formulas from names (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def meta(election: Election) -> dict[str, str]:
    snapshot = lg.frozen(election)
    return {"election": election.title, "committee": election.committee_name,
            "place": snapshot.place, "software": software_version(),
            "rules": "ELECTION.md R0-R11"}


def audit_export(election: Election, *, log_export: bool = False, at: datetime | None = None,
                 actor_id: int | None = None) -> dict[str, Any]:
    """The audit export (R11.4); ``voting`` refuses one below the secrecy minimum or a lot due.

    ``log_export`` appends an "export" entry first (the CLI does; public reads do not write).
    """
    current = lg.domain(election, meta=meta(election))  # read once: a round may be huge
    if voting.tally_election(current).status == "awaiting_lot":
        raise ElectionError("lot_undrawn")
    if log_export and at is not None:
        held = [r.number for r in lg.rounds_of(election) if r.status == "closed"]
        append_event(election, "export", {"rounds": held}, at=at, actor_id=actor_id)
    try:
        return voting.build_export(current, lg.ledger(election))
    except voting.VotingError as error:
        raise ElectionError(error.code, str(error)) from None
