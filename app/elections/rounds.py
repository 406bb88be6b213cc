"""The officials' control room: rounds, lots, withdrawals, acceptances, remarks (R0.5–R9, R11.1).

Every action appends to the event log; ``voting`` replays the recorded decisions and refuses the
ones its rules forbid, so a refused action is never stored.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import delete, func, select, update

import voting
from app.elections import ledger as lg
from app.elections import sealing
from app.elections.cards import cards_issued
from app.elections.ledger import ElectionError, append_event, iso
from app.elections.models import Election, RollEntry
from app.elections.voting_models import (
    Ballot,
    CommitteeSeat,
    FrozenElection,
    Remark,
    Round,
    TrackingCode,
    VotingCard,
)
from app.extensions import db
from voting import codec
from voting.canonical import plain


def open_round(election: Election) -> Round | None:
    return db.session.scalar(select(Round).where(Round.election_id == election.id,
                                                 Round.status == "open"))


def get_round(election: Election, number: int) -> Round:
    rnd = db.session.scalar(select(Round).where(Round.election_id == election.id,
                                                Round.number == number))
    if rnd is None:
        raise ElectionError("unknown_round")
    return rnd


def on_roll(election: Election) -> int:
    return db.session.scalar(select(func.count(RollEntry.id)).where(
        RollEntry.election_id == election.id, RollEntry.is_eligible.is_(True))) or 0


def cast_count(rnd: Round) -> int:
    """Ballots in a round: "n of m cards used" during it (R10.6), ballots cast after."""
    return db.session.scalar(select(func.count()).select_from(Ballot).where(
        Ballot.round_id == rnd.id)) or 0


def start_round(election: Election, *, actor_id: int | None, now: datetime) -> Round:
    """Open the round ``voting`` says is due, with at least 3 cards issued (R0.5)."""
    config = codec.config_from(lg.frozen(election).config)
    if open_round(election) is not None:
        raise ElectionError("round_open")
    result = lg.state(election)
    if result.status != "awaiting_round" or result.next_round is None:
        raise ElectionError("no_round_due", result.status)
    issued = cards_issued(election)
    if issued < config.min_cards_to_open:
        raise ElectionError("too_few_cards")
    spec = result.next_round
    fields = {"kind": spec.kind, "candidates": list(spec.candidates),
              "votes_per_ballot": spec.votes_per_ballot, "status": "open",
              "on_roll": on_roll(election), "cards_issued": issued, "opened_at": now,
              "closed_at": None, "commitment": None}
    rnd = db.session.scalar(select(Round).where(  # a void round is held again (R0.5)
        Round.election_id == election.id, Round.number == spec.number, Round.status == "void"))
    if rnd is None:
        rnd = Round(election_id=election.id, number=spec.number)
        db.session.add(rnd)
    for key, value in fields.items():
        setattr(rnd, key, value)
    sealing.reshuffle_register(election.id)  # R10.5: no trace of the order cards were handed out
    db.session.flush()
    append_event(election, "cards_issued", {"round": spec.number, "count": issued},
                 at=now, actor_id=actor_id)
    append_event(election, "round_opened", {"round": spec.number, "kind": spec.kind,
                                            "candidates": list(spec.candidates)},
                 at=now, actor_id=actor_id)
    return rnd


def close_round(election: Election, *, actor_id: int | None, now: datetime) -> Round:
    """Close the open round, seal its storage, fix its commitment (R11.2) and log it.

    A round with fewer ballots than the secrecy minimum is void instead (R0.5, ``void_round``).
    """
    rnd = open_round(election)
    if rnd is None:
        raise ElectionError("no_open_round")
    # First rewrite every card (R10.4, sealing.py). On PostgreSQL this waits for the casts in
    # flight, which hold their card's row lock until they commit, so their ballots are read below.
    sealing.touch_cards(election.id)
    cast = cast_count(rnd)
    if cast < codec.config_from(lg.frozen(election).config).secrecy_minimum:
        return void_round(election, rnd, cast, actor_id=actor_id, now=now)
    # R10.4/R10.7: no xmin or ctid trace of the casting order; the rows as rewritten are the
    # ones committed to, read once for both
    rows, codes = sealing.reshuffle_round(rnd)
    ballots = lg.ballots_of(rnd.number, rows)
    rnd.status = "closed"
    rnd.closed_at = now
    rnd.commitment = voting.commitment(rnd.number, ballots, tuple(codes))
    db.session.flush()
    append_event(election, "round_closed", {"round": rnd.number, "cast": len(ballots),
                                            "commitment": rnd.commitment},
                 at=now, actor_id=actor_id)
    return rnd


def void_round(election: Election, rnd: Round, cast: int, *, actor_id: int | None,
               now: datetime) -> Round:
    """R0.5: too few ballots for a secret result. The round is void and may be held again.

    Its ballots and tracking codes are discarded unread (nothing of them is shown, exported or
    committed), its voters get their card back for the repeat, and the event log and the
    protocol (an incident remark) say so. ``start_round`` reopens the same round number.
    """
    number = rnd.number
    db.session.flush()
    db.session.execute(delete(Ballot).where(Ballot.round_id == rnd.id)
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(TrackingCode).where(TrackingCode.round_id == rnd.id)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(VotingCard).where(
        VotingCard.election_id == election.id, VotingCard.used_in_round == number,
    ).values(used_in_round=None).execution_options(synchronize_session=False))
    rnd.status = "void"
    rnd.closed_at = now
    rnd.commitment = None
    db.session.add(Remark(
        election_id=election.id, kind="incident", round_number=number, by="", at=now,
        text=(f"Wahlgang {number} ist ungültig: nur {cast} Stimmzettel abgegeben, weniger als "
              f"die Mindestzahl für eine geheime Wahl (R0.5). Die Stimmzettel wurden "
              f"ungelesen verworfen; der Wahlgang wird wiederholt.")))
    db.session.flush()
    append_event(election, "round_voided", {"round": number, "cast": cast},
                 at=now, actor_id=actor_id)
    return rnd


def cards_used(rnd: Round) -> int:
    return db.session.scalar(select(func.count(VotingCard.id)).where(
        VotingCard.election_id == rnd.election_id, VotingCard.used_in_round == rnd.number)) or 0


def _checked(election: Election, **changes: object) -> voting.ElectionResult:
    """Replay with the new record added; ``voting`` refuses what its rules forbid."""
    candidate = replace(lg.domain(election), **changes)  # type: ignore[arg-type]
    try:
        return voting.tally_election(candidate)
    except voting.VotingError as error:
        raise ElectionError(error.code, str(error)) from None


def draw_lot(election: Election, *, method: str, drawn_by: str, witnesses: list[str],
             order: list[str] | None = None, seed: str = "", actor_id: int | None,
             now: datetime) -> voting.LotRecord:
    """Record the lot the result asks for, physical or digital (R4)."""
    if open_round(election) is not None:
        raise ElectionError("round_open")
    current = lg.domain(election)
    pending = voting.tally_election(current).pending
    if pending is None:
        raise ElectionError("lot_without_tie")
    if not drawn_by.strip():
        raise ElectionError("drawn_by_required")
    try:
        if method == "digital":
            if not seed.strip():
                raise ElectionError("seed_required")
            lot = voting.draw_digital(pending, seed.strip(), drawn_by=drawn_by.strip(),
                                      witnesses=witnesses, at=iso(now))
        else:
            lot = voting.record_physical(pending, order or [], drawn_by=drawn_by.strip(),
                                         witnesses=witnesses, at=iso(now))
    except voting.VotingError as error:
        raise ElectionError(error.code, str(error)) from None
    _checked(election, lots=(*current.lots, lot))
    lg.record(election, "lot", lot, at=now, actor_id=actor_id)
    append_event(election, "lot_drawn", {"lot": plain(lot)}, at=now, actor_id=actor_id)
    return lot


def withdraw(election: Election, candidate_id: str, note: str, *, actor_id: int | None,
             now: datetime) -> voting.Withdrawal:
    """Record a withdrawal before round 1 or between the rounds (R2)."""
    if open_round(election) is not None:
        raise ElectionError("round_open")
    current = lg.domain(election)
    result = voting.tally_election(current)
    if result.status != "awaiting_round" or result.next_round is None:
        raise ElectionError("late_withdrawal")
    entry = voting.Withdrawal(candidate_id, result.next_round.number, iso(now), note.strip())
    _checked(election, withdrawals=(*current.withdrawals, entry))
    lg.record(election, "withdrawal", entry, at=now, actor_id=actor_id)
    append_event(election, "withdrawal", {"withdrawal": plain(entry)}, at=now, actor_id=actor_id)
    return entry


def declare(election: Election, candidate_id: str, accepts: bool, *, actor_id: int | None,
            now: datetime) -> voting.ElectionResult:
    """Record an elected candidate's acceptance or refusal (R7); successors follow (R7.2)."""
    from app.elections.officials import acceptance_deadlines

    current = lg.domain(election)
    if candidate_id not in voting.tally_election(current).awaiting_acceptance:
        raise ElectionError("bad_acceptance")
    deadline = acceptance_deadlines(election).get(candidate_id)
    if deadline is not None and now > deadline:
        raise ElectionError("deadline_passed")  # R7.1: counts as declined, see officials.py
    entry = voting.Acceptance(candidate_id, accepts, iso(now))
    result = _checked(election, acceptances=(*current.acceptances, entry))
    lg.record(election, "acceptance", entry, at=now, actor_id=actor_id)
    append_event(election, "acceptance", {"acceptance": plain(entry)}, at=now, actor_id=actor_id)
    return result


