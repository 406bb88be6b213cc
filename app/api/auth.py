"""Who calls the API: a scanner device's bearer token, or a staff account's session cookie.

API blueprints are exempt from the form CSRF check (see :mod:`app.api`). A request that
authenticates with the session cookie and changes something must therefore send the CSRF
token in the ``X-CSRFToken`` header; a bearer token is not sent by browsers on their own, so
it needs none.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, g, request
from flask_login import current_user

from app.auth import tokens
from app.auth.models import Role
from app.db import utcnow
from app.extensions import csrf

F = TypeVar("F", bound=Callable[..., Any])
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def authenticate(*roles: Role) -> tokens.Actor:
    """The actor of this request, or abort with 401 (nobody) / 403 (wrong role).

    A valid token stands for the door role: it passes when ``roles`` include ``Role.DOOR``.
    """
    plain = _bearer()
    if plain is not None:
        token = tokens.authenticate(plain, now=utcnow())
        if token is None:
            abort(401)
        if roles and Role.DOOR not in roles:
            abort(403)
        return tokens.Actor(token=token)
    if not current_user.is_authenticated:
        abort(401)
    if roles and not current_user.has_role(*roles):
        abort(403)
    if request.method not in SAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()  # raises CSRFError (400) without a valid X-CSRFToken header
    return tokens.Actor(user=current_user._get_current_object())


def api_auth_required(*roles: Role) -> Callable[[F], F]:
    """Guard an API view; the actor is in ``g.actor``. Runs before the body is parsed."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            g.actor = authenticate(*roles)
            return view(*args, **kwargs)

        guarded.required_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def current_actor() -> tokens.Actor:
    """The actor that :func:`api_auth_required` found."""
    return g.actor
