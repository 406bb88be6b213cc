"""What the door needs to know about events, registrations and tickets (from app.events).

Everything the check-in area reads from the events area goes through here, so a change
there is one change here.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from flask import abort
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import selectinload

from app.checkin.models import Checkpoint, CheckpointKind
from app.documents.data import AttendanceRow, BadgeData, EventDay, EventInfo
from app.events.documents import kind_label
from app.events.models import (
    Event,
    ParticipantCategory,
    Registration,
    RegistrationSession,
    RegistrationStatus,
    Session,
    Ticket,
)
from app.events.services import RegistrationData
from app.events.tickets import token_for
from app.extensions import db

CONFIRMED = RegistrationStatus.CONFIRMED.value
#: Badge colour bands by category code (the events area keeps no colours); WCAG-checked text
CATEGORY_COLOURS = {
    "resident": "#f2c300",
    "migrant_organisation": "#1b7f3a",
    "administration": "#0b5394",
    "council_group": "#6a1b9a",
    "ngo": "#e65100",
    "religious_community": "#00838f",
    "police": "#1a237e",
    "job_centre": "#ad1457",
    "school_authority": "#558b2f",
    "neighbourhood_council": "#8d6e63",
}
DEFAULT_COLOUR = "#4d4d4d"
#: Events stay on the door's list until this long after their last day
DOOR_GRACE = timedelta(days=1)


def _locale() -> str:
    return str(get_locale() or "de")


def category_label(registration: Registration, locale: str | None = None) -> str:
    category = registration.category
    return category.label(locale or _locale()) if category else ""


def category_colour(registration: Registration) -> str:
    category = registration.category
    return CATEGORY_COLOURS.get(category.code, DEFAULT_COLOUR) if category else DEFAULT_COLOUR


def is_admitted_status(registration: Registration) -> str | None:
    """None for a confirmed registration, else the denial code."""
    if registration.cancelled_at is not None or registration.status == "cancelled":
        return "cancelled"
    if registration.status != CONFIRMED:
        return "waiting_list"
    return None


def session_ids(registration: Registration) -> set[int]:
    """Sessions the person holds a confirmed place in."""
    return {c.session_id for c in registration.session_choices if c.status == CONFIRMED}


def admission_problem(registration: Registration, checkpoint: Checkpoint) -> str | None:
    """Why this registration may not pass this checkpoint, or None."""
    if registration.event_id != checkpoint.event_id:
        return "wrong_event"
    problem = is_admitted_status(registration)
    if problem is not None:
        return problem
    if checkpoint.kind == CheckpointKind.SESSION and checkpoint.session_id not in session_ids(
        registration
    ):
        return "not_registered_for_session"
    return None


def door_notes(registration: Registration) -> list[str]:
    """Notes the door reads out or acts on: the registration's notes, and for an election
    assembly whether the person is an MSO's delegate (who goes on to the voting desk)."""
    notes = [line.strip() for line in (registration.door_notes or "").splitlines() if line.strip()]
    return notes + delegate_notes(registration)


@cache
def _delegates_query() -> Select:
    """Current delegates and deputies by e-mail across an event's elections (built once)."""
    from app.elections.models import Delegate, Election
    from app.organisations.models import Organisation

    return (
        select(Election.id, Delegate.is_deputy, Organisation.name)
        .join(Delegate, Delegate.election_id == Election.id)
        .join(Organisation, Organisation.id == Delegate.organisation_id)
        .where(
            Election.event_id == bindparam("event_id"),
            Delegate.email == bindparam("email"),
            Delegate.replaced_at.is_(None),
        )
        .order_by(Election.id, Delegate.is_deputy, Delegate.id)
    )


def delegate_notes(registration: Registration) -> list[str]:
    """ "MSO delegate: go to the voting desk" when the e-mail is a current delegate's
    (one query for all of the event's elections; the delegate comes before the deputy)."""
    email = (registration.email or "").strip().lower()
    if not email:
        return []
    rows = db.session.execute(
        _delegates_query(), {"event_id": registration.event_id, "email": email}
    ).all()
    notes, seen = [], set()
    for election_id, is_deputy, org in rows:
        if election_id in seen:
            continue
        seen.add(election_id)
        if is_deputy:
            notes.append(_("Deputy delegate of %(org)s: go to the voting desk", org=org))
        else:
            notes.append(_("MSO delegate of %(org)s: go to the voting desk", org=org))
    return notes


def details(registration: Registration) -> dict[str, Any]:
    """The attendee as the scanner shows them."""
    locale = _locale()
    sessions = [
        s.text_in(locale, "title") + (f" ({s.room})" if s.room else "")
        for s in registration.sessions
    ]
    return {
        "name": registration.name,
        "email": registration.email or "",
        "organisation": registration.organisation_name or "",
        "category": category_label(registration, locale),
        "sessions": sessions,
        "notes": door_notes(registration),
    }


def token(ticket: Ticket) -> str:
    return token_for(ticket)