#: Remark kind → event log kind (R11.1); card decisions are logged by ``cards``
REMARK_EVENTS = {"correction": "correction", "objection": "remark", "incident": "remark",
                 "substitute": "substitute"}


def add_remark(election: Election, kind: str, text: str, *, round_number: int | None, by: str,
               actor_id: int | None, now: datetime) -> Remark:
    """A correction (R9.1), objection, incident or substitute delegate (R0.2), all logged.

    R0.2: a substitute delegate is approved by the officials before the round opens.
    """
    if not text.strip():
        raise ElectionError("reason_required")
    if kind not in REMARK_EVENTS:
        raise ElectionError("bad_kind")
    if kind == "substitute" and open_round(election) is not None:
        raise ElectionError("round_open")
    remark = Remark(election_id=election.id, kind=kind, round_number=round_number,
                    text=text.strip(), by=by, at=now)
    db.session.add(remark)
    db.session.flush()
    payload: dict[str, object] = {"round": round_number, "reason": text.strip()}
    if kind != "correction":
        payload = {"kind": kind, "round": round_number, "text": text.strip()}
    append_event(election, REMARK_EVENTS[kind], payload, at=now, actor_id=actor_id)
    return remark


def fill_committee(election: Election, term: str, *, actor_id: int | None,
                   now: datetime) -> list[CommitteeSeat]:
    """The elected (after acceptance) take the committee's MSO seats, kept as data and logged."""
    result = lg.state(election)
    if result.status != "complete":
        raise ElectionError("not_complete")
    if not term.strip():
        raise ElectionError("term_required")
    snapshot = db.session.get(FrozenElection, election.id)
    names = {c["id"]: c for c in snapshot.candidates}  # type: ignore[union-attr]
    from app.elections.models import Nomination

    db.session.execute(CommitteeSeat.__table__.delete().where(  # type: ignore[attr-defined]
        CommitteeSeat.election_id == election.id))
    seats = []
    for number, place in enumerate(result.seats, start=1):
        if place.candidate_id is None:
            continue
        cand = names[place.candidate_id]
        nomination = db.session.get(Nomination, int(place.candidate_id))
        seats.append(CommitteeSeat(
            committee=election.committee_name or election.title, seat=number,
            person=f"{cand['given_name']} {cand['surname']}",
            organisation_id=nomination.organisation_id if nomination else None,
            organisation_name=cand["organisation"], term=term.strip(),
            source=f"elected in {election.title}", election_id=election.id))
    db.session.add_all(seats)
    db.session.flush()
    append_event(election, "committee_filled", {
        "committee": election.committee_name or election.title, "term": term.strip(),
        "seats": [{"seat": s.seat, "person": s.person, "organisation": s.organisation_name}
                  for s in seats]}, at=now, actor_id=actor_id)
    return seats


def tracking_codes(rnd: Round) -> list[str]:
    return sorted(db.session.scalars(select(TrackingCode.code).where(
        TrackingCode.round_id == rnd.id)))
