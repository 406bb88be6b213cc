"""Factories for the organisations and elections tests (all commit, return ids)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask

from app.auth.models import Role, User
from app.db import utcnow
from app.elections import roll, services
from app.extensions import db
from app.organisations.links import token_for
from app.organisations.services import create_organisation


@pytest.fixture
def staff(app: Flask, create_user) -> dict[str, int]:
    """One organiser and one official (ids)."""
    return {
        "organiser": create_user(Role.ORGANISER, email="orga@example.org", name="Olga"),
        "official": create_user(Role.OFFICIAL, email="wahl@example.org", name="Walter"),
    }


def user(role_id: int) -> User:
    return db.session.get(User, role_id)


@pytest.fixture
def make_organisation(app: Flask, staff) -> Callable[..., int]:
    def make(name: str, kind: str = "mso", **values: Any) -> int:
        with app.app_context():
            organisation = create_organisation(
                {"name": name, "kind": kind, **values}, actor=user(staff["organiser"]), now=utcnow()
            )
            db.session.commit()
            return organisation.id

    return make


@pytest.fixture
def make_election(app: Flask, staff) -> Callable[..., int]:
    """An election with nominations open now (unless ``open_`` is False)."""

    def make(open_: bool = True, **values: Any) -> int:
        now = utcnow()
        config = {
            "title": "Wahl der MSO-Vertretung",
            "seats": 2,
            "finalists": 4,
            "votes_round1": 1,
            "votes_runoff": 1,
            "tie_variant": "lot",
            "parity": False,
            "ballot_order": "alphabetical",
            "allow_replacement": False,
            "nomination_opens_at": now - timedelta(days=1),
            "nomination_closes_at": now + timedelta(days=7),
            "acceptance_deadline_days": 3,
            **values,
        }
        with app.app_context():
            official = user(staff["official"])
            election = services.create_election(config, actor=official, now=now)
            if open_:
                services.open_nominations(election, actor=official, now=now)
            db.session.commit()
            return election.id

    return make


@pytest.fixture
def eligible(app: Flask, staff) -> Callable[..., str]:
    """Mark an organisation eligible in an election; returns its personal-link token."""

    def mark(election_id: int, organisation_id: int, may_nominate: bool = True) -> str:
        from app.elections.models import Election
        from app.organisations.models import Organisation

        with app.app_context():
            election = db.session.get(Election, election_id)
            organisation = db.session.get(Organisation, organisation_id)
            roll.decide_eligibility(
                election,
                organisation,
                eligible=True,
                may_nominate=may_nominate,
                reason="Satzung geprüft",
                actor=user(staff["organiser"]),
                now=utcnow(),
            )
            db.session.commit()
            return token_for(roll.roll_entry(election, organisation))

    return mark