def fold(text: str) -> str:
    """Lower case without accents, so "yilmaz" finds "Yılmaz" and "muller" finds "Müller"."""
    text = text.casefold().replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def search_tickets(event_id: int, query: str, limit: int) -> list[Ticket]:
    """Tickets of the event whose holder's name or e-mail contains every word of ``query``."""
    words = fold(query).split()[:5]
    if not words:
        return []
    rows = db.session.execute(
        select(Ticket.id, Registration.name, Registration.email)
        .join(Ticket.registration)
        .where(Registration.event_id == event_id)
        .order_by(Registration.name)
    ).all()
    ids = [r.id for r in rows if all(w in fold(f"{r.name} {r.email or ''}") for w in words)]
    ids = ids[:limit]
    if not ids:
        return []
    found = db.session.scalars(
        select(Ticket).where(Ticket.id.in_(ids)).options(selectinload(Ticket.registration))
    ).all()
    order = {ticket_id: n for n, ticket_id in enumerate(ids)}
    return sorted(found, key=lambda t: order[t.id])


def open_events(now: datetime | None = None) -> list[Event]:
    """Events a door may check in at (not over for more than a day), soonest first."""
    events = db.session.scalars(select(Event).options(selectinload(Event.days))).all()
    if now is not None:
        events = [e for e in events if e.ends_at is None or e.ends_at + DOOR_GRACE >= now]
    return sorted(events, key=lambda e: (e.starts_at.timestamp() if e.starts_at else 0, e.id))


def get_event_or_404(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def get_registration_or_404(registration_id: int) -> Registration:
    return db.get_or_404(Registration, registration_id)


def get_session_or_404(event: Event, session_id: int) -> Session:
    session = db.session.get(Session, session_id)
    if session is None or session.event_id != event.id:
        abort(404)
    return session


def sessions(event: Event) -> list[Session]:
    return list(
        db.session.scalars(
            select(Session).where(Session.event_id == event.id).order_by(Session.starts_at)
        )
    )


def session_room(session: Session) -> str:
    return session.room or ""


def categories(event: Event) -> list[tuple[int, str]]:
    """(id, label) of the categories the event offers, in their configured order."""
    found = db.session.scalars(
        select(ParticipantCategory)
        .where(ParticipantCategory.is_active.is_(True))
        .order_by(ParticipantCategory.position, ParticipantCategory.id)
    ).all()
    allowed = set(event.category_codes or [])
    return [(c.id, c.label(_locale())) for c in found if not allowed or c.code in allowed]


def walk_in_allowed(event: Event) -> bool:
    return bool(event.allows_walk_ins)


def confirmed(event: Event):  # noqa: ANN201 - a Select
    """The event's confirmed registrations with their tickets (a statement to refine)."""
    return (
        select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status == CONFIRMED,
            Registration.cancelled_at.is_(None),
        )
        .options(
            selectinload(Registration.category),
            selectinload(Registration.ticket),
            selectinload(Registration.session_choices),
        )
    )


def event_info(event: Event) -> EventInfo:
    """The header every printed list carries."""
    return EventInfo(
        title=event.text_in(_locale(), "title"),
        kind_label=kind_label(event),
        days=tuple(EventDay(starts_at=d.starts_at, ends_at=d.ends_at) for d in event.days),
        venue=event.venue or "",
    )


def badge_rows(
    event: Event,
    *,
    category_id: int | None = None,
    session_id: int | None = None,
    query: str = "",
    registration_id: int | None = None,
) -> list[BadgeData]:
    """Badges in name order for all confirmed registrations, or a filter, or one person."""
    stmt = confirmed(event)
    if category_id is not None:
        stmt = stmt.where(Registration.category_id == category_id)
    if session_id is not None:
        stmt = stmt.where(
            Registration.session_choices.any(
                (RegistrationSession.session_id == session_id)
                & (RegistrationSession.status == CONFIRMED)
            )
        )
    if registration_id is not None:
        stmt = stmt.where(Registration.id == registration_id)
    words = fold(query).split()
    people = [
        r
        for r in db.session.scalars(stmt)
        if r.ticket is not None and all(w in fold(r.name) for w in words)
    ]
    people.sort(key=lambda r: fold(r.name))
    return [
        BadgeData(
            name=r.name,
            organisation=r.organisation_name or "",
            category=category_label(r),
            category_colour=category_colour(r),
            qr_payload=token_for(r.ticket),
            event_title=event.text_in(_locale(), "title"),
        )
        for r in people
    ]


def attendance_rows(event: Event, session: Session | None) -> list[AttendanceRow]:
    """Everybody registered for the event (or session) with their first check-in there."""
    from app.checkin import stats

    stmt = confirmed(event)
    if session is not None:
        stmt = stmt.where(
            Registration.session_choices.any(
                (RegistrationSession.session_id == session.id)
                & (RegistrationSession.status == CONFIRMED)
            )
        )
    arrived = stats.first_check_ins(event, session)
    return [
        AttendanceRow(
            name=r.name,
            organisation=r.organisation_name or "",
            category=category_label(r),
            checked_in_at=arrived.get(r.ticket.id) if r.ticket else None,
        )
        for r in db.session.scalars(stmt)
    ]


def walk_in_data(form: Any) -> RegistrationData:
    """The walk-in form's values as the events area's ``register`` takes them."""
    category_id = form.category.data
    category = db.session.get(ParticipantCategory, int(category_id)) if category_id else None
    return RegistrationData(
        name=form.name.data or "",
        email=form.email.data or "",
        organisation_name=form.organisation.data or "",
        category_code=category.code if category is not None else None,
    )
