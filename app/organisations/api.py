"""JSON API of the registry and the published candidate list (in the OpenAPI document)."""

from __future__ import annotations

from flask import abort, url_for
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from app.auth.decorators import role_required
from app.auth.models import Role
from app.elections import services as election_services
from app.elections.models import Election
from app.extensions import db
from app.organisations import services
from app.organisations.models import KIND_VALUES

blp = Blueprint(
    "organisations_api",
    __name__,
    url_prefix="/api/v1",
    description="Organisations and published candidate lists",
)


class OrganisationQuery(Schema):
    q = fields.String(load_default="", validate=validate.Length(max=200))
    kind = fields.String(load_default="", validate=validate.OneOf(("", *KIND_VALUES)))


class OrganisationSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String(metadata={"enum": list(KIND_VALUES)})
    contact_person = fields.String()
    email = fields.String()
    phone = fields.String()
    address = fields.String()
    languages = fields.String()
    website = fields.String()


class CandidateSchema(Schema):
    position = fields.Integer(metadata={"description": "Place in the published order (R1.1)"})
    id = fields.Integer()
    first_name = fields.String()
    surname = fields.String()
    organisation = fields.String()
    description = fields.String()
    translations = fields.Dict(keys=fields.String(), values=fields.String())
    photo_url = fields.String(allow_none=True)


class CandidateListSchema(Schema):
    election_id = fields.Integer()
    title = fields.String()
    ballot_order = fields.String()
    published_at = fields.DateTime()
    candidates = fields.List(fields.Nested(CandidateSchema))


@blp.get("/organisations")
@blp.arguments(OrganisationQuery, location="query")
@blp.response(200, OrganisationSchema(many=True))
@blp.alt_response(401, description="Not logged in")
@blp.alt_response(403, description="Not an organiser (door accounts and officials get no contacts)")
@role_required(Role.ORGANISER)
def list_organisations(args: dict) -> list:
    """The registry with contact details, for organisers (and admins) only; search and filter."""
    query = services.search(services.Filters(query=args["q"].strip(), kind=args["kind"]))
    return list(db.session.scalars(query))


@blp.get("/elections/<int:election_id>/candidates")
@blp.response(200, CandidateListSchema)
@blp.alt_response(404, description="No such election, or its list is not published")
def list_candidates(election_id: int) -> dict:
    """The published candidate list in its published order (404 until published)."""
    election = db.get_or_404(Election, election_id)
    candidates = election_services.published_candidates(election)
    if candidates is None:
        abort(404)
    return {
        "election_id": election.id,
        "title": election.title,
        "ballot_order": election.ballot_order,
        "published_at": election.candidates_published_at,
        "candidates": [
            {
                "position": position,
                "id": n.id,
                "first_name": n.first_name,
                "surname": n.surname,
                "organisation": n.organisation.name,
                "description": n.description,
                "translations": n.description_translations,
                "photo_url": url_for(
                    "elections.public_photo", election_id=election.id, nomination_id=n.id
                )
                if n.has_photo
                else None,
            }
            for position, n in enumerate(candidates, start=1)
        ],
    }
