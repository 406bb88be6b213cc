"""Registration rules: capacity, waiting list, sessions, duplicates, cancellation, promotion.

The only place that decides. Every function gets the time passed in, flushes and never commits.

Capacity is never read-then-written without a lock: each change first locks the event row
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite the transaction already holds the write
lock from ``BEGIN IMMEDIATE``), then the session rows in ascending id order, so two
transactions always lock in the same order and cannot deadlock. While the locks are held the
counters ``confirmed_count`` are compared and changed; ids are assigned under the event lock,
so the waiting list in id order is the arrival order.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.events import mails, tickets
from app.events.checks import (  # noqa: F401  (RegistrationError, normalise_email: public API)
    RegistrationError,
    category_id_for,
    check_invitation,
    check_organisation,
    check_person,
    check_sessions,
    check_window,
    clean_answers,
    has_room,
    normalise_email,
)
from app.events.models import (
    Event,
    Invitation,
    Registration,
    RegistrationSession,
    RegistrationStatus,
    Session,
)
from app.extensions import db

CONFIRMED = RegistrationStatus.CONFIRMED.value
WAITLISTED = RegistrationStatus.WAITLISTED.value
CANCELLED = RegistrationStatus.CANCELLED.value


@dataclass
class RegistrationData:
    """What a person (or an organiser for them) submits."""

    name: str
    email: str
    organisation_name: str = ""
    organisation_id: int | None = None
    category_code: str | None = None
    session_ids: list[int] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)
    consent: bool = False
    photo_consent: bool = False
    door_notes: str = ""


@dataclass
class RegistrationResult:
    """The registration and whether it already existed (same e-mail, same event)."""

    registration: Registration
    is_duplicate: bool = False

    @property
    def status(self) -> str:
        return self.registration.status


# --- locks -----------------------------------------------------------------------------


def lock_event(event_id: int) -> Event:
    """The event row, locked for this transaction and freshly read."""
    event = db.session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if event is None:
        raise RegistrationError("not_found")
    return event


def _lock_sessions(ids: Iterable[int]) -> dict[int, Session]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = db.session.scalars(
        select(Session)
        .where(Session.id.in_(wanted))
        .order_by(Session.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    return {s.id: s for s in rows}


# --- register ------------------------------------------------------------------------------


def find_active(event_id: int, email: str) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(
            Registration.event_id == event_id,
            Registration.email == normalise_email(email),
            Registration.status != CANCELLED,
        )
    )


def _invitation_used(invitation: Invitation) -> bool:
    """An invitation admits one person: it is used once someone holds a place through it."""
    return (
        db.session.scalar(
            select(Registration.id).where(
                Registration.invitation_id == invitation.id, Registration.status != CANCELLED
            )
        )
        is not None
    )


def register(
    event: Event | int,
    data: RegistrationData,
    *,
    now: datetime,
    locale: str = "de",
    invitation: Invitation | None = None,
    by_organiser: bool = False,
    delegate_link: bool = False,
) -> RegistrationResult:
    """Register a person: confirmed while places last, else on the waiting list.

    The same e-mail again gets its registration back (and its mail again), not a second row.
    Organisers adding by hand skip the window and invitation checks, never the capacity.
    ``delegate_link``: the caller verified an organisation's signed delegate link, which
    admits to an invite-only election assembly like an invitation and binds
    ``data.organisation_id`` (ELECTION.md R0.3: the desk recognises the delegate by it).
    """
    # 1. Shape of the person, before any lock
    check_person(data)
    registry_name = check_organisation(data.organisation_id)
    organisation_name = (data.organisation_name or "").strip() or registry_name
    if not data.consent and not by_organiser:
        raise RegistrationError("consent_required", "consent")
    # 2. Lock the event; everything below is decided under the lock
    event = lock_event(event.id if isinstance(event, Event) else event)
    if delegate_link and data.organisation_id is None:
        raise RegistrationError("unknown_organisation", "organisation_id")
    if not by_organiser:
        check_window(event, now)
        if not delegate_link:
            check_invitation(event, invitation)
    # 3. Duplicate: answer with the existing registration and send its mail again
    existing = find_active(event.id, data.email)
    if existing is not None:
        if delegate_link and existing.organisation_id is None:
            existing.organisation_id = data.organisation_id  # registered before the link
        mails.registration_mail(existing, "duplicate")
        return RegistrationResult(existing, is_duplicate=True)
    if invitation is not None and _invitation_used(invitation):
        raise RegistrationError("invitation_used")
    # 4. Rules on the answers
    category_id = category_id_for(event, data.category_code)
    answers = clean_answers(event, data.answers)
    chosen = check_sessions(event, data.session_ids)
    sessions = _lock_sessions(s.id for s in chosen)
    # 5. Place or waiting list
    confirmed = has_room(event)
    if confirmed:
        full = [s for s in chosen if not has_room(sessions[s.id])]
        if full:
            raise RegistrationError("session_full", "sessions")
    registration = Registration(
        event=event,
        name=data.name.strip(),
        email=normalise_email(data.email),
        organisation_name=organisation_name,
        organisation_id=data.organisation_id,
        category_id=category_id,
        invitation=invitation,
        locale=locale,
        status=CONFIRMED if confirmed else WAITLISTED,
        answers=answers,
        consent_at=now if data.consent else None,
        photo_consent=bool(data.photo_consent),
        access_key=secrets.token_urlsafe(24),
        created_at=now,
        confirmed_at=now if confirmed else None,
        door_notes=(data.door_notes or "").strip(),
    )
    for session in chosen:
        status = CONFIRMED if confirmed else WAITLISTED
        registration.session_choices.append(RegistrationSession(session=session, status=status))
        if confirmed:
            sessions[session.id].confirmed_count += 1
    if confirmed:
        event.confirmed_count += 1
    db.session.add(registration)
    db.session.flush()
    # 6. Ticket and mail
    if confirmed:
        tickets.issue(registration)
    mails.registration_mail(registration, "confirmation" if confirmed else "waitlisted")
    return RegistrationResult(registration)


# --- change, cancel, promote ------------------------------------------------------------------


def change(
    registration: Registration,
    *,
    session_ids: Iterable[int] | None = None,
    answers: dict[str, Any] | None = None,
    photo_consent: bool | None = None,
    now: datetime,
    notify: bool = True,
) -> Registration:
    """Change sessions and answers; a newly chosen session must have a free place."""
    event = lock_event(registration.event_id)
    db.session.refresh(registration)
    if registration.status == CANCELLED:
        raise RegistrationError("cancelled")
    if answers is not None:
        registration.answers = clean_answers(event, answers)
    if photo_consent is not None:
        registration.photo_consent = photo_consent
    if session_ids is not None:
        _move_sessions(registration, event, list(session_ids))
    db.session.flush()
    if notify:
        mails.registration_mail(registration, "changed")
    return registration


def _move_sessions(registration: Registration, event: Event, session_ids: list[int]) -> None:
    chosen = check_sessions(event, session_ids)
    current = {c.session_id: c for c in registration.session_choices if c.status != CANCELLED}
    wanted = {s.id for s in chosen}
    sessions = _lock_sessions(set(current) | wanted)
    confirmed = registration.status == CONFIRMED
    for session_id in sorted(wanted - set(current)):
        if confirmed and not has_room(sessions[session_id]):
            raise RegistrationError("session_full", "sessions")
    for session_id, choice in current.items():
        if session_id not in wanted:
            if choice.status == CONFIRMED:
                sessions[session_id].confirmed_count -= 1
            registration.session_choices.remove(choice)
    db.session.flush()
    dropped = {c.session_id: c for c in registration.session_choices if c.status == CANCELLED}
    for session_id in sorted(wanted - set(current)):
        status = CONFIRMED if confirmed else WAITLISTED
        if confirmed:
            sessions[session_id].confirmed_count += 1
        if session_id in dropped:  # chosen before, dropped (promotion): the row is reused
            dropped[session_id].status = status
        else:
            registration.session_choices.append(
                RegistrationSession(session_id=session_id, status=status)
            )


def cancel(registration: Registration, *, now: datetime, notify: bool = True) -> Registration:
    """Cancel a registration, free its places and promote from the waiting list."""
    event = lock_event(registration.event_id)
    db.session.refresh(registration)
    if registration.status == CANCELLED:
        return registration
    was_confirmed = registration.status == CONFIRMED
    _release(registration, event)
    registration.status = CANCELLED
    registration.cancelled_at = now
    db.session.flush()
    if notify:
        mails.registration_mail(registration, "cancelled")
    if was_confirmed:
        promote(event, now=now)
    return registration


def _release(registration: Registration, event: Event) -> None:
    choices = [c for c in registration.session_choices if c.status != CANCELLED]
    sessions = _lock_sessions(c.session_id for c in choices)
    for choice in choices:
        if choice.status == CONFIRMED:
            sessions[choice.session_id].confirmed_count -= 1
        choice.status = CANCELLED
    if registration.status == CONFIRMED:
        event.confirmed_count -= 1


def promote(event: Event, *, now: datetime) -> list[Registration]:
    """Confirm people from the waiting list, in arrival order, while places are free.

    The caller holds the event lock. A chosen session that has filled up in the meantime is
    dropped from the promoted registration (the promotion mail lists what they hold).
    """
    promoted: list[Registration] = []
    while has_room(event):
        waiting = db.session.scalar(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.status == WAITLISTED)
            .order_by(Registration.id)
            .limit(1)
        )
        if waiting is None:
            break
        choices = [c for c in waiting.session_choices if c.status == WAITLISTED]
        sessions = _lock_sessions(c.session_id for c in choices)
        for choice in choices:
            session = sessions[choice.session_id]
            if has_room(session):
                choice.status = CONFIRMED
                session.confirmed_count += 1
            else:
                choice.status = CANCELLED
        waiting.status = CONFIRMED
        waiting.confirmed_at = now
        event.confirmed_count += 1
        db.session.flush()
        tickets.issue(waiting)
        mails.registration_mail(waiting, "promoted")
        promoted.append(waiting)
    return promoted


def set_capacity(event: Event, capacity: int | None, *, now: datetime) -> list[Registration]:
    """Change the event's capacity; a raise promotes from the waiting list.

    Never below the confirmed places: nobody loses a place held (as for sessions).
    """
    event = lock_event(event.id)
    if capacity is not None and capacity < 0:
        raise RegistrationError("invalid_capacity", "capacity")
    if capacity is not None and capacity < event.confirmed_count:
        raise RegistrationError("capacity_below_confirmed", "capacity")
    event.capacity = capacity
    db.session.flush()
    return promote(event, now=now)


def waiting_list(event: Event) -> list[Registration]:
    return list(
        db.session.scalars(
            select(Registration)
            .where(Registration.event_id == event.id, Registration.status == WAITLISTED)
            .order_by(Registration.id)
        )
    )
