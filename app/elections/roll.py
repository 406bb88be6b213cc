"""The roll (Wählerverzeichnis): eligibility decisions and each organisation's delegate."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth.models import User
from app.elections.models import Delegate, Election, EligibilityDecision, RollEntry
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations.models import Organisation
from app.organisations.services import record_change


def roll_entry(election: Election, organisation: Organisation, *, lock: bool = False):
    """The roll entry of ``organisation`` in ``election`` (None if never decided)."""
    query = select(RollEntry).where(
        RollEntry.election_id == election.id, RollEntry.organisation_id == organisation.id
    )
    return db.session.scalar(query.with_for_update() if lock else query)


def _entry_for_update(election: Election, organisation: Organisation, now: datetime) -> RollEntry:
    entry = roll_entry(election, organisation, lock=True)
    if entry is not None:
        return entry
    entry = RollEntry(
        election_id=election.id, organisation_id=organisation.id, is_eligible=False, decided_at=now
    )
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except IntegrityError:  # another request made it meanwhile
        return roll_entry(election, organisation, lock=True)  # type: ignore[return-value]
    return entry


def decide_eligibility(
    election: Election,
    organisation: Organisation,
    *,
    eligible: bool,
    may_nominate: bool = True,
    reason: str = "",
    actor: User,
    now: datetime,
) -> bool:
    """Mark an organisation eligible (or revoke it), recorded with who, when and why.

    Only MSOs can be eligible. Returns False when nothing changed (and records nothing).
    """
    if eligible and not organisation.is_mso:
        raise ElectionError("not_mso")
    entry = _entry_for_update(election, organisation, now)
    may_nominate = may_nominate and eligible
    unchanged = entry.is_eligible == eligible and entry.may_nominate == may_nominate
    if unchanged and entry.decided_by_id is not None:
        return False
    entry.is_eligible, entry.may_nominate = eligible, may_nominate
    entry.decided_by_id, entry.decided_at, entry.reason = actor.id, now, reason.strip()
    db.session.add(
        EligibilityDecision(
            election_id=election.id,
            organisation_id=organisation.id,
            is_eligible=eligible,
            may_nominate=may_nominate,
            decided_by_id=actor.id,
            decided_at=now,
            reason=reason.strip(),
        )
    )
    details = {"election": election.title, "eligible": eligible, "may_nominate": may_nominate}
    record_change(
        organisation, "eligibility", details | {"reason": reason.strip()}, actor=actor, now=now
    )
    db.session.flush()
    return True


def mark_eligible(
    election: Election,
    organisations: Iterable[Organisation],
    *,
    reason: str,
    actor: User,
    now: datetime,
) -> int:
    """Mark many MSOs eligible at once; returns how many changed (others are skipped)."""
    changed = 0
    for organisation in organisations:
        if organisation.is_mso and decide_eligibility(
            election, organisation, eligible=True, reason=reason, actor=actor, now=now
        ):
            changed += 1
    return changed


def revoke_links(entry: RollEntry, *, actor: User, now: datetime) -> None:
    """Invalidate the personal links sent so far; the next printed link is a new one."""
    entry.link_version += 1
    record_change(
        entry.organisation, "link_revoked", {"election": entry.election.title}, actor=actor, now=now
    )
    db.session.flush()


def eligibility_history(organisation: Organisation) -> list[EligibilityDecision]:
    return list(
        db.session.scalars(
            select(EligibilityDecision)
            .where(EligibilityDecision.organisation_id == organisation.id)
            .order_by(EligibilityDecision.id.desc())
        )
    )


def current_delegates(entry: RollEntry) -> dict[bool, Delegate]:
    """{False: delegate, True: deputy} as named now."""
    rows = db.session.scalars(
        select(Delegate).where(
            Delegate.election_id == entry.election_id,
            Delegate.organisation_id == entry.organisation_id,
            Delegate.replaced_at.is_(None),
        )
    )
    return {row.is_deputy: row for row in rows}


def name_delegate(
    entry: RollEntry,
    *,
    name: str,
    email: str = "",
    phone: str = "",
    is_deputy: bool = False,
    actor: User | None,
    now: datetime,
) -> Delegate | None:
    """Name (or change, or with an empty name remove) the delegate or deputy.

    The old row is kept with ``replaced_at``, so a change after the voting cards were
    printed stays on record. Returns the current row, or None after a removal.
    """
    if not entry.is_eligible:
        raise ElectionError("not_eligible")
    name, email, phone = name.strip(), email.strip().lower(), phone.strip()
    current = db.session.scalar(
        select(Delegate)
        .where(
            Delegate.election_id == entry.election_id,
            Delegate.organisation_id == entry.organisation_id,
            Delegate.is_deputy.is_(is_deputy),
            Delegate.replaced_at.is_(None),
        )
        .with_for_update()
    )
    if current is not None and (current.name, current.email, current.phone) == (name, email, phone):
        return current
    if current is None and not name:
        return None
    if current is not None:
        current.replaced_at, current.replaced_by_id = now, actor.id if actor else None
        db.session.flush()
    new = None
    if name:
        new = Delegate(
            election_id=entry.election_id,
            organisation_id=entry.organisation_id,
            name=name,
            email=email,
            phone=phone,
            is_deputy=is_deputy,
            named_by_id=actor.id if actor else None,
            named_at=now,
        )
        db.session.add(new)
    role = "deputy" if is_deputy else "delegate"
    record_change(
        entry.organisation,
        "delegate",
        {
            "election": entry.election.title,
            "role": role,
            "name": [current.name if current else "", name],
        },
        actor=actor,
        now=now,
    )
    db.session.flush()
    return new


def delegate_of(election_id: int, email: str) -> Delegate | None:
    """The current delegate or deputy with this e-mail in the election (for check-in screens:
    "delegate of <organisation>"); the delegate comes before the deputy."""
    if not email.strip():
        return None
    return db.session.scalar(
        select(Delegate)
        .where(
            Delegate.election_id == election_id,
            Delegate.email == email.strip().lower(),
            Delegate.replaced_at.is_(None),
        )
        .order_by(Delegate.is_deputy, Delegate.id)
        .limit(1)
    )
