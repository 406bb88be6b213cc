"""Demo data: checkpoints for every demo event, so the scanner works right after `make run`;
and the delegates who already arrived at the election assembly, checked in at its entrance."""

from __future__ import annotations

from datetime import timedelta

from app.auth.tokens import Actor
from app.checkin import people, services
from app.checkin.models import CheckpointKind
from app.core.demo import DemoContext
from app.db import utcnow
from app.events.models import Registration
from app.extensions import db

#: Demo data is in German, the default language (seeders run without a request)
ENTRANCE = "Eingang"


def seed_demo(context: DemoContext) -> None:
    """An entrance and one checkpoint per session for each event the events seeder made."""
    for event in people.open_events():
        services.ensure_checkpoints(event, entrance_name=ENTRANCE)
    arrived = context.shared.get("arrived_registrations") or []
    door = context.users.get("door")
    if not isinstance(arrived, list) or door is None:
        return
    now = utcnow()
    for minute, registration_id in enumerate(arrived):
        registration = db.session.get(Registration, registration_id)
        if registration is None or registration.ticket is None:
            continue
        entrance = next(
            c
            for c in services.checkpoints_for(registration.event_id)
            if c.kind == CheckpointKind.ENTRANCE
        )
        at = now - timedelta(minutes=len(arrived) - minute)
        services.check_in(registration.ticket, entrance, actor=Actor(user=door), now=at)
