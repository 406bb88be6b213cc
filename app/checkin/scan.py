"""One scan, from the camera, a hand scanner, the search or the API: the answer as a dict.

The scanner page and ``POST /api/v1/checkin`` both call :func:`redeem`, so they answer alike.
A request with a client ``nonce`` that was seen before gets the first answer again (as
pretix's redeem API does): the nonce row is inserted first, so a retry racing the original
waits for it on the unique index and then reads its answer.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from flask_babel import format_datetime
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth.tokens import Actor
from app.checkin import people, services
from app.checkin.models import CheckIn, Checkpoint, ScanNonce
from app.events.models import Ticket
from app.extensions import db

STATUSES = (
    "ok",
    "already_checked_in",
    "unknown",
    "invalid",
    "cancelled",
    "wrong_event",
    "not_registered_for_session",
)


def message(status: str, name: str = "") -> str:
    """The headline the door reads, in the request's language."""
    texts = {
        "ok": lambda: _("Welcome, %(name)s!", name=name) if name else _("Checked in"),
        "already_checked_in": lambda: _("Already checked in"),
        "unknown": lambda: _("Unknown ticket"),
        "invalid": lambda: _("Not a valid ticket"),
        "cancelled": lambda: _("Registration cancelled"),
        "waiting_list": lambda: _("On the waiting list, not admitted"),
        "wrong_event": lambda: _("Ticket for another event"),
        "not_registered_for_session": lambda: _("Not registered for this session"),
        "nothing_to_undo": lambda: _("Nothing to undo"),
        "undone": lambda: _("Check-in of %(name)s undone", name=name),
    }
    return texts.get(status, lambda: _("Not admitted"))()


def _first(entry: services.FirstCheckIn) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "checkpoint": entry.checkpoint,
        "by": entry.by,
        "text": _(
            "First checked in %(when)s at %(where)s by %(who)s",
            when=format_datetime(entry.at, "short"),
            where=entry.checkpoint,
            who=entry.by,
        ),
    }


def answer(
    status: str,
    *,
    ticket: Ticket | None = None,
    entry: CheckIn | None = None,
    first: services.FirstCheckIn | None = None,
) -> dict[str, Any]:
    """The JSON answer: status, headline, attendee details, and the first check-in if any."""
    attendee = people.details(ticket.registration) if ticket is not None else None
    body: dict[str, Any] = {
        "status": status,
        "message": message(status, attendee["name"] if attendee else ""),
        "attendee": attendee,
    }
    if entry is not None:
        body["checkin_id"] = entry.id
        body["at"] = entry.at.isoformat()
    if first is not None:
        body["first"] = _first(first)
    return body


def redeem(
    code: str, checkpoint: Checkpoint, *, actor: Actor, now: datetime, nonce: str | None = None
) -> dict[str, Any]:
    """Check a scanned code in at ``checkpoint``; the caller commits."""
    # 1. A nonce seen before: the first answer again, nothing else happens
    record = None
    if nonce:
        replay = _claim_nonce(nonce, actor=actor, now=now)
        if isinstance(replay, dict):
            return replay
        record = replay
    # 2. Resolve the code, check in, or record why not
    ticket = None
    try:
        ticket = services.resolve(code)
        entry = services.check_in(ticket, checkpoint, actor=actor, now=now)
        body = answer("ok", ticket=ticket, entry=entry)
    except services.CheckInDenied as denied:
        ticket = denied.ticket or ticket
        services.record_denial(denied.code, checkpoint, ticket=ticket, actor=actor, now=now)
        body = answer(denied.code, ticket=ticket, first=denied.first)
    # 3. Remember the answer for retries with the same nonce
    if record is not None:
        record.answer = json.dumps(body, ensure_ascii=False)
    return body


def _claim_nonce(nonce: str, *, actor: Actor, now: datetime) -> ScanNonce | dict[str, Any]:
    """The new nonce row, or the stored answer when this actor sent the nonce before."""
    key = services.actor_key(actor)
    stored = _stored_answer(key, nonce)
    if stored is not None:
        return stored
    record = ScanNonce(actor_key=key, nonce=nonce, created_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(record)
    except IntegrityError:
        stored = _stored_answer(key, nonce)  # the racing original has committed by now
        if stored is not None:
            return stored
        raise
    return record


def _stored_answer(key: str, nonce: str) -> dict[str, Any] | None:
    text = db.session.scalar(
        select(ScanNonce.answer).where(ScanNonce.actor_key == key, ScanNonce.nonce == nonce)
    )
    return json.loads(text) if text else None
