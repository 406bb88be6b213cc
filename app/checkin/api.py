"""``/api/v1/checkin``: scanner devices and the scanner page check tickets in here.

Authenticated by a device's bearer token or a door account's session (with ``X-CSRFToken``).
Every scan answers 200 with a ``status``; only malformed requests get 4xx.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate
from sqlalchemy import bindparam, select
from werkzeug.exceptions import UnprocessableEntity

from app.api.auth import api_auth_required, current_actor
from app.auth.models import Role
from app.checkin import people, scan, services
from app.checkin.models import CheckIn, Checkpoint
from app.db import utcnow
from app.events.tickets import token_for
from app.extensions import db

blp = Blueprint(
    "checkin_api", __name__, url_prefix="/api/v1/checkin", description="Check-in at the door"
)
DOOR = (Role.DOOR, Role.ORGANISER)
SECURITY = [{"bearerAuth": []}, {"sessionCookie": []}]


class ScanSchema(Schema):
    ticket = fields.String(
        required=True, validate=validate.Length(min=1, max=512), metadata={"description": "QR text"}
    )
    checkpoint = fields.String(
        required=True,
        validate=validate.Regexp(r"^[0-9]{1,9}$"),
        metadata={"description": "Checkpoint id"},
    )
    nonce = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=100),
        metadata={"description": "Client retry key: the same nonce gets the first answer again"},
    )


class FirstSchema(Schema):
    at = fields.String()
    checkpoint = fields.String()
    by = fields.String()
    text = fields.String()


class AttendeeSchema(Schema):
    name = fields.String()
    email = fields.String()
    organisation = fields.String()
    category = fields.String()
    sessions = fields.List(fields.String())
    notes = fields.List(fields.String())


class AnswerSchema(Schema):
    status = fields.String(
        metadata={"enum": [*scan.STATUSES, "waiting_list"], "description": "Outcome"}
    )
    message = fields.String(metadata={"description": "Headline in the request's language"})
    attendee = fields.Nested(AttendeeSchema, allow_none=True)
    checkin_id = fields.Integer()
    at = fields.String()
    first = fields.Nested(FirstSchema, metadata={"description": "For already_checked_in"})


class UndoAnswerSchema(Schema):
    status = fields.String(metadata={"enum": ["undone", "nothing_to_undo"]})
    message = fields.String(metadata={"description": "Headline in the request's language"})
    checkin_id = fields.Integer()


class UndoSchema(Schema):
    checkin = fields.Integer(
        load_default=None, strict=True, validate=validate.Range(min=1, max=2**31 - 1)
    )
    checkpoint = fields.String(load_default=None, validate=validate.Regexp(r"^[0-9]{1,9}$"))


class SearchArgs(Schema):
    checkpoint = fields.String(required=True, validate=validate.Regexp(r"^[0-9]{1,9}$"))
    q = fields.String(required=True, validate=validate.Length(min=1, max=100))


class HitSchema(Schema):
    ticket = fields.String()
    name = fields.String()
    organisation = fields.String()
    category = fields.String()
    checked_in = fields.Boolean()


class HitsSchema(Schema):
    results = fields.List(fields.Nested(HitSchema))


@blp.errorhandler(UnprocessableEntity)
def _invalid_input(error: UnprocessableEntity) -> Any:
    """Field errors as flask-smorest's JSON (the app-wide handler would answer in HTML)."""
    return current_app.extensions["teilhabe_api"].handle_http_exception(error)


#: Built once: composing a statement per scan costs more than running it
_CHECKPOINT = select(Checkpoint).where(Checkpoint.id == bindparam("id"))


def _checkpoint(raw: str | None) -> Checkpoint:
    checkpoint = db.session.scalar(_CHECKPOINT, {"id": int(raw)}) if raw else None
    if checkpoint is None:
        abort(404, message="checkpoint_not_found")
    return checkpoint


@blp.route("", methods=["POST"])
@api_auth_required(*DOOR)
@blp.arguments(ScanSchema)
@blp.response(200, AnswerSchema)
@blp.alt_response(404, description="No such checkpoint")
@blp.doc(security=SECURITY)
def redeem(args: dict[str, Any]) -> dict[str, Any]:
    """Check a ticket in at a checkpoint (idempotent per client nonce)."""
    checkpoint = _checkpoint(args["checkpoint"])
    body = scan.redeem(
        args["ticket"], checkpoint, actor=current_actor(), now=utcnow(), nonce=args["nonce"]
    )
    db.session.commit()
    return body


@blp.route("/undo", methods=["POST"])
@api_auth_required(*DOOR)
@blp.arguments(UndoSchema)
@blp.response(200, UndoAnswerSchema)
@blp.doc(security=SECURITY)
def undo(args: dict[str, Any]) -> dict[str, Any]:
    """Take back a check-in by id, or this device's last one at ``checkpoint``."""
    actor, now = current_actor(), utcnow()
    try:
        if args["checkin"] is not None:
            entry = db.session.get(CheckIn, args["checkin"])
            if entry is None:
                raise services.CheckInDenied("nothing_to_undo")
            entry = services.undo(entry, actor=actor, now=now)
        elif args["checkpoint"] is not None:
            entry = services.undo_last(_checkpoint(args["checkpoint"]), actor=actor, now=now)
        else:
            raise services.CheckInDenied("nothing_to_undo")
    except services.CheckInDenied as denied:
        return {"status": denied.code, "message": scan.message(denied.code)}
    db.session.commit()
    name = people.details(entry.ticket.registration)["name"]
    return {"status": "undone", "message": scan.message("undone", name), "checkin_id": entry.id}


@blp.route("/search", methods=["GET"])
@api_auth_required(*DOOR)
@blp.arguments(SearchArgs, location="query")
@blp.response(200, HitsSchema)
@blp.doc(security=SECURITY)
def search(args: dict[str, Any]) -> dict[str, Any]:
    """Find attendees of the checkpoint's event by name or e-mail, for one-tap check-in."""
    checkpoint = _checkpoint(args["checkpoint"])
    results = []
    for ticket, arrived in services.search(checkpoint, args["q"]):
        who = people.details(ticket.registration)
        results.append(
            {
                "ticket": token_for(ticket),
                "name": who["name"],
                "organisation": who["organisation"],
                "category": who["category"],
                "checked_in": arrived,
            }
        )
    db.session.commit()  # the device token's last use
    return {"results": results}
