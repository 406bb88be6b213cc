"""Factories for the events tests: events with days and sessions, registration data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from app.events import categories, services
from app.events.models import Event, EventDay, Session
from app.extensions import db

#: The event day, four weeks ahead of the real clock: public pages list upcoming events only
DAY = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=28)
#: "Now" for services that take the time: two weeks before the event
NOW = DAY - timedelta(days=13)


@pytest.fixture
def make_event(app: Flask) -> Callable[..., int]:
    """Factory: a committed event; ``sessions`` is a list of (title, slot number, capacity)."""

    def make(
        *,
        capacity: int | None = 50,
        sessions: list[tuple[str, int, int | None]] = (),  # type: ignore[assignment]
        **fields: Any,
    ) -> int:
        with app.app_context():
            categories.ensure_defaults()
            event = Event(
                title=fields.pop("title", "Integrationskonferenz Mitte"),
                kind=fields.pop("kind", "conference"),
                venue=fields.pop("venue", "Rathaus Tiergarten, Mathilde-Jacob-Platz 1"),
                capacity=capacity,
                questions=fields.pop("questions", ["interpreting", "dietary"]),
                **fields,
            )
            event.days.append(EventDay(starts_at=DAY, ends_at=DAY + timedelta(hours=8)))
            for title, slot, cap in sessions:
                start = DAY + timedelta(hours=1 + 2 * slot)
                event.sessions.append(
                    Session(
                        title=title,
                        room=f"Raum {title[:3]}",
                        starts_at=start,
                        ends_at=start + timedelta(hours=2),
                        capacity=cap,
                    )
                )
            db.session.add(event)
            db.session.commit()
            return event.id

    return make


def person(number: int = 1, **extra: Any) -> services.RegistrationData:
    """Registration data for a numbered test person."""
    values: dict[str, Any] = {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "category_code": "resident",
        "consent": True,
    }
    values.update(extra)
    return services.RegistrationData(**values)


def session_ids(app: Flask, event_id: int) -> list[int]:
    with app.app_context():
        return [s.id for s in db.session.get(Event, event_id).sessions]
