"""The Wahlniederschrift (R11.5): the stored election mapped onto ``app.documents``' data."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

import voting
from app.auth.models import User
from app.db import utcnow
from app.documents import data as doc
from app.elections import byelection, cards
from app.elections import ledger as lg
from app.elections.models import Election
from app.elections.officials import missed_deadlines
from app.elections.results import software_version
from app.elections.voting_models import Ballot, DelegatePresence, Remark, Round
from app.events.models import Event
from app.extensions import db
from app.organisations.models import Organisation
from voting import grouped

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
    event = db.session.get(Event, election.event_id) if election.event_id else None
    kinds = _seat_kinds(result)
    return doc.ProtocolData(
        election_name=election.title, committee=election.committee_name or election.title,
        event_title=event.title if event else election.title,
        event_date=_event_day(event, first_at),
        place=snapshot.place or (event.venue if event else ""),
        rules_version="ELECTION.md R0–R11", config_fingerprint=snapshot.fingerprint,
        software_version=software_version(), seats=current.config.seats,
        returning_officer=snapshot.returning_officer,
        assessors=tuple(a.strip() for a in snapshot.assessors.split(",") if a.strip()),
        recorder=snapshot.recorder, rounds=rounds,
        config_lines=tuple(f"{k}: {v}" for k, v in sorted(snapshot.config.items())),
        acceptances=_acceptances(result, current, names, kinds, missed_deadlines(election)),
        successors=tuple(
            doc.Successor(i, *names[s.successor], _votes(result, s.successor),
                          replaces=names[s.declined][0])
            for i, s in enumerate(result.successions, start=1) if s.successor),
        objections=_remarks(remarks, "objection"), incidents=_remarks(remarks, "incident"),
        vacancy_note=byelection.by_election_line(election),
        by_election_of=_original_title(election),
        substitutes=_remarks(remarks, "substitute") + _remarks(remarks, "card")
        + _replacements(election),
        order_lot=_order_lot(election, names), presence_overrides=_presences(election),
        event_log_head=lg.ledger(election).head or "", generated_at=utcnow())


def _original_title(election: Election) -> str:
    """The title of the election a by-election fills seats of (R6.2), else empty."""
    original = (db.session.get(Election, election.by_election_of_id)
                if election.by_election_of_id else None)
    return original.title if original else ""


def _event_day(event: Event | None, first_at: datetime) -> datetime:
    """The assembly's day: the event day the first round was held on, else its first day."""
    if event is None or not event.days:
        return first_at
    held_on = [d.starts_at for d in event.days if d.starts_at.date() == first_at.date()]
    return held_on[0] if held_on else event.days[0].starts_at


def _seat_kinds(result: voting.ElectionResult) -> dict[str, str]:
    """Each elected candidate's seat type (R8.3), a successor taking the declined seat's."""
    kinds = {p.candidate_id: p.kind for p in (result.rounds[-1].places if result.rounds else ())
             if p.candidate_id and result.rounds[-1].spec.kind != "first"}
    for s in result.successions:
        if s.successor and s.declined in kinds:
            kinds[s.successor] = kinds[s.declined]
    kinds.update({p.candidate_id: p.kind for p in result.seats if p.candidate_id})
    return kinds


def _votes(result: voting.ElectionResult, candidate_id: str) -> int:
    """The successor's votes in the deciding round (R7.2: runoff ranking)."""
    ranking = result.rounds[-1].ranking if result.rounds else ()
    return next((p.votes for p in ranking if p.candidate_id == candidate_id), 0)


def _order_lot(election: Election, names: dict[str, tuple[str, str]]) -> doc.LotRecord | None:
    """The logged drawing of lots for the order of names (R1.1, R4.2, R11.1)."""
    logged = [e.payload.get("order_lot") for e in lg.ledger(election).entries
              if e.kind == "order_lot"]
    lot = logged[-1] if logged else None
    if not isinstance(lot, dict):
        return None
    return doc.LotRecord(
        reason=_("Order of names on the ballot (R1.1)"), tied=(), drawn_by=lot["drawn_by"],
        witnesses=tuple(w.strip() for w in str(lot.get("witnesses") or "").split(",")
                        if w.strip()),
        drawn_at=_when(lot["at"]),
        outcome=tuple(names[c][0] if c in names else c for c in lot["order"]),
        seed=lot.get("seed") or "", algorithm=lot.get("algorithm") or "")


