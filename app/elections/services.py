"""Elections: configuration, nomination window, ballot order, the published candidate list.

Services get the actor and the time, flush, and never commit; on an ElectionError the caller
rolls back. Rules are cited as ``ELECTION.md R…``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.documents.i18n import fmt_short_date
from app.elections.models import (
    BallotOrder,
    CandidateOrderLot,
    Election,
    ElectionStatus,
    Nomination,
    NominationStatus,
    TieVariant,
)
from app.extensions import db
from voting.collation import din_5007_key
from voting.lots import ORDER_ALGORITHM, order_by_seed

#: The documented digital lot for the order of names (R4.1): sort by SHA-256("<seed>|<id>")
LOT_ALGORITHM = ORDER_ALGORITHM
#: R8.4: unused reserved places are filled openly (default) or [config] stay vacant
PARITY_UNUSED = ("fill_openly", "stay_vacant")
CONFIG_FIELDS = (
    "title",
    "event_id",
    "committee_name",
    "seats",
    "finalists",
    "votes_round1",
    "votes_runoff",
    "tie_variant",
    "parity",
    "parity_unused",
    "ballot_order",
    "allow_replacement",
    "nomination_opens_at",
    "nomination_closes_at",
    "acceptance_deadline_days",
)


class ElectionError(Exception):
    """A rule about elections, the roll or nominations was broken; ``code`` is stable."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _check_config(values: Mapping[str, Any]) -> None:
    if not str(values.get("title") or "").strip():
        raise ElectionError("empty_title")
    if not 1 <= values["seats"] <= values["finalists"]:
        raise ElectionError("bad_seats")
    if values["votes_round1"] < 1 or values["votes_runoff"] < 1:
        raise ElectionError("bad_votes")
    if values["tie_variant"] not in set(TieVariant) or values["ballot_order"] not in set(
        BallotOrder
    ):
        raise ElectionError("bad_choice")
    if values.get("parity_unused", PARITY_UNUSED[0]) not in PARITY_UNUSED:
        raise ElectionError("bad_choice")
    opens, closes = values.get("nomination_opens_at"), values.get("nomination_closes_at")
    if opens and closes and closes <= opens:
        raise ElectionError("bad_window")
    if values.get("event_id") is not None and _event(values["event_id"]) is None:
        raise ElectionError("unknown_event")  # not a foreign-key error at flush


def _event(event_id: object) -> object | None:
    from app.events.models import Event  # events import the election models

    return db.session.get(Event, event_id) if isinstance(event_id, int) else None


def event_choices() -> list[tuple[int, str]]:
    """The events an election assembly can be, newest first, as (id, "title (first day)")."""
    from app.events.models import Event

    events = db.session.scalars(
        select(Event).options(selectinload(Event.days)).order_by(Event.id.desc())
    ).all()
    return [
        (e.id, f"{e.title} ({fmt_short_date(e.days[0].starts_at)})" if e.days else e.title)
        for e in events
    ]


def create_election(values: Mapping[str, Any], *, actor: User, now: datetime) -> Election:
    """Set up an election in draft."""
    _check_config(values)
    election = Election(
        **{f: values[f] for f in CONFIG_FIELDS if f in values},
        created_by_id=actor.id,
        created_at=now,
    )
    db.session.add(election)
    db.session.flush()
    return election


def update_election(election: Election, values: Mapping[str, Any], *, actor: User) -> None:
    """Change the configuration; only until it is frozen (R0.1)."""
    if election.status == ElectionStatus.FROZEN.value:
        raise ElectionError("frozen")
    _check_config(values)
    for name in CONFIG_FIELDS:
        if name in values:
            setattr(election, name, values[name])
    db.session.flush()


def open_nominations(election: Election, *, actor: User, now: datetime) -> None:
    """Start accepting nominations; the window's close time must be set."""
    if election.status != ElectionStatus.DRAFT.value:
        raise ElectionError("not_draft")
    if election.nomination_closes_at is None or election.nomination_closes_at <= now:
        raise ElectionError("bad_window")
    election.status = ElectionStatus.NOMINATIONS_OPEN.value
    db.session.flush()


def confirmed_nominations(election: Election) -> list[Nomination]:
    return list(
        db.session.scalars(
            select(Nomination).where(
                Nomination.election_id == election.id,
                Nomination.status == NominationStatus.CONFIRMED.value,
            )
        )
    )


