"""Attendees for the printing scenario, bulk-inserted: 10,000 registrations through
``events.services.register`` take minutes, and what is measured is printing, not registering.

The rows are what ``register`` + ``tickets.issue`` + a scan at the entrance leave behind:
confirmed registrations with a category, a ticket each, and an entrance check-in for most.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from pathlib import Path

from bench.seed import app_for

#: Names in the scripts the badges must print (Arabic is shaped right to left)
NAMES = ["Jürgen Müller", "Ayşe Yılmaz", "Олена Шевченко", "فاطمة الزهراء", "Nguyễn Văn An"]
#: Category codes in the mix a city conference has; residents come without organisation
CATEGORIES = ["migrant_organisation", "administration", "ngo", "resident", "council_group"]
#: Every fifth attendee has not arrived yet (no check-in on the attendance list)
ARRIVED_EVERY = (0, 1, 2, 3)
ORGANISER = ("organiser@bench.example.org", "bench-password-123")


def attendees(database_url: str, instance: Path, count: int) -> dict[str, int]:
    """An event with ``count`` confirmed, ticketed attendees; returns the event's and the
    organiser's ids (the organiser prints; the check-ins are theirs)."""
    from sqlalchemy import insert, select

    from app.auth import services as accounts
    from app.auth.models import Role
    from app.checkin.models import CheckIn, Checkpoint
    from app.db import utcnow
    from app.events.models import Event, EventDay, ParticipantCategory, Registration, Ticket
    from app.events.tickets import new_nonce
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        now = utcnow()
        organiser = accounts.create_user(ORGANISER[0], "Bench Organiser", ORGANISER[1],
                                         {Role.ORGANISER})
        event = Event(title="Integrationskonferenz 2026", venue="Rathaus, Festsaal",
                      capacity=None, confirmed_count=count)
        event.days = [EventDay(starts_at=now, ends_at=now + timedelta(hours=8))]
        db.session.add(event)
        db.session.flush()
        checkpoint = Checkpoint(event=event, name="Eingang")
        db.session.add(checkpoint)
        db.session.flush()
        category_ids = dict(db.session.execute(
            select(ParticipantCategory.code, ParticipantCategory.id)).all())
        rows = [_registration(i, event.id, category_ids, now) for i in range(count)]
        registration_ids = db.session.scalars(
            insert(Registration).returning(Registration.id, sort_by_parameter_order=True),
            rows).all()
        ticket_ids = db.session.scalars(
            insert(Ticket).returning(Ticket.id, sort_by_parameter_order=True),
            [{"registration_id": r, "nonce": new_nonce(), "issued_at": now}
             for r in registration_ids]).all()
        db.session.execute(insert(CheckIn), [
            {"ticket_id": t, "checkpoint_id": checkpoint.id, "at": now + timedelta(seconds=i),
             "admitted_by_user_id": organiser.id}
            for i, t in enumerate(ticket_ids) if i % 5 in ARRIVED_EVERY])
        db.session.commit()
        return {"event_id": event.id, "user_id": organiser.id}


def _registration(i: int, event_id: int, category_ids: dict[str, int],
                  now: datetime) -> dict[str, object]:
    """One confirmed registration as ``register`` stores it."""
    code = CATEGORIES[i % len(CATEGORIES)]
    return {
        "event_id": event_id,
        "name": f"{NAMES[i % len(NAMES)]} {i}",
        "email": f"p{i}@bench.example.org",
        "organisation_name": "" if code == "resident" else f"Verein {i % 40} e.V.",
        "category_id": category_ids.get(code),
        "status": "confirmed",
        "consent_at": now,
        "access_key": secrets.token_urlsafe(24),
        "created_at": now,
        "confirmed_at": now,
    }
