"""Private links: a registration's own page and an invitation, signed and unguessable.

A link carries the record's random key (24 bytes) signed with ``SECRET_KEY``, so a link is
neither guessable nor derivable from an id, and a changed link is refused before any lookup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import current_app
from itsdangerous import BadSignature, Signer
from sqlalchemy import select

from app.events.models import Invitation, Registration
from app.extensions import db

if TYPE_CHECKING:
    from app.elections.models import RollEntry


def _signer(purpose: str) -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt=f"teilhabe.{purpose}")


def manage_token(registration: Registration) -> str:
    return _signer("registration-link").sign(registration.access_key).decode()


def registration_for(token: str) -> Registration | None:
    """The registration a private link names, or None for a bad or unknown link."""
    try:
        key = _signer("registration-link").unsign(token[:200]).decode()
    except (BadSignature, UnicodeError):
        return None
    return db.session.scalar(select(Registration).where(Registration.access_key == key))


def invitation_token(invitation: Invitation) -> str:
    return _signer("invitation-link").sign(invitation.nonce).decode()


def invitation_for(token: str | None) -> Invitation | None:
    if not token:
        return None
    try:
        nonce = _signer("invitation-link").unsign(token[:200]).decode()
    except (BadSignature, UnicodeError):
        return None
    return db.session.scalar(select(Invitation).where(Invitation.nonce == nonce))


def delegate_entry_for(event_id: int, token: str | None) -> RollEntry | None:
    """The roll entry of a valid delegate link for this event (the election's assembly)."""
    from app.organisations.links import resolve_delegate

    entry = resolve_delegate(token) if token else None
    if entry is None or entry.election.event_id != event_id:
        return None
    return entry


def absolute(endpoint: str, **values: Any) -> str:
    """A full URL from ``BASE_URL``; works in CLI commands and threads without a request."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path