def alphabetical(nominations: Sequence[Nomination]) -> list[Nomination]:
    """By surname, then first name; umlauts sort with their base letters (DIN 5007-1).

    The key is ``voting``'s, so the published list, the frozen list and the ballot that
    ``voting.rules.ballot_order`` derives agree (R1.1); equal names go by nomination.
    """
    return sorted(nominations, key=lambda n: (din_5007_key(n.surname, n.first_name), n.id))


def latest_lot(election: Election) -> CandidateOrderLot | None:
    return db.session.scalar(
        select(CandidateOrderLot)
        .where(CandidateOrderLot.election_id == election.id)
        .order_by(CandidateOrderLot.id.desc())
        .limit(1)
    )


def lot_is_current(election: Election, lot: CandidateOrderLot | None = None) -> bool:
    """A lot counts only if it ordered exactly today's confirmed candidates."""
    lot = lot or latest_lot(election)
    confirmed = {n.id for n in confirmed_nominations(election)}
    return lot is not None and sorted(lot.drawn_order) == sorted(confirmed)


def candidate_order(election: Election) -> list[Nomination]:
    """The confirmed candidates in the published order (R1.1)."""
    nominations = confirmed_nominations(election)
    lot = latest_lot(election) if election.ballot_order == BallotOrder.LOT.value else None
    if lot is None or not lot_is_current(election, lot):
        return alphabetical(nominations)
    position = {nomination_id: index for index, nomination_id in enumerate(lot.drawn_order)}
    return sorted(nominations, key=lambda n: position[n.id])


def digital_order(seed: str, nomination_ids: Sequence[int]) -> list[int]:
    """``LOT_ALGORITHM``: anyone can recompute it from the seed and the ids in the protocol.

    The same function as the verifier's (``voting.lots.order_by_seed``), on the ids as text.
    """
    return [int(i) for i in order_by_seed(seed, [str(i) for i in nomination_ids])]


def record_lot(
    election: Election,
    *,
    drawn_by: str,
    witnesses: str,
    seed: str = "",
    physical_order: Sequence[int] | None = None,
    actor: User,
    now: datetime,
) -> CandidateOrderLot:
    """Record a drawing of lots for the order of names (R4.2): digital seed or physical order."""
    if election.candidates_published_at is not None or election.status == "frozen":
        raise ElectionError("published")
    ids = [n.id for n in confirmed_nominations(election)]
    if len(ids) < 2:
        raise ElectionError("no_candidates")
    if not drawn_by.strip():
        raise ElectionError("drawn_by_missing")
    if physical_order is not None:
        if sorted(physical_order) != sorted(ids):
            raise ElectionError("bad_order")
        order, method, algorithm = list(physical_order), "physical", ""
    else:
        if not seed.strip():
            raise ElectionError("seed_missing")
        order, method, algorithm = digital_order(seed.strip(), ids), "digital", LOT_ALGORITHM
    lot = CandidateOrderLot(
        election_id=election.id,
        method=method,
        drawn_by=drawn_by.strip(),
        witnesses=witnesses.strip(),
        drawn_at=now,
        seed=seed.strip(),
        algorithm=algorithm,
        drawn_order=order,
        recorded_by_id=actor.id,
    )
    db.session.add(lot)
    db.session.flush()
    return lot


def publish_candidates(election: Election, *, actor: User, now: datetime) -> None:
    """Publish the candidate list: every nomination decided, and the lot drawn if chosen."""
    pending = db.session.scalar(
        select(Nomination.id).where(
            Nomination.election_id == election.id,
            Nomination.status == NominationStatus.SUBMITTED.value,
        )
    )
    if pending is not None:
        raise ElectionError("pending_nominations")
    if not confirmed_nominations(election):
        raise ElectionError("no_candidates")
    if election.ballot_order == BallotOrder.LOT.value and not lot_is_current(election):
        raise ElectionError("lot_missing")
    election.candidates_published_at = now
    db.session.flush()


def unpublish_candidates(election: Election, *, actor: User) -> None:
    """Take the list down again, e.g. to correct a decision; not once frozen."""
    if election.status == ElectionStatus.FROZEN.value:
        raise ElectionError("frozen")
    election.candidates_published_at = None
    db.session.flush()


def published_candidates(election: Election) -> list[Nomination] | None:
    """The public list, or None while it is not published."""
    if election.candidates_published_at is None:
        return None
    return candidate_order(election)
