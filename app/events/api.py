"""JSON API of the events area: public event data and registration, same service as the form.

Errors: 404 unknown event; 409 ``duplicate`` (the ticket is mailed again, never returned) and
409 for a closed window or a full session; 403 ``invitation_required``; 422 field errors, from
the schema (``errors.json``) or from the service (``reason`` and ``errors.json.<field>``).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from app.db import utcnow
from app.events import links, services, tickets
from app.events.models import Event, Question
from app.events.public_texts import error_message
from app.extensions import db, limiter
from app.ids import MAX_ID

blp = Blueprint(
    "events_api", __name__, url_prefix="/api/v1/events", description="Events and registration"
)
STATE_ERRORS = {"registration_closed", "registration_not_open", "session_full"}


class DaySchema(Schema):
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()


class SessionSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    room = fields.String()
    starts_at = fields.DateTime()
    ends_at = fields.DateTime()
    capacity = fields.Integer(allow_none=True)
    places_left = fields.Integer(allow_none=True, metadata={"description": "null: no limit"})


class EventSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    translations = fields.Dict()
    venue = fields.String()
    accessibility = fields.String()
    is_invite_only = fields.Boolean()
    capacity = fields.Integer(allow_none=True)
    places_left = fields.Integer(allow_none=True, metadata={"description": "null: no limit"})
    registration_opens_at = fields.DateTime(allow_none=True)
    registration_closes_at = fields.DateTime(allow_none=True)
    questions = fields.List(fields.String())
    days = fields.List(fields.Nested(DaySchema))
    sessions = fields.List(fields.Nested(SessionSchema))


class RegistrationInSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(required=True, validate=validate.Length(max=254))
    organisation_name = fields.String(
        load_default="",
        validate=validate.Length(max=200),
        metadata={"description": "as written; empty: the registry name of organisation_id"},
    )
    organisation_id = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        metadata={"description": "id of an organisation in the registry (422 when unknown)"},
    )
    category = fields.String(load_default=None, validate=validate.Length(max=40))
    session_ids = fields.List(
        fields.Integer(strict=True, validate=validate.Range(1, MAX_ID)),
        load_default=list,
        validate=validate.Length(max=20),
    )
    answers = fields.Dict(
        keys=fields.String(validate=validate.OneOf([q.value for q in Question])),
        values=fields.Raw(),
        load_default=dict,
    )
    consent = fields.Boolean(required=True, metadata={"description": "privacy notice accepted"})
    photo_consent = fields.Boolean(load_default=False)
    locale = fields.String(load_default="de", validate=validate.Length(max=10))
    invitation = fields.String(
        load_default=None,
        validate=validate.Length(max=200),
        metadata={"description": "token from a personal invitation link"},
    )


class RegistrationOutSchema(Schema):
    status = fields.String(metadata={"description": "confirmed | waitlisted"})
    ticket_token = fields.String(allow_none=True, metadata={"description": "null while waiting"})
    manage_url = fields.String()


def _event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id) if 0 < event_id <= MAX_ID else None
    if event is None or not event.is_published:
        abort(404)
    return event


@blp.route("")
class Events(MethodView):
    @blp.response(200, EventSchema(many=True))
    def get(self) -> list[Event]:
        """Published events, soonest first."""
        events = db.session.scalars(select(Event).where(Event.is_published.is_(True))).all()
        return sorted(events, key=lambda e: (e.starts_at is None, e.starts_at or 0, e.id))


@blp.route("/<int:event_id>")
class OneEvent(MethodView):
    @blp.response(200, EventSchema)
    def get(self, event_id: int) -> Event:
        """One event with its days, sessions and places left."""
        return _event_or_404(event_id)


def _refused(error: services.RegistrationError) -> Any:
    if error.code in {"invitation_required", "invitation_used"}:
        status = 403
    elif error.code in STATE_ERRORS:
        status = 409
    else:
        status = 422
    body: dict[str, Any] = {
        "status": "error",
        "reason": error.code,
        "message": error_message(error.code),
    }
    if status == 422:
        body["errors"] = {"json": {error.field or "_schema": [error_message(error.code)]}}
    return jsonify(body), status


@blp.route("/<int:event_id>/registrations")
class Registrations(MethodView):
    decorators = [limiter.limit("30 per minute")]

    @blp.arguments(RegistrationInSchema)
    @blp.response(201, RegistrationOutSchema)
    @blp.alt_response(409, description="duplicate e-mail, closed window or full session")
    @blp.alt_response(403, description="invite-only event without a valid invitation")
    def post(self, payload: dict[str, Any], event_id: int) -> Any:
        """Register for an event (the same rules as the form)."""
        event = _event_or_404(event_id)
        invitation = links.invitation_for(payload["invitation"])
        locale = payload["locale"]
        if locale not in current_app.config["LANGUAGES"]:
            locale = current_app.config["BABEL_DEFAULT_LOCALE"]
        data = services.RegistrationData(
            name=payload["name"],
            email=payload["email"],
            organisation_name=payload["organisation_name"],
            organisation_id=payload["organisation_id"],
            category_code=payload["category"],
            session_ids=payload["session_ids"],
            answers=payload["answers"],
            consent=payload["consent"],
            photo_consent=payload["photo_consent"],
        )
        try:
            result = services.register(
                event, data, now=utcnow(), locale=locale, invitation=invitation
            )
        except services.RegistrationError as error:
            db.session.rollback()
            return _refused(error)
        if result.is_duplicate:
            db.session.commit()  # the mail with the ticket goes out again
            return jsonify(
                {"status": "error", "reason": "duplicate", "message": error_message("duplicate")}
            ), 409
        registration = result.registration
        body = {
            "status": registration.status,
            "ticket_token": tickets.token_for(registration.ticket) if registration.ticket else None,
            "manage_url": links.absolute(
                "events_public.manage", token=links.manage_token(registration)
            ),
        }
        db.session.commit()
        return body
