"""Nominations: at most one candidate per organisation and election (ELECTION.md R0.4).

The database settles races: ``UNIQUE (election_id, organisation_id)`` on ``nominations``. The
insert runs in a SAVEPOINT; when it clashes, the existing row is locked and either replaced
(if the election allows it, or it was withdrawn or rejected) or the request is refused.
After the deadline only an official's recorded, unused :class:`NominationOverride` opens the
door for one change. On any ElectionError the caller rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.auth.models import User
from app.elections.models import (
    ElectionStatus,
    Nomination,
    NominationOverride,
    NominationSource,
    NominationStatus,
    RollEntry,
)
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations.services import record_change

#: Statuses a new nomination may always replace before the deadline
REPLACEABLE = frozenset({NominationStatus.WITHDRAWN.value, NominationStatus.REJECTED.value})


@dataclass(frozen=True)
class Candidate:
    """What a nomination says about the candidate; the photo is already re-encoded."""

    first_name: str
    surname: str
    description: str = ""
    translations: dict[str, str] = field(default_factory=dict)
    photo: bytes | None = None
    consent_to_stand: bool = False
    consent_to_publish: bool = False
    #: When the candidate signed (paper form); defaults to now
    consent_at: datetime | None = None
    womens_place: bool = False


def active_override(entry: RollEntry, now: datetime) -> NominationOverride | None:
    """An unused override of the officials that is still valid, if any (for display)."""
    return db.session.scalar(
        select(NominationOverride)
        .where(
            NominationOverride.election_id == entry.election_id,
            NominationOverride.organisation_id == entry.organisation_id,
            NominationOverride.used_at.is_(None),
            NominationOverride.valid_until > now,
        )
        .order_by(NominationOverride.id)
        .limit(1)
    )


def _use_override(entry: RollEntry, now: datetime, action: str) -> NominationOverride | None:
    """Atomically mark one valid override as used; None when there is none."""
    override = active_override(entry, now)
    if override is None:
        return None
    taken = db.session.execute(
        update(NominationOverride)
        .where(NominationOverride.id == override.id, NominationOverride.used_at.is_(None))
        .values(used_at=now, used_for={"action": action})
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        return None
    db.session.refresh(override)
    return override


def _check_open(entry: RollEntry, now: datetime, action: str) -> NominationOverride | None:
    """Inside the window nothing is needed; outside it, an override is used up (or refused)."""
    election = entry.election
    if election.status == ElectionStatus.FROZEN.value or election.candidates_published_at:
        raise ElectionError("published")
    if election.nominations_open_at(now):
        return None
    if election.status == ElectionStatus.DRAFT.value:
        raise ElectionError("nominations_not_open")
    override = _use_override(entry, now, action)
    if override is None:
        raise ElectionError("nominations_closed")
    return override


def _apply(nomination: Nomination, candidate: Candidate, now: datetime) -> None:
    consent_at = candidate.consent_at or now
    nomination.first_name = candidate.first_name.strip()
    nomination.surname = candidate.surname.strip()
    nomination.description = candidate.description.strip()
    nomination.description_translations = {
        k: v.strip() for k, v in candidate.translations.items() if v and v.strip()
    }
    nomination.photo = candidate.photo
    nomination.has_photo = candidate.photo is not None
    nomination.consent_to_stand_at = consent_at
    nomination.consent_to_publish_at = consent_at
    nomination.womens_place = candidate.womens_place
    nomination.updated_at = now
    nomination.status = NominationStatus.SUBMITTED.value
    nomination.decided_by_id = nomination.decided_at = None
    nomination.decision_reason = ""


def nominate(
    entry: RollEntry,
    candidate: Candidate,
    *,
    actor: User | None,
    now: datetime,
    source: NominationSource = NominationSource.LINK,
) -> Nomination:
    """Submit the organisation's one candidate (through its link, or by staff from paper)."""
    # 1. who may nominate, and what must be given
    if not entry.is_eligible:
        raise ElectionError("not_eligible")
    if not entry.may_nominate:
        raise ElectionError("may_not_nominate")
    if not candidate.first_name.strip() or not candidate.surname.strip():
        raise ElectionError("name_missing")
    if not (candidate.consent_to_stand and candidate.consent_to_publish):
        raise ElectionError("consent_missing")
    # 2. the window, or an official's override
    override = _check_open(entry, now, "nominated")
    # 3. insert; the unique constraint decides between parallel requests
    nomination = Nomination(
        election_id=entry.election_id,
        organisation_id=entry.organisation_id,
        source=source.value,
        entered_by_id=actor.id if actor else None,
        submitted_at=now,
    )
    _apply(nomination, candidate, now)
    try:
        with db.session.begin_nested():
            db.session.add(nomination)
    except IntegrityError:
        nomination = _replace(entry, candidate, now, override is not None, source, actor)
    if override is not None:
        override.used_for = {"action": "nominated", "nomination_id": nomination.id}
    action = {"candidate": nomination.full_name, "source": source.value}
    record_change(
        entry.organisation,
        "nomination",
        {"election": entry.election.title} | action,
        actor=actor,
        now=now,
    )
    db.session.flush()
    return nomination


