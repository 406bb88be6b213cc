"""The organisation's way to register its delegate for the election assembly (ELECTION.md R0.3).

The personal page offers a link to the assembly's registration form carrying a delegate token
(signed apart from the personal link, revoked with it), so the registration is bound to the
organisation and the voting desk recognises the delegate's entrance check-in.
"""

from __future__ import annotations

from typing import Any

from flask import url_for
from sqlalchemy import func, select

from app.elections import roll
from app.elections.models import RollEntry
from app.extensions import db
from app.organisations.links import delegate_token_for


def assembly_context(entry: RollEntry) -> dict[str, Any]:
    """What the link page shows about the assembly: the event, the link, who is registered."""
    from app.events.models import Event, Registration, RegistrationStatus

    election = entry.election
    event = db.session.get(Event, election.event_id) if election.event_id else None
    if event is None or not event.is_published:
        return {"assembly": None}
    delegate = roll.current_delegates(entry).get(False)
    registered = None
    if delegate is not None and delegate.email:
        registered = db.session.scalar(
            select(Registration).where(
                Registration.event_id == event.id,
                Registration.organisation_id == entry.organisation_id,
                func.lower(Registration.email) == delegate.email.strip().lower(),
                Registration.status != RegistrationStatus.CANCELLED.value,
            )
        )
    link = url_for("events_public.register", event_id=event.id, delegate=delegate_token_for(entry))
    return {
        "assembly": event,
        "assembly_delegate": delegate,
        "assembly_registration": registered,
        "assembly_link": link,
    }
