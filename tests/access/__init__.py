"""The role matrix: who may call each route. Every area lists its routes in a module here.

A route missing from the matrix fails ``test_every_route_is_in_the_matrix``, so nobody can add
a page without deciding who may open it.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from app.auth.models import Role


@dataclass(frozen=True)
class Access:
    """Who may pass: everyone, any logged-in staff account, or holders of some roles."""

    public: bool = False
    roles: frozenset[Role] = frozenset()

    def allows(self, role: Role | None) -> bool:
        if self.public:
            return True
        if role is None:
            return False
        return not self.roles or role is Role.ADMIN or role in self.roles


PUBLIC = Access(public=True)
STAFF = Access()


def roles(*wanted: Role) -> Access:
    return Access(roles=frozenset(wanted))


def matrix() -> dict[str, Access]:
    """All areas' entries merged; an endpoint listed twice is an error."""
    merged: dict[str, Access] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for endpoint, access in module.ACCESS.items():
            assert endpoint not in merged, f"{endpoint} is listed twice in tests/access"
            merged[endpoint] = access
    return merged
