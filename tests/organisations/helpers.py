"""Test data shared by the organisations tests and the browser tests (plain functions)."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from PIL import Image

from app.auth.models import User
from app.checkin.models import Checkpoint, CheckpointKind
from app.db import utcnow
from app.elections import cards, roll, services
from app.elections.models import Election
from app.events import categories
from app.events.models import Event, EventDay
from app.extensions import db
from app.organisations import links
from app.organisations.links import token_for
from app.organisations.models import Organisation
from app.organisations.services import create_organisation
from tests.elections.helpers import make_election, organisations


def add_organisation(app: Flask, actor_id: int, name: str, kind: str = "mso", **values: Any) -> int:
    with app.app_context():
        organisation = create_organisation(
            {"name": name, "kind": kind, **values},
            actor=db.session.get(User, actor_id),
            now=utcnow(),
        )
        db.session.commit()
        return organisation.id


def add_election(app: Flask, actor_id: int, open_: bool = True, **values: Any) -> int:
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
        official = db.session.get(User, actor_id)
        election = services.create_election(config, actor=official, now=now)
        if open_:
            services.open_nominations(election, actor=official, now=now)
        db.session.commit()
        return election.id


def make_eligible(
    app: Flask, actor_id: int, election_id: int, organisation_id: int, may_nominate: bool = True
) -> str:
    """Mark an organisation eligible; returns its personal-link token."""
    with app.app_context():
        election = db.session.get(Election, election_id)
        organisation = db.session.get(Organisation, organisation_id)
        roll.decide_eligibility(
            election,
            organisation,
            eligible=True,
            may_nominate=may_nominate,
            reason="Satzung geprüft",
            actor=db.session.get(User, actor_id),
            now=utcnow(),
        )
        db.session.commit()
        return token_for(roll.roll_entry(election, organisation))


def png_bytes(width: int = 40, height: int = 30, color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def nomination_data(**extra: Any) -> dict[str, Any]:
    return {
        "first_name": "Ayşe",
        "surname": "Yılmaz",
        "description": "Elternarbeit seit 15 Jahren.",
        "consent_to_stand": "y",
        "consent_to_publish": "y",
        **extra,
    }


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """pdftotext, NFKC-normalised, whitespace collapsed, without RTL embedding marks."""
    assert data.startswith(b"%PDF-")
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    out = unicodedata.normalize("NFKC", out).replace("\u202b", "").replace("\u202c", "")
    return " ".join(out.split())


def assembly_election(app: Flask) -> dict[str, object]:
    """An invite-only election assembly with an entrance, linked to an election of 3 MSOs."""
    with app.app_context():
        categories.ensure_defaults()  # PostgreSQL runs start from emptied tables
        election = make_election(organisations=3)
        event = Event(
            title="Wahlversammlung MSO-Sitze",
            kind="election_assembly",
            venue="Rathaus",
            capacity=100,
            is_invite_only=True,
        )
        day = utcnow() + timedelta(days=20)  # the registration window is open now
        event.days.append(EventDay(starts_at=day, ends_at=day + timedelta(hours=4)))
        db.session.add(event)
        db.session.flush()
        election.event_id = event.id
        entrance = Checkpoint(event_id=event.id, name="Eingang", kind=CheckpointKind.ENTRANCE.value)
        db.session.add(entrance)
        first, second = organisations(election)[:2]
        tokens = [links.token_for(cards.roll_entry(election, org)) for org in (first, second)]
        db.session.commit()
        return {
            "election": election.id,
            "event": event.id,
            "entrance": entrance.id,
            "org": first.id,
            "org_name": first.name,
            "token": tokens[0],
            "other_token": tokens[1],
        }
