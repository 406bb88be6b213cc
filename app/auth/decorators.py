"""Route guards: every staff route names the roles that may use it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from app.auth.models import Role
from app.extensions import login_manager

F = TypeVar("F", bound=Callable[..., Any])


def role_required(*roles: Role) -> Callable[[F], F]:
    """Let in logged-in accounts holding one of ``roles`` (admins always); 401/403 otherwise.

    With no roles given, any active staff account may pass. The check runs before the view
    loads anything, so a denied request learns nothing about the object it asked for.
    """

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        guarded.required_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


staff_required = role_required()
admin_required = role_required(Role.ADMIN)
