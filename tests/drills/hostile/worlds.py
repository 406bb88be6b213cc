"""Worlds the drilled forms live in, built with the suites' own factories and the services.

Each builder returns plain values (ids, tokens, choices) for the case's path and fields.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from app.auth.models import Role
from app.db import utcnow
from app.events import categories, links, public_forms, services
from app.events.models import Event, Invitation
from app.extensions import db
from app.mail.models import OutboxMessage
from tests.drills.hostile.case import Drill, Seed, World
from tests.events.conftest import make_event, person
from tests.organisations.helpers import add_organisation


def rotate(key: str, pool: str) -> Callable[[Drill], None]:
    """A ``prepare`` hook: each example takes the next value of ``world[pool]`` as ``key``
    (a fresh registration to cancel, an unused voting card, …)."""
    turns = count()

    def prepare(drill: Drill) -> None:
        values = drill.world[pool]
        drill.world[key] = values[next(turns) % len(values)]

    return prepare


def event_world(seed: Seed) -> World:
    """An open event (4 places, three sessions in two slots, three questions) with six
    registrations, an invitation, a registry organisation, and another event next to it."""
    app = seed.app
    make = make_event.__wrapped__(app)
    event_id = make(
        capacity=4,
        sessions=[("AG Bildung", 0, 2), ("AG Arbeit", 0, None), ("AG Kultur", 1, 1)],
        questions=["interpreting", "dietary", "childcare"],
    )
    other_id = make(title="Andere Veranstaltung", sessions=[("Fremde AG", 0, 5)])
    organiser = seed.create_user(Role.ORGANISER, email="orga-world@example.org")
    organisation = add_organisation(app, organiser, "Türkischer Elternverein e.V.")
    with app.app_context():
        event = db.session.get(Event, event_id)
        other = db.session.get(Event, other_id)
        registrations = [
            services.register(event, person(n), now=utcnow(), locale="de").registration
            for n in range(1, 7)
        ]
        invitation = Invitation(
            event_id=event_id,
            name="Karim Haddad",
            email="karim@example.org",
            category_id=categories.by_code("resident").id,
            nonce="drill-invitation-nonce",
            sent_at=utcnow(),
        )
        db.session.add(invitation)
        db.session.commit()
        message = db.session.scalar(db.select(OutboxMessage.id).order_by(OutboxMessage.id))
        return {
            "event": event_id,
            "other_event": other_id,
            "sessions": [str(s.id) for s in event.sessions],
            "session": event.sessions[0].id,
            "slots": [[str(s.id) for s in slot] for slot in public_forms.time_slots(event)],
            "foreign_sessions": [str(s.id) for s in other.sessions],
            "questions": list(event.questions or []),
            "categories": [c.code for c in categories.active()],
            "category": categories.by_code("resident").id,
            "registrations": [r.id for r in registrations],
            "registration": registrations[0].id,
            "tokens": [links.manage_token(r) for r in registrations],
            "token": links.manage_token(registrations[0]),
            "invitation": links.invitation_token(invitation),
            "organisations": ["", str(organisation)],
            "message": message,
        }
