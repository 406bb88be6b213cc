"""Figures for the live dashboard and the attendance lists (read only)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select

from app.checkin import people
from app.checkin.models import CheckIn, Checkpoint, CheckpointKind
from app.events.models import Event, RegistrationSession, Session
from app.extensions import db


class CategoryRow(NamedTuple):
    name: str
    registered: int
    arrived: int


class SessionRow(NamedTuple):
    id: int
    title: str
    registered: int
    present: int


@dataclass(frozen=True)
class Figures:
    """Registered vs arrived for one event."""

    registered: int
    arrived: int
    by_category: list[CategoryRow]
    by_session: list[SessionRow]
    #: First arrival of each ticket at the event (any checkpoint)
    arrival_times: list[datetime]


def first_check_ins(event: Event, session: Session | None = None) -> dict[int, datetime]:
    """ticket id → first active check-in at the event (or at the session's checkpoints)."""
    stmt = (
        select(CheckIn.ticket_id, func.min(CheckIn.at))
        .join(Checkpoint, CheckIn.checkpoint_id == Checkpoint.id)
        .where(Checkpoint.event_id == event.id, CheckIn.undone_at.is_(None))
        .group_by(CheckIn.ticket_id)
    )
    if session is not None:
        stmt = stmt.where(
            Checkpoint.kind == CheckpointKind.SESSION.value, Checkpoint.session_id == session.id
        )
    return {ticket_id: at for ticket_id, at in db.session.execute(stmt)}


def event_figures(event: Event) -> Figures:
    """All dashboard figures in a handful of queries."""
    registrations = [r for r in db.session.scalars(people.confirmed(event)) if r.ticket]
    arrived = first_check_ins(event)
    registered_by = Counter(people.category_label(r) or "—" for r in registrations)
    arrived_by = Counter(
        people.category_label(r) or "—" for r in registrations if r.ticket.id in arrived
    )
    by_category = [
        CategoryRow(name, registered_by[name], arrived_by[name]) for name in sorted(registered_by)
    ]
    return Figures(
        registered=len(registrations),
        arrived=sum(1 for r in registrations if r.ticket.id in arrived),
        by_category=by_category,
        by_session=_sessions(event, {r.id for r in registrations}),
        arrival_times=sorted(arrived.values()),
    )


def _sessions(event: Event, confirmed_ids: set[int]) -> list[SessionRow]:
    """Per session: confirmed registrations vs tickets checked in at its door."""
    booked = Counter(
        session_id
        for session_id, registration_id in db.session.execute(
            select(RegistrationSession.session_id, RegistrationSession.registration_id)
            .join(Session, RegistrationSession.session_id == Session.id)
            .where(Session.event_id == event.id, RegistrationSession.status == people.CONFIRMED)
        )
        if registration_id in confirmed_ids
    )
    present = dict(
        db.session.execute(
            select(Checkpoint.session_id, func.count(func.distinct(CheckIn.ticket_id)))
            .join(CheckIn, CheckIn.checkpoint_id == Checkpoint.id)
            .where(Checkpoint.event_id == event.id, CheckIn.undone_at.is_(None))
            .where(Checkpoint.session_id.is_not(None))
            .group_by(Checkpoint.session_id)
        ).all()
    )
    return [
        SessionRow(s.id, s.title, booked.get(s.id, 0), present.get(s.id, 0))
        for s in people.sessions(event)
    ]
