"""Registry operations: the only place that decides about organisations.

Services get the actor and the time passed in, flush, and never commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from app.auth.models import User
from app.extensions import db
from app.organisations.models import KIND_VALUES, Organisation, OrganisationChange
from app.organisations.names import fold, normalise_name

#: The fields staff edit, in the order of the form, the CSV file and the history
FIELDS = (
    "name",
    "kind",
    "contact_person",
    "email",
    "phone",
    "address",
    "languages",
    "website",
    "notes",
)


class OrganisationError(Exception):
    """A registry rule was broken; ``code`` is stable, views map it to a message."""

    def __init__(self, code: str, duplicate: Organisation | None = None) -> None:
        super().__init__(code)
        self.code = code  # "duplicate" | "empty_name" | "bad_kind"
        self.duplicate = duplicate


def find_duplicate(name: str, *, ignore_id: int | None = None) -> Organisation | None:
    """The registered organisation whose name means the same as ``name``, if any."""
    query = select(Organisation).where(Organisation.normalised_name == normalise_name(name))
    if ignore_id is not None:
        query = query.where(Organisation.id != ignore_id)
    return db.session.scalar(query)


def _clean(values: Mapping[str, Any]) -> dict[str, str]:
    cleaned = {field: str(values.get(field) or "").strip() for field in FIELDS}
    cleaned["email"] = cleaned["email"].lower()
    cleaned["kind"] = cleaned["kind"] or "mso"
    if not cleaned["name"] or not normalise_name(cleaned["name"]):
        raise OrganisationError("empty_name")
    if cleaned["kind"] not in KIND_VALUES:
        raise OrganisationError("bad_kind")
    return cleaned


def record_change(
    organisation: Organisation,
    action: str,
    details: dict[str, Any],
    *,
    actor: User | None,
    now: datetime,
) -> OrganisationChange:
    """Append an entry to the organisation's history."""
    change = OrganisationChange(
        organisation=organisation,
        action=action,
        details=details,
        changed_by_id=actor.id if actor else None,
        changed_at=now,
    )
    db.session.add(change)
    return change


def create_organisation(
    values: Mapping[str, Any], *, actor: User | None, now: datetime
) -> Organisation:
    """Register an organisation unless one with the same normalised name exists."""
    cleaned = _clean(values)
    duplicate = find_duplicate(cleaned["name"])
    if duplicate is not None:
        raise OrganisationError("duplicate", duplicate)
    organisation = Organisation(
        **cleaned, normalised_name=normalise_name(cleaned["name"]), created_at=now, updated_at=now
    )
    try:
        with db.session.begin_nested():
            db.session.add(organisation)
    except IntegrityError:
        raise OrganisationError("duplicate", find_duplicate(cleaned["name"])) from None
    record_change(organisation, "created", {}, actor=actor, now=now)
    db.session.flush()
    return organisation


def update_organisation(
    organisation: Organisation, values: Mapping[str, Any], *, actor: User | None, now: datetime
) -> dict[str, list[str]]:
    """Change an organisation's details and record what changed; returns the changes."""
    cleaned = _clean(values)
    duplicate = find_duplicate(cleaned["name"], ignore_id=organisation.id)
    if duplicate is not None:
        raise OrganisationError("duplicate", duplicate)
    changes = {
        field: [getattr(organisation, field), new]
        for field, new in cleaned.items()
        if getattr(organisation, field) != new
    }
    if not changes:
        return {}
    for field, (_, new) in changes.items():
        setattr(organisation, field, new)
    organisation.normalised_name = normalise_name(cleaned["name"])
    organisation.updated_at = now
    record_change(organisation, "updated", changes, actor=actor, now=now)
    db.session.flush()
    return changes


@dataclass(frozen=True)
class Filters:
    """What the registry list is narrowed to."""

    query: str = ""
    kind: str = ""
    #: Only organisations eligible (True) or not eligible (False) in ``election_id``
    eligible: bool | None = None
    election_id: int | None = None


def search(filters: Filters) -> Select[tuple[Organisation]]:
    """The registry query for a search text and filters, ordered by name."""
    from app.elections.models import RollEntry

    query = select(Organisation)
    if filters.query:
        words = fold(filters.query).split()
        for word in words:
            pattern = f"%{word}%"
            query = query.where(
                or_(
                    Organisation.normalised_name.like(pattern),
                    func.lower(Organisation.contact_person).like(pattern),
                    func.lower(Organisation.email).like(pattern),
                    func.lower(Organisation.languages).like(pattern),
                )
            )
    if filters.kind in KIND_VALUES:
        query = query.where(Organisation.kind == filters.kind)
    if filters.eligible is not None:
        on_roll = exists().where(
            RollEntry.organisation_id == Organisation.id,
            RollEntry.is_eligible.is_(True),
            *([RollEntry.election_id == filters.election_id] if filters.election_id else []),
        )
        query = query.where(on_roll if filters.eligible else ~on_roll)
    return query.order_by(Organisation.normalised_name, Organisation.id)
