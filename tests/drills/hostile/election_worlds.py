"""Worlds before the vote: the registry, an election taking nominations with its roll,
personal links and nominations (built with ``tests.organisations.helpers``)."""

from __future__ import annotations

from app.auth.models import Role, User
from app.db import utcnow
from app.elections import nominations, roll
from app.elections.models import Election, Nomination
from app.extensions import db
from app.organisations.models import Organisation
from tests.drills.hostile.case import Seed, World
from tests.elections.helpers import make_election
from tests.events.conftest import make_event
from tests.organisations.helpers import add_election, add_organisation, make_eligible

NAMES = [
    "Türkischer Elternverein e.V.",
    "Deutsch-Arabischer Verein",
    "Українська громада",
    "Vietnamesischer Kulturverein",
    "Afrikanisches Forum",
    "Polnischer Sportclub",
    "Kurdisches Zentrum",
]


def registry_world(seed: Seed) -> World:
    """Seven organisations in the registry (one of each kind at most)."""
    organiser = seed.create_user(Role.ORGANISER, email="registry@example.org")
    ids = [add_organisation(seed.app, organiser, name) for name in NAMES]
    return {"organisations": ids, "organisation": ids[0]}


def nomination_world(seed: Seed) -> World:
    """An election taking nominations: five eligible MSOs with personal links, three of them
    nominated (one confirmed), one MSO not on the roll; a draft election; an event for the
    assembly; and a published election (``tests.elections.helpers.make_election``)."""
    app = seed.app
    organiser = seed.create_user(Role.ORGANISER, email="roll@example.org")
    official = seed.create_user(Role.OFFICIAL, email="wahl@example.org")
    organisations = [add_organisation(app, organiser, name) for name in NAMES[:6]]
    election = add_election(app, official, parity=True)
    draft = add_election(app, official, open_=False, title="Nachwahl (Entwurf)")
    tokens = [make_eligible(app, organiser, election, org) for org in organisations[:5]]
    assembly = make_event.__wrapped__(app)(title="Wahlversammlung", kind="election_assembly")
    with app.app_context():
        ballot_election = make_election(organisations=4, candidates=3)
        chosen = db.session.get(Election, election)
        nominated = []
        for number, org_id in enumerate(organisations[:3]):
            entry = roll.roll_entry(chosen, db.session.get(Organisation, org_id))
            nominated.append(
                nominations.nominate(
                    entry,
                    nominations.Candidate(
                        first_name=f"Vorname{number}",
                        surname=["Yılmaz", "حداد", "Шевченко"][number],
                        consent_to_stand=True,
                        consent_to_publish=True,
                    ),
                    actor=None,
                    now=utcnow(),
                ).id
            )
        official_user = db.session.get(User, official)
        nominations.decide(
            db.session.get(Nomination, nominated[0]),
            confirm=True,
            reason="",
            actor=official_user,
            now=utcnow(),
        )
        db.session.commit()
        published = ballot_election.id
    return {
        "election": election,
        "draft": draft,
        "published": published,
        "organisations": [str(o) for o in organisations],
        "organisation": organisations[0],
        "roll": organisations[:5],
        "outsider": organisations[5],
        "tokens": tokens,
        "token": tokens[0],
        "nominated": tokens[:3],
        "nominations": nominated,
        "nomination": nominated[0],
        "events": ["", str(assembly)],
    }
