"""The staff navigation: which areas each role sees. Areas add their entries here."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l

from app.auth.models import Role


@dataclass(frozen=True)
class Section:
    """One entry of the staff navigation."""

    endpoint: str
    label: object
    roles: frozenset[Role]

    @property
    def url(self) -> str:
        return url_for(self.endpoint)


SECTIONS: list[Section] = [
    Section("core.dashboard", _l("Overview"), frozenset()),
    Section("auth.list_users", _l("Accounts"), frozenset({Role.ADMIN})),
    Section("auth.change_password", _l("My password"), frozenset()),
]


def register(section: Section, *, before: str | None = None) -> None:
    """Add an area's entry once (areas call this from their ``init_app``)."""
    if any(s.endpoint == section.endpoint for s in SECTIONS):
        return
    index = next((i for i, s in enumerate(SECTIONS) if s.endpoint == before), len(SECTIONS))
    SECTIONS.insert(index, section)


def staff_sections(user: object) -> list[Section]:
    """The entries ``user`` may open."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [s for s in SECTIONS if not s.roles or user.has_role(*s.roles)]  # type: ignore[attr-defined]
