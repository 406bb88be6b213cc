"""DSGVO: anonymise registrations after the retention period; export one person's data.

Anonymising keeps the row, its status, category, organisation id and session choices, so the
counts per category and session (and anything the election record refers to) stay right;
name, e-mail, organisation text, answers, notes and the mails sent are removed.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from app.events.models import Event, Invitation, Registration
from app.events.services import normalise_email
from app.extensions import db
from app.mail.models import OutboxMessage

ANONYMOUS = "—"


def due_events(now: datetime) -> list[Event]:
    """Events whose last day plus retention period lies in the past."""
    events = db.session.scalars(select(Event)).all()
    return [e for e in events if e.ends_at and e.ends_at + timedelta(days=e.retention_days) < now]


def anonymise_registration(registration: Registration, now: datetime) -> None:
    registration.name = ANONYMOUS
    registration.email = None
    registration.organisation_name = ""
    registration.answers = {}
    registration.door_notes = ""
    registration.access_key = secrets.token_urlsafe(24)  # the private link stops working
    registration.anonymised_at = now
    if registration.ticket is not None and registration.ticket.revoked_at is None:
        registration.ticket.revoked_at = now


def purge(now: datetime) -> dict[str, int]:
    """Anonymise every registration and invitation of events past retention; returns counts."""
    counts = {"events": 0, "registrations": 0, "invitations": 0, "mails": 0}
    for event in due_events(now):
        registrations = db.session.scalars(
            select(Registration).where(
                Registration.event_id == event.id, Registration.anonymised_at.is_(None)
            )
        ).all()
        for registration in registrations:
            anonymise_registration(registration, now)
        invitations = db.session.execute(
            update(Invitation)
            .where(Invitation.event_id == event.id, Invitation.anonymised_at.is_(None))
            .values(name=ANONYMOUS, email=None, organisation_name="", anonymised_at=now)
        )
        mails = db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.event_id == event.id, OutboxMessage.recipient.is_not(None))
            .values(recipient=None, subject="", text_body="", html_body="", attachments=[])
        )
        counts["events"] += 1
        counts["registrations"] += len(registrations)
        counts["invitations"] += invitations.rowcount or 0
        counts["mails"] += mails.rowcount or 0
    db.session.flush()
    return counts


def export_person(email: str) -> dict[str, Any]:
    """Everything stored about one e-mail address (Art. 15 DSGVO), as plain JSON data."""
    address = normalise_email(email)
    registrations = db.session.scalars(
        select(Registration).where(Registration.email == address).order_by(Registration.id)
    ).all()
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.email == address).order_by(Invitation.id)
    ).all()
    mails = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == address).order_by(OutboxMessage.id)
    ).all()

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "email": address,
        "registrations": [
            {
                "event": r.event.title,
                "name": r.name,
                "organisation": r.organisation_name,
                "category": r.category.code if r.category else None,
                "status": r.status,
                "language": r.locale,
                "sessions": [s.title for s in r.sessions],
                "answers": r.answers,
                "photo_consent": r.photo_consent,
                "consent_at": when(r.consent_at),
                "created_at": when(r.created_at),
                "cancelled_at": when(r.cancelled_at),
                "door_notes": r.door_notes,
            }
            for r in registrations
        ],
        "invitations": [
            {
                "event": i.event.title,
                "name": i.name,
                "organisation": i.organisation_name,
                "sent_at": when(i.sent_at),
                "declined_at": when(i.declined_at),
            }
            for i in invitations
        ],
        "mails": [
            {
                "subject": m.subject,
                "kind": m.kind,
                "status": m.status,
                "created_at": when(m.created_at),
            }
            for m in mails
        ],
    }
