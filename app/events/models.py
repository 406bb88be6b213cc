"""Events, their days and sessions, participant categories, registrations, invitations, tickets.

Capacity: ``Event.confirmed_count`` and ``Session.confirmed_count`` are counters that only
:mod:`app.events.services` changes, and only while it holds the row lock of the event (and of
the sessions, in id order): ``SELECT … FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on
SQLite. The counter is therefore always equal to the number of confirmed rows.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime, utcnow
from app.extensions import db


class EventKind(enum.StrEnum):
    """What kind of event (GLOSSARY: Veranstaltung)."""

    CONFERENCE = "conference"
    KICKOFF = "kickoff"
    ELECTION_ASSEMBLY = "election_assembly"
    PODIUM = "podium"
    OTHER = "other"


class RegistrationStatus(enum.StrEnum):
    """Where a registration (or one of its session choices) stands."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Question(enum.StrEnum):
    """Optional questions an event's form may ask."""

    INTERPRETING = "interpreting"
    ACCESSIBILITY = "accessibility"
    CHILDCARE = "childcare"
    DIETARY = "dietary"


STATUS_VALUES = ", ".join(f"'{s.value}'" for s in RegistrationStatus)


class Event(db.Model):  # type: ignore[name-defined]
    """A conference, kickoff, election assembly or podium that people register for."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("confirmed_count >= 0", name="confirmed_count_not_negative"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: One of :class:`EventKind`
    kind: Mapped[str] = mapped_column(String(30), default=EventKind.CONFERENCE.value)
    #: Title in German (the default language)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Other languages: ``{"tr": {"title": …, "description": …}}``
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    venue: Mapped[str] = mapped_column(String(300), default="")
    #: Step-free access, hearing loop, quiet room …
    accessibility: Mapped[str] = mapped_column(Text, default="")
    #: Places overall; None means no limit
    capacity: Mapped[int | None] = mapped_column(Integer)
    #: Confirmed registrations; changed only under the event's row lock
    confirmed_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    registration_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Only people with an invitation link may register
    is_invite_only: Mapped[bool] = mapped_column(Boolean, default=False)
    #: People without registration are admitted at the door
    allows_walk_ins: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Listed on the public pages
    is_published: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Codes of :class:`Question` the form asks
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Codes of the participant categories offered; empty means all active ones
    category_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Personal data is anonymised this many days after the event's last day
    retention_days: Mapped[int] = mapped_column(Integer, default=180)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    days: Mapped[list[EventDay]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventDay.starts_at"
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        order_by="(Session.starts_at, Session.id)",
    )

    @property
    def starts_at(self) -> datetime | None:
        return min((d.starts_at for d in self.days), default=None)

    @property
    def ends_at(self) -> datetime | None:
        return max((d.ends_at for d in self.days), default=None)

    @property
    def places_left(self) -> int | None:
        """Free places, or None when the event has no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def text_in(self, locale: str, field: str) -> str:
        """Title or description in ``locale`` when given, else German."""
        value = (self.translations or {}).get(locale, {}).get(field)
        return value or getattr(self, field)


class EventDay(db.Model):  # type: ignore[name-defined]
    """One day of an event with its times."""

    __tablename__ = "event_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    event: Mapped[Event] = relationship(back_populates="days")


