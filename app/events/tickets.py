"""Ticket tokens: compact, signed, and made only of QR alphanumeric characters.

A token reads ``T1-<ID>-<NONCE>-<MAC>``: the ticket id in decimal, the ticket's random nonce
(base32, 16 characters) and an HMAC-SHA256 over ``T1-<ID>-<NONCE>`` truncated to 80 bits
(base32, 16 characters). Digits, ``A–Z`` and ``-`` are all in the QR alphanumeric set, so a
token of ~40 characters fits a version-3 QR code at level M. The key is derived from
``SECRET_KEY`` with a purpose string, so it never equals a key used elsewhere in the app.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from functools import lru_cache

from flask import current_app
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm.interfaces import ORMOption

from app.db import utcnow
from app.events.models import Registration, Ticket
from app.extensions import db

VERSION = "T1"
PURPOSE = b"teilhabe/ticket-token/v1"
MAC_BYTES = 10  # 80 bits
NONCE_BYTES = 10
TOKEN_RE = re.compile(r"^T1-([1-9][0-9]{0,11})-([A-Z2-7]{16})-([A-Z2-7]{16})$")


class TicketError(Exception):
    """A token was refused: ``code`` is "invalid" (format or signature) or "unknown"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode("ascii").rstrip("=")


def _key() -> bytes:
    secret = current_app.config["SECRET_KEY"]
    secret_bytes = secret.encode("utf-8") if isinstance(secret, str) else secret
    return hmac.new(secret_bytes, PURPOSE, hashlib.sha256).digest()


def _mac(body: str) -> str:
    return _b32(hmac.new(_key(), body.encode("ascii"), hashlib.sha256).digest()[:MAC_BYTES])


def new_nonce() -> str:
    return _b32(secrets.token_bytes(NONCE_BYTES))


def issue(registration: Registration) -> Ticket:
    """Give ``registration`` its ticket, or a fresh nonce (the old QR code stops working)."""
    ticket = registration.ticket
    if ticket is None:
        ticket = Ticket(registration=registration, nonce=new_nonce(), issued_at=utcnow())
        db.session.add(ticket)
    else:
        ticket.nonce = new_nonce()
        ticket.issued_at = utcnow()
        ticket.revoked_at = None
    db.session.flush()
    return ticket


def token_for(ticket: Ticket) -> str:
    """The string the QR code carries."""
    body = f"{VERSION}-{ticket.id}-{ticket.nonce}"
    return f"{body}-{_mac(body)}"


def resolve(token: str, *, options: Sequence[ORMOption] = ()) -> Ticket:
    """The live ticket a scanned token names; raises :class:`TicketError` otherwise.

    Whitespace and lower case (some scanners) are tolerated; anything else must match exactly.
    The MAC is compared in constant time before the database is asked. ``options`` are loader
    options for the one query (the door loads the registration with it).
    """
    if not isinstance(token, str) or len(token) > 100:
        raise TicketError("invalid")
    match = TOKEN_RE.match(token.strip().upper())
    if match is None:
        raise TicketError("invalid")
    ticket_id, nonce, mac = match.groups()
    if not hmac.compare_digest(_mac(f"{VERSION}-{ticket_id}-{nonce}"), mac):
        raise TicketError("invalid")
    ticket = (
        db.session.scalars(_ticket_query(tuple(options)), {"id": int(ticket_id)}).unique().first()
    )
    if (
        ticket is None
        or not hmac.compare_digest(ticket.nonce, nonce)
        or ticket.revoked_at is not None
    ):
        raise TicketError("unknown")
    return ticket


@lru_cache(maxsize=8)
def _ticket_query(options: tuple[ORMOption, ...]) -> Select:
    """Built once per set of loader options: composing a query costs more than running it."""
    return select(Ticket).where(Ticket.id == bindparam("id")).options(*options)


def revoke(ticket: Ticket) -> None:
    """Make the ticket's token refused from now on."""
    ticket.revoked_at = utcnow()
