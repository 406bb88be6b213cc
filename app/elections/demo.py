"""Demo data: the election assembly tonight, its delegates invited, registered, partly arrived.

The election itself (made by the organisations seeder: 30 MSOs on the roll, 12 confirmed
candidates, nominations closed, list published) is linked to the assembly event but NOT
frozen, so a user can walk through freeze → cards → desk → rounds (ELECTION.md R0.1, R10).
The check-in seeder checks the first delegates in at the entrance, so the desk recognises
them (R0.3) without any "delegate present" override.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from app.core.demo import DemoContext
from app.db import utcnow
from app.elections import roll, services
from app.elections.models import Election
from app.events import categories, invitations
from app.events import services as registrations
from app.events.models import Event, Invitation
from app.extensions import db

#: Of the 30 delegates: the last three did not register (one declined, two did not answer)
DECLINED, UNANSWERED = 1, 2
#: Delegates already checked in at the entrance when the demo starts
ARRIVED = 20
LOCALES = ["de", "tr", "ar", "de", "uk", "en"]


def seed_assembly(context: DemoContext) -> None:
    """Link the demo election to the assembly; invite and register its delegates."""
    election_id, events = context.shared.get("election_id"), context.shared.get("events")
    if not isinstance(election_id, int) or not isinstance(events, dict):
        return
    election = db.session.get(Election, election_id)
    event = db.session.get(Event, events["election_assembly"])
    if election is None or event is None:
        return
    official = context.users["official"]
    now = utcnow()
    values = {name: getattr(election, name) for name in services.CONFIG_FIELDS}
    services.update_election(election, {**values, "event_id": event.id}, actor=official)
    invited = _invite_delegates(election, event, now - timedelta(days=10))
    registered = invited[: len(invited) - DECLINED - UNANSWERED]
    for number, (invitation, organisation_id) in enumerate(registered):
        data = registrations.RegistrationData(
            name=invitation.name,
            email=invitation.email or "",
            organisation_name=invitation.organisation_name,
            organisation_id=organisation_id,
            category_code="migrant_organisation",
            consent=True,
        )
        result = registrations.register(
            event,
            data,
            now=now - timedelta(days=5),
            locale=invitation.locale,
            invitation=invitation,
        )
        if number < ARRIVED:
            context.shared.setdefault("arrived_registrations", []).append(  # type: ignore[union-attr]
                result.registration.id
            )
    invited[-DECLINED - UNANSWERED][0].declined_at = now - timedelta(days=4)
    db.session.flush()


def _invite_delegates(
    election: Election, event: Event, now: datetime
) -> list[tuple[Invitation, int]]:
    """One personal invitation per named delegate, in roll order, all sent; with the
    organisation's id, which the delegate's registration carries."""
    category = categories.by_code("migrant_organisation")
    created = []
    for number, entry in enumerate(sorted(election.roll, key=lambda e: e.id)):
        delegate = roll.current_delegates(entry).get(False)
        if delegate is None or not delegate.email:
            continue
        invitation = Invitation(
            event_id=event.id,
            name=delegate.name,
            email=delegate.email,
            organisation_name=entry.organisation.name,
            category_id=category.id if category else None,
            locale=LOCALES[number % len(LOCALES)],
            nonce=secrets.token_urlsafe(24),
            created_at=now,
        )
        db.session.add(invitation)
        created.append((invitation, entry.organisation_id))
    db.session.flush()
    invitations.send(event, category_code=None, now=now)
    return created