class Session(db.Model):  # type: ignore[name-defined]
    """A working group or workshop of an event, with room, time slot and its own capacity.

    Sessions whose times overlap share a time slot; an attendee picks at most one of them.
    """

    __tablename__ = "event_sessions"
    __table_args__ = (
        CheckConstraint("confirmed_count >= 0", name="confirmed_count_not_negative"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: ``{"tr": {"title": …, "description": …}}``
    translations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    room: Mapped[str] = mapped_column(String(120), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Places; None means no limit of its own
    capacity: Mapped[int | None] = mapped_column(Integer)
    #: Confirmed choices; changed only under the session's row lock
    confirmed_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    event: Mapped[Event] = relationship(back_populates="sessions")

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def overlaps(self, other: Session) -> bool:
        """True when both sessions share a time slot."""
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at

    def text_in(self, locale: str, field: str) -> str:
        value = (self.translations or {}).get(locale, {}).get(field)
        return value or getattr(self, field)


class ParticipantCategory(db.Model):  # type: ignore[name-defined]
    """Who someone comes as: resident, migrant organisation, police … (configurable list)."""

    __tablename__ = "participant_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable code, used in CSV files and the API
    code: Mapped[str] = mapped_column(String(40), unique=True)
    #: ``{"de": "Polizei", "en": "Police", …}``
    labels: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    def label(self, locale: str) -> str:
        labels = self.labels or {}
        return labels.get(locale) or labels.get("de") or self.code


class Invitation(db.Model):  # type: ignore[name-defined]
    """A personal invitation to an event, sent to one contact of a category."""

    __tablename__ = "invitations"
    __table_args__ = (UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Lower-case; None once anonymised
    email: Mapped[str | None] = mapped_column(String(254))
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("participant_categories.id"))
    #: Language of the invitation mail and of the form the link opens
    locale: Mapped[str] = mapped_column(String(10), default="de")
    #: Random part of the personal link
    nonce: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event: Mapped[Event] = relationship()
    category: Mapped[ParticipantCategory | None] = relationship()


class Registration(db.Model):  # type: ignore[name-defined]
    """A person's booking for an event (GLOSSARY: Anmeldung); has one ticket.

    One e-mail address holds at most one registration per event that is not cancelled (partial
    unique index), so a person who cancelled may register again.
    """

    __tablename__ = "registrations"
    __table_args__ = (
        Index(
            "uq_registrations_event_id_email_active",
            "event_id",
            "email",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
            postgresql_where=text("status != 'cancelled'"),
        ),
        Index("ix_registrations_event_id_status", "event_id", "status"),
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    #: Lower-case; None once anonymised
    email: Mapped[str | None] = mapped_column(String(254))
    #: As typed by the attendee
    organisation_name: Mapped[str] = mapped_column(String(200), default="")
    #: An organisation of the registry (foreign key added when that area is merged)
    organisation_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    category_id: Mapped[int | None] = mapped_column(ForeignKey("participant_categories.id"))
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"))
    #: Language of the mails and pages for this person
    locale: Mapped[str] = mapped_column(String(10), default="de")
    #: One of :class:`RegistrationStatus`
    status: Mapped[str] = mapped_column(String(20))
    #: Answers to the event's questions: ``{"interpreting": "Arabisch", "childcare": true}``
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: When the person accepted the privacy notice
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Random part of the private link
    access_key: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the person was confirmed (directly or promoted from the waiting list)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: For the door: wheelchair, interpreter arranged …
    door_notes: Mapped[str] = mapped_column(Text, default="")
    #: Personal data removed after the retention period; counts remain
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    category: Mapped[ParticipantCategory | None] = relationship()
    invitation: Mapped[Invitation | None] = relationship()
    session_choices: Mapped[list[RegistrationSession]] = relationship(
        back_populates="registration", cascade="all, delete-orphan"
    )
    ticket: Mapped[Ticket | None] = relationship(back_populates="registration", uselist=False)

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    @property
    def sessions(self) -> list[Session]:
        """Sessions this person holds a place in (confirmed choices), by time."""
        chosen = [c.session for c in self.session_choices if c.status == "confirmed"]
        return sorted(chosen, key=lambda s: (s.starts_at, s.id))


class RegistrationSession(db.Model):  # type: ignore[name-defined]
    """A registration's choice of one session; confirmed choices count against its capacity."""

    __tablename__ = "registration_sessions"
    __table_args__ = (
        UniqueConstraint("registration_id", "session_id"),
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("event_sessions.id", ondelete="CASCADE"), index=True
    )
    #: confirmed | waitlisted (the registration waits) | cancelled
    status: Mapped[str] = mapped_column(String(20))
    registration: Mapped[Registration] = relationship(back_populates="session_choices")
    session: Mapped[Session] = relationship()


class Ticket(db.Model):  # type: ignore[name-defined]
    """The ticket of a registration; its QR code carries a signed token (see tickets.py)."""

    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(
        ForeignKey("registrations.id", ondelete="CASCADE"), unique=True
    )
    #: Random, base32; part of the token, so a re-issued ticket invalidates the old QR code
    nonce: Mapped[str] = mapped_column(String(32))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registration: Mapped[Registration] = relationship(back_populates="ticket")
