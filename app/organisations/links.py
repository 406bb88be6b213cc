"""The organisation's personal link to an election: unguessable, signed, revocable.

The token is ``<election id>.<organisation id>.<signature>``; the signature is
HMAC-SHA256 over a purpose string, both ids and the roll entry's ``link_version``, keyed
with ``SECRET_KEY`` (192 bits kept). Nothing secret is stored: the same link can be printed
again at any time, raising ``link_version`` revokes every copy sent so far, and rotating
``SECRET_KEY`` revokes all links.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from flask import current_app
from sqlalchemy import select

from app.elections.models import Election, RollEntry
from app.extensions import db
from app.ids import parse_id
from app.organisations.models import Organisation

PURPOSE = "teilhabe/organisation-link/v1"
#: The delegate's registration link: signed apart, so it never opens the organisation's page
DELEGATE_PURPOSE = "teilhabe/delegate-registration/v1"


def _signature(election_id: int, organisation_id: int, version: int, purpose: str = PURPOSE) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    message = f"{purpose}|{election_id}|{organisation_id}|{version}".encode()
    digest = hmac.new(key, message, hashlib.sha256).digest()[:24]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_for(entry: RollEntry) -> str:
    """The token of a roll entry's personal link."""
    signature = _signature(entry.election_id, entry.organisation_id, entry.link_version)
    return f"{entry.election_id}.{entry.organisation_id}.{signature}"


def delegate_token_for(entry: RollEntry) -> str:
    """The token binding a registration for the election's assembly to this organisation.

    Revoked together with the personal link (same ``link_version``).
    """
    signature = _signature(
        entry.election_id, entry.organisation_id, entry.link_version, DELEGATE_PURPOSE
    )
    return f"{entry.election_id}.{entry.organisation_id}.{signature}"


def resolve_delegate(token: str | None) -> RollEntry | None:
    """The eligible roll entry a delegate registration token names, or None."""
    return resolve(token or "", purpose=DELEGATE_PURPOSE)


def resolve(token: str, purpose: str = PURPOSE) -> RollEntry | None:
    """The eligible roll entry the token was made for, or None (bad, revoked, not eligible)."""
    parts = token.split(".")
    if len(parts) != 3 or len(token) > 80:
        return None
    election_id, organisation_id = parse_id(parts[0]), parse_id(parts[1])
    if election_id is None or organisation_id is None:
        return None
    entry = db.session.scalar(
        select(RollEntry).where(
            RollEntry.election_id == election_id, RollEntry.organisation_id == organisation_id
        )
    )
    if entry is None or not entry.is_eligible:
        return None
    expected = _signature(entry.election_id, entry.organisation_id, entry.link_version, purpose)
    return entry if hmac.compare_digest(expected, parts[2]) else None


def personal_link(organisation: Organisation, election: Election) -> str:
    """The absolute URL the organisation uses to name its delegate and nominate.

    Mailed by :mod:`app.organisations.link_mail`, printed by ``flask organisations links``.
    Raises LookupError when the organisation is not eligible in the election.
    """
    entry = db.session.scalar(
        select(RollEntry).where(
            RollEntry.election_id == election.id, RollEntry.organisation_id == organisation.id
        )
    )
    if entry is None or not entry.is_eligible:
        raise LookupError("not_eligible")
    return link_for(entry)


def link_for(entry: RollEntry) -> str:
    """The absolute personal link of a roll entry (no query: for long lists)."""
    return f"{current_app.config['BASE_URL']}/o/{token_for(entry)}"
