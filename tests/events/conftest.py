"""Factories for the events tests: events with days and sessions, registration data, and a
real SMTP server on loopback (aiosmtpd) that tests asking for ``smtpd`` deliver to."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
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


class Collect(Message):
    def __init__(self) -> None:
        super().__init__(
            message_class=lambda: email.message.EmailMessage(policy=email.policy.default)
        )
        self.messages: list[email.message.EmailMessage] = []

    def handle_message(self, message: email.message.EmailMessage) -> None:
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtpd() -> Iterator[Controller]:
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.inbox = handler.messages  # type: ignore[attr-defined]
    yield controller
    controller.stop()


@pytest.fixture
def app_config(app_config: dict[str, Any], request: pytest.FixtureRequest) -> dict[str, Any]:
    if "smtpd" not in request.fixturenames:
        return app_config
    server = request.getfixturevalue("smtpd")
    return {
        **app_config,
        "MAIL_SERVER": server.hostname,
        "MAIL_PORT": server.port,
        "MAIL_USE_TLS": False,
        "MAIL_DEFAULT_SENDER": "integration@stadt.example",
    }