def _presences(election: Election) -> tuple[doc.Remark, ...]:
    """The officials' "delegate present" overrides with reason and who decided (R0.3)."""
    rows = db.session.execute(select(DelegatePresence, Organisation.name, User.name).join(
        Organisation, Organisation.id == DelegatePresence.organisation_id).outerjoin(
        User, User.id == DelegatePresence.confirmed_by_id).where(
        DelegatePresence.election_id == election.id)).all()
    rows.sort(key=lambda row: row[1].casefold())
    return tuple(doc.Remark(f"{org}: {p.reason or '–'}", None, by or "")  # no time (R10.5)
                 for p, org, by in rows)


def _replacements(election: Election) -> tuple[doc.Remark, ...]:
    """Which organisations got a replacement card, without a time (R10.3, R10.5)."""
    return tuple(doc.Remark(_("%(name)s: %(n)s replacement card(s)", name=name, n=n))
                 for name, n in cards.replacements(election))


def _remarks(remarks: list[Remark], kind: str, number: int | None = None) -> tuple[doc.Remark, ...]:
    return tuple(doc.Remark(r.text, r.at, r.by) for r in remarks
                 if r.kind == kind and (number is None or r.round_number == number))


def _round(rnd: Round, decided: voting.RoundResult, current: voting.Election,
           names: dict[str, tuple[str, str]], remarks: list[Remark]) -> doc.RoundProtocol:
    tally = decided.tally
    held = next(h for h in current.rounds if h.number == rnd.number)  # read once, in build
    device = sum(n for b, n in grouped.counts(held.ballots) if b.source == "device")
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
    doubtful = _doubtful(rnd, names)
    unused = rnd.cards_issued - tally.cast
    note = (f"{unused} ausgegebene Stimmkarten wurden in diesem Wahlgang nicht genutzt."
            if unused > 0 else "")
    if unused < 0:  # R10.8: more ballots than cards, e.g. paper ballots keyed in twice
        note = _("More ballots were cast than voting cards were issued (%(device)s on devices, "
                 "%(paper)s on paper): the officials must clear this up before signing.",
                 device=device, paper=tally.cast - device)
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


def _doubtful(rnd: Round, names: dict[str, tuple[str, str]]) -> tuple[doc.Remark, ...]:
    """Each doubtful paper ballot with its number, the officials' decision and reason (R5.2)."""
    rows = db.session.scalars(select(Ballot).where(
        Ballot.round_id == rnd.id, Ballot.doubtful_no.is_not(None)).order_by(Ballot.doubtful_no))
    return tuple(doc.Remark(_("No. %(number)s: %(decision)s. Reason: %(reason)s",
                              number=row.doubtful_no, decision=_decision(row, names),
                              reason=row.doubtful_reason or "–")) for row in rows)


def _decision(row: Ballot, names: dict[str, tuple[str, str]]) -> str:
    """The officials' ruling on a doubtful ballot in words."""
    if row.status == "invalid":
        return _("ruled invalid (%(reason)s)", reason=row.reason)
    if row.answers:
        return _("ruled valid: %(choice)s", choice=", ".join(
            f"{names[c][0] if c in names else c}: {_('yes') if a == 'yes' else _('no')}"
            for c, a in row.answers))
    if row.status == "abstention":
        return _("ruled valid, an abstention")
    return _("ruled valid: %(choice)s", choice=", ".join(
        names[m][0] if m in names else m for m in sorted(row.marks)))


def _acceptances(result: voting.ElectionResult, current: voting.Election,
                 names: dict[str, tuple[str, str]], kinds: dict[str, str],
                 missed: set[str]) -> tuple[doc.Acceptance, ...]:
    """Declarations in recorded order with the seat type (R7.1, R8.3); pending ones last."""
    def seat(cid: str) -> doc.SeatType:
        return SEAT_TYPES.get(kinds.get(cid, ""), doc.SeatType.NONE)

    def decision(a: voting.Acceptance) -> str:
        if a.accepts:
            return "accepted"
        return "deadline_missed" if a.candidate_id in missed else "declined"

    out = [doc.Acceptance(*names[a.candidate_id], decision(a), _when(a.at), seat(a.candidate_id))
           for a in current.acceptances]
    out += [doc.Acceptance(*names[c], "pending", seat_type=seat(c))
            for c in result.awaiting_acceptance]
    return tuple(out)
