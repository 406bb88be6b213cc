"""Which registry organisation a registration names: by id (staff, API) or by typed name.

Registrations keep the free text as typed; ``organisation_id`` is set only for an organisation
that exists in the registry, because the voting desk trusts it to recognise a delegate.
"""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.organisations.models import Organisation
from app.organisations.names import normalise_name


def name_of(organisation_id: int) -> str | None:
    """The registry name of an organisation, or None when there is no such organisation."""
    organisation = db.session.get(Organisation, organisation_id)
    return organisation.name[:200] if organisation is not None else None


def by_name(name: str | None) -> Organisation | None:
    """The registry organisation whose name matches ``name`` (ignoring case, accents, "e.V.")."""
    key = normalise_name(name or "")
    if not key:
        return None
    return db.session.scalar(select(Organisation).where(Organisation.normalised_name == key))


def names() -> list[str]:
    """Names offered as suggestions (datalist) on the public form, alphabetically."""
    return list(db.session.scalars(select(Organisation.name).order_by(Organisation.name)))


def choices() -> list[tuple[str, str]]:
    """Options for the staff form's select: ("", "—") then every organisation by name."""
    rows = db.session.execute(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    return [("", "—")] + [(str(i), n) for i, n in rows]
