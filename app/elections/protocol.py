"""The Wahlniederschrift (R11.5): the stored election mapped onto ``app.documents``' data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

import voting
from app.db import utcnow
from app.documents import data as doc
from app.elections import ledger as lg
from app.elections.models import Election
from app.elections.results import software_version
from app.elections.voting_models import Remark, Round
from app.extensions import db

ROUND_NAMES = {"first": "Erster Wahlgang", "runoff": "Stichwahl", "yes_no": "Ja/Nein-Wahlgang"}
SEAT_TYPES = {"women": doc.SeatType.WOMEN, "open": doc.SeatType.OPEN}


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text) if text else utcnow()


def protocol_data(election: Election) -> doc.ProtocolData:
    """Everything R11.5 asks for, in the frozen election's terms."""
    snapshot = lg.frozen(election)
    names = {c["id"]: (f"{c['given_name']} {c['surname']}", c["organisation"])
             for c in snapshot.candidates}
    current = lg.domain(election)
    result = voting.tally_election(current)
    held = [r for r in lg.rounds_of(election) if r.status == "closed"]
    remarks = list(db.session.scalars(select(Remark).where(
        Remark.election_id == election.id).order_by(Remark.at)))
    rounds = tuple(_round(rnd, decided, current, names, remarks)
                   for rnd, decided in zip(held, result.rounds, strict=False))
    first_at = held[0].opened_at if held else snapshot.frozen_at
    return doc.ProtocolData(
        election_name=election.title, committee=election.committee_name or election.title,
        event_title=election.title, event_date=first_at, place=snapshot.place,
        rules_version="ELECTION.md R0–R11", config_fingerprint=snapshot.fingerprint,
        software_version=software_version(), seats=current.config.seats,
        returning_officer=snapshot.returning_officer,
        assessors=tuple(a.strip() for a in snapshot.assessors.split(",") if a.strip()),
        recorder=snapshot.recorder, rounds=rounds,
        config_lines=tuple(f"{k}: {v}" for k, v in sorted(snapshot.config.items())),
        acceptances=_acceptances(result, current, names),
        successors=tuple(
            doc.Successor(i, *names[s.successor], 0, replaces=names[s.declined][0])
            for i, s in enumerate(result.successions, start=1) if s.successor),
        objections=_remarks(remarks, "objection"), incidents=_remarks(remarks, "incident"),
        substitutes=_remarks(remarks, "substitute") + _remarks(remarks, "card"),
        event_log_head=lg.ledger(election).head or "", generated_at=utcnow())


def _remarks(remarks: list[Remark], kind: str, number: int | None = None) -> tuple[doc.Remark, ...]:
    return tuple(doc.Remark(r.text, r.at, r.by) for r in remarks
                 if r.kind == kind and (number is None or r.round_number == number))


def _round(rnd: Round, decided: voting.RoundResult, current: voting.Election,
           names: dict[str, tuple[str, str]], remarks: list[Remark]) -> doc.RoundProtocol:
    tally = decided.tally
    ballots = lg.round_ballots(rnd)
    device = sum(b.source == "device" for b in ballots)
    winners = {p.candidate_id: p.kind for p in decided.places if p.candidate_id}
    outcome = doc.Outcome.ADVANCED if rnd.kind == "first" else doc.Outcome.ELECTED
    no_votes = dict(tally.no_votes)
    results = tuple(
        doc.CandidateResult(
            p.rank, *names[p.candidate_id], p.votes,
            outcome if p.candidate_id in winners else (
                doc.Outcome.NONE if rnd.kind == "first" else doc.Outcome.NOT_ELECTED),
            SEAT_TYPES.get(winners.get(p.candidate_id, ""), doc.SeatType.NONE),
            no_votes.get(p.candidate_id) if rnd.kind == "yes_no" else None)
        for p in decided.ranking)
    lots = tuple(doc.LotRecord(
        reason=f"{lot.reason}: {', '.join(map(str, lot.places))}",
        tied=tuple((names[c][0], v) for c, v in lot.tied), drawn_by=lot.drawn_by,
        witnesses=lot.witnesses, drawn_at=_when(lot.at),
        outcome=tuple(names[c][0] for c in lot.order), seed=lot.seed or "",
        algorithm=lot.algorithm or "") for lot in decided.lots)
    withdrawals = tuple(doc.Withdrawal(*names[w.candidate_id], _when(w.at), w.note)
                        for w in current.withdrawals if w.before_round == rnd.number)
    doubtful = tuple(doc.Remark(f"Nr. {b.doubtful_no}: {b.reason or b.status}")
                     for b in sorted(ballots, key=lambda b: b.doubtful_no or 0)
                     if b.doubtful_no is not None)
    unused = rnd.cards_issued - tally.cast
    note = (f"{unused} ausgegebene Stimmkarten wurden in diesem Wahlgang nicht genutzt."
            if unused > 0 else "")
    return doc.RoundProtocol(
        number=rnd.number, name=ROUND_NAMES.get(rnd.kind, rnd.kind),
        votes_allowed=rnd.votes_per_ballot, opened_at=rnd.opened_at,
        closed_at=rnd.closed_at or rnd.opened_at, entitled=rnd.on_roll,
        cards_issued=rnd.cards_issued, cast=tally.cast,
        # the protocol counts abstentions among the valid ballots ("davon Enthaltungen", R5.2)
        valid=tally.valid + tally.abstentions,
        abstentions=tally.abstentions, results=results, cast_device=device,
        cast_paper=tally.cast - device, invalid_by_reason=tuple(tally.invalid), lots=lots,
        withdrawals=withdrawals, reconciliation_note=note, commitment=rnd.commitment or "",
        tracking_codes=len(lg.round_codes(rnd)),
        vacant_seats=sum(p.candidate_id is None for p in decided.places)
        if rnd.kind != "first" else 0,
        doubtful=doubtful, corrections=_remarks(remarks, "correction", rnd.number),
        notes=tuple(p.note for p in decided.places if p.note), yes_no=rnd.kind == "yes_no")


def _acceptances(result: voting.ElectionResult, current: voting.Election,
                 names: dict[str, tuple[str, str]]) -> tuple[doc.Acceptance, ...]:
    out = [doc.Acceptance(*names[a.candidate_id], "accepted" if a.accepts else "declined",
                          _when(a.at)) for a in current.acceptances]
    out += [doc.Acceptance(*names[c], "pending") for c in result.awaiting_acceptance]
    return tuple(out)