def _replace(
    entry: RollEntry,
    candidate: Candidate,
    now: datetime,
    overridden: bool,
    source: NominationSource,
    actor: User | None,
) -> Nomination:
    existing = db.session.scalar(
        select(Nomination)
        .where(
            Nomination.election_id == entry.election_id,
            Nomination.organisation_id == entry.organisation_id,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if existing is None:  # deleted meanwhile: should not happen, refuse rather than guess
        raise ElectionError("already_nominated")
    replaceable = (
        overridden
        or existing.status in REPLACEABLE
        or (
            entry.election.allow_replacement and existing.status == NominationStatus.SUBMITTED.value
        )
    )
    if not replaceable:
        raise ElectionError("already_nominated")
    _apply(existing, candidate, now)
    existing.source = source.value
    existing.entered_by_id = actor.id if actor else None
    existing.submitted_at = now
    return existing


def withdraw(entry: RollEntry, *, actor: User | None, now: datetime) -> Nomination:
    """The organisation takes its nomination back (before the deadline, or with an override)."""
    nomination = nomination_of(entry, lock=True)
    if nomination is None or nomination.status == NominationStatus.WITHDRAWN.value:
        raise ElectionError("no_nomination")
    _check_open(entry, now, "withdrawn")
    nomination.status = NominationStatus.WITHDRAWN.value
    nomination.updated_at = now
    record_change(
        entry.organisation,
        "nomination_withdrawn",
        {"election": entry.election.title, "candidate": nomination.full_name},
        actor=actor,
        now=now,
    )
    db.session.flush()
    return nomination


def nomination_of(entry: RollEntry, *, lock: bool = False) -> Nomination | None:
    query = select(Nomination).where(
        Nomination.election_id == entry.election_id,
        Nomination.organisation_id == entry.organisation_id,
    )
    return db.session.scalar(query.with_for_update() if lock else query)


def decide(
    nomination: Nomination, *, confirm: bool, reason: str, actor: User, now: datetime
) -> None:
    """Officials confirm or reject a nomination; a rejection needs a reason."""
    election = nomination.election
    if election.status == ElectionStatus.FROZEN.value or election.candidates_published_at:
        raise ElectionError("published")
    if nomination.status == NominationStatus.WITHDRAWN.value:
        raise ElectionError("withdrawn")
    if not confirm and not reason.strip():
        raise ElectionError("reason_missing")
    nomination.status = (NominationStatus.CONFIRMED if confirm else NominationStatus.REJECTED).value
    nomination.decided_by_id, nomination.decided_at = actor.id, now
    nomination.decision_reason = reason.strip()
    record_change(
        nomination.organisation,
        "nomination_decided",
        {
            "election": election.title,
            "candidate": nomination.full_name,
            "status": nomination.status,
            "reason": reason.strip(),
        },
        actor=actor,
        now=now,
    )
    db.session.flush()


def grant_override(
    entry: RollEntry, *, reason: str, hours: int = 48, actor: User, now: datetime
) -> NominationOverride:
    """An official allows one change after the deadline, with a recorded reason."""
    if not reason.strip():
        raise ElectionError("reason_missing")
    if not 1 <= hours <= 24 * 14:
        raise ElectionError("bad_hours")
    override = NominationOverride(
        election_id=entry.election_id,
        organisation_id=entry.organisation_id,
        granted_by_id=actor.id,
        granted_at=now,
        valid_until=now + timedelta(hours=hours),
        reason=reason.strip(),
    )
    db.session.add(override)
    record_change(
        entry.organisation,
        "override",
        {"election": entry.election.title, "reason": reason.strip(), "hours": hours},
        actor=actor,
        now=now,
    )
    db.session.flush()
    return override
