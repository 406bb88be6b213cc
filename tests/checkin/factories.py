"""Test data for the check-in area: an event with sessions, attendees, tickets, checkpoints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask import Flask

from app.auth import services as accounts
from app.auth import tokens
from app.auth.models import Role, User
from app.checkin.models import Checkpoint, CheckpointKind
from app.db import utcnow
from app.events import categories
from app.events import services as registrations
from app.events.models import Event, EventDay, Registration, Session
from app.events.services import RegistrationData
from app.events.tickets import token_for
from app.extensions import db

#: Tomorrow 09:00 UTC: the door lists only events that are not over, so a fixed date would
#: make the scanner tests fail once it has passed
START = (datetime.now(UTC) + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


@dataclass
class Attendee:
    name: str
    token: str
    ticket_id: int
    registration_id: int


@dataclass
class World:
    event_id: int
    organiser_id: int
    entrance_id: int
    session_ids: list[int]
    session_checkpoint_ids: list[int]
    category_ids: dict[str, int]
    ayse: Attendee | None = None
    olena: Attendee | None = None
    fatima: Attendee | None = None
    #: Scanned texts that must be refused, by reason
    codes: dict[str, str] = field(default_factory=dict)


def _event(title: str, *, walk_ins: bool = True) -> Event:
    event = Event(title=title, venue="Rathaus, Marktplatz 1", allows_walk_ins=walk_ins)
    event.days.append(EventDay(starts_at=START, ends_at=START + timedelta(hours=8)))
    db.session.add(event)
    db.session.flush()
    return event


def _register(event: Event, name: str, email: str, **extra: object) -> Registration:
    data = RegistrationData(name=name, email=email, consent=True, **extra)  # type: ignore[arg-type]
    result = registrations.register(event, data, now=utcnow(), by_organiser=True)
    db.session.flush()
    return result.registration


def _attendee(registration: Registration) -> Attendee:
    return Attendee(
        registration.name,
        token_for(registration.ticket),
        registration.ticket.id,
        registration.id,
    )


def build_world(app: Flask) -> World:
    """Event "Integrationskonferenz" with two sessions and three attendees, plus refusals."""
    with app.app_context():
        organiser = accounts.create_user(
            "orga-world@example.org", "Olga Organisatorin", "x" * 12, {Role.ORGANISER}
        )
        event = _event("Integrationskonferenz 2026")
        sessions = [
            Session(
                event=event,
                title=title,
                room=room,
                starts_at=START + timedelta(hours=2),
                ends_at=START + timedelta(hours=4),
            )
            for title, room in [("AG 1 Bildung", "R 101"), ("AG 2 Arbeit", "R 102")]
        ]
        db.session.add_all(sessions)
        categories.ensure_defaults()
        mso = categories.by_code("migrant_organisation")
        resident = categories.by_code("resident")
        db.session.flush()
        entrance = Checkpoint(event=event, name="Entrance", kind=CheckpointKind.ENTRANCE.value)
        session_doors = [
            Checkpoint(event=event, name=s.title, kind="session", session=s) for s in sessions
        ]
        db.session.add_all([entrance, *session_doors])
        ayse = _register(
            event,
            "Ayşe Yılmaz",
            "ayse@example.org",
            organisation_name="Türkischer Elternverein",
            category_code=mso.code,
            session_ids=[sessions[0].id],
            door_notes="Rollstuhl: Aufzug benutzen",
        )
        olena = _register(
            event,
            "Олена Шевченко",
            "olena@example.org",
            category_code=resident.code,
            session_ids=[sessions[1].id],
        )
        fatima = _register(
            event,
            "فاطمة الزهراء",
            "fatima@example.org",
            organisation_name="Deutsch-Arabischer Verein",
            category_code=mso.code,
        )
        cancelled = _register(event, "Max Abgesagt", "max@example.org")
        registrations.cancel(cancelled, now=utcnow(), notify=False)
        other = _register(_event("Auftaktveranstaltung"), "Otto Anders", "otto@example.org")
        db.session.commit()
        good = token_for(ayse.ticket)
        world = World(
            event_id=event.id,
            organiser_id=organiser.id,
            entrance_id=entrance.id,
            session_ids=[s.id for s in sessions],
            session_checkpoint_ids=[c.id for c in session_doors],
            category_ids={"mso": mso.id, "resident": resident.id},
            ayse=_attendee(ayse),
            olena=_attendee(olena),
            fatima=_attendee(fatima),
            codes={
                "forged": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
                "truncated": good[: len(good) // 2],
                "cancelled": token_for(cancelled.ticket),
                "other_event": token_for(other.ticket),
            },
        )
    return world


def add_attendee(app: Flask, world: World, name: str, email: str, **extra: object) -> Attendee:
    with app.app_context():
        registration = _register(db.session.get(Event, world.event_id), name, email, **extra)
        db.session.commit()
        return _attendee(registration)


def device_token(app: Flask, organiser_id: int, name: str = "Scanner") -> str:
    """A fresh scanner token, created by the organiser; returns the plain token."""
    with app.app_context():
        _token, plain = tokens.create_token(
            name, actor=db.session.get(User, organiser_id), now=utcnow()
        )
        db.session.commit()
        return plain


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}
