"""The election's JSON API (flask-smorest): status, round results, casting, the audit export."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from werkzeug.wrappers import Response

from app.elections import casting, rounds
from app.elections import ledger as lg
from app.elections import results as published
from app.elections.ballot_views import ballot_limit, refused
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.elections.voting_models import FrozenElection
from app.extensions import db, limiter

blp = Blueprint("election_api", __name__, url_prefix="/api/v1",
                description="The MSO election: status, results, ballots, audit export")


class ElectionErrorSchema(Schema):
    """``{"status": "error", "reason": code}``; unknown addresses answer the app's error body."""

    status = fields.String(metadata={"example": "error"})
    reason = fields.String(metadata={"example": "token_used"})
    code = fields.Integer()
    message = fields.String()


class RoundSchema(Schema):
    number = fields.Integer()
    kind = fields.String()
    status = fields.String()
    cards_issued = fields.Integer()
    cast = fields.Integer(metadata={"description": "n of m cards used while open (R10.6)"})


class ElectionSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    status = fields.String()
    fingerprint = fields.String(allow_none=True)
    next_step = fields.String(allow_none=True)
    rounds = fields.List(fields.Nested(RoundSchema))


class BallotIn(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=64))
    choices = fields.List(fields.String(validate=validate.Length(max=20)), required=True,
                          validate=validate.Length(max=50))
    round = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=99))
    answers = fields.Dict(keys=fields.String(validate=validate.Length(max=20)),
                          values=fields.String(validate=validate.OneOf(["yes", "no"])),
                          load_default=dict, validate=validate.Length(max=50),
                          metadata={"description": "Yes/no round (R6.1): candidate id → answer"})


class BallotOut(Schema):
    tracking_code = fields.String()


def _error(status: int, reason: str) -> Response:
    from flask import jsonify

    response = jsonify({"status": "error", "reason": reason})
    response.status_code = status
    return response


def _election(election_id: int) -> Election:
    election = db.session.get(Election, election_id)
    if election is None:
        abort(404)
    return election


@blp.get("/elections/<int:election_id>")
@blp.response(200, ElectionSchema)
def election_status(election_id: int) -> dict[str, Any]:
    """An election's status, rounds and counts (never results of an open round)."""
    election = _election(election_id)
    frozen = db.session.get(FrozenElection, election.id) is not None
    held = lg.rounds_of(election) if frozen else []
    try:
        next_step = lg.state(election).status if frozen else None
    except Exception:  # noqa: BLE001 - a voting rule error is reported as no next step
        next_step = None
    return {"id": election.id, "title": election.title, "status": election.status,
            "fingerprint": election.fingerprint, "next_step": next_step,
            "rounds": [{"number": r.number, "kind": r.kind, "status": r.status,
                        "cards_issued": r.cards_issued,
                        "cast": rounds.cards_used(r) if r.status == "open"
                        else rounds.cast_count(r)} for r in held]}


@blp.get("/elections/<int:election_id>/rounds/<int:number>/results")
@blp.response(200, description="The round's published result (after close, R0.5)")
@blp.alt_response(404, schema=ElectionErrorSchema, description="Unknown, open or below the minimum")
def round_results(election_id: int, number: int) -> Any:
    """One closed round's counts and ranking."""
    election = _election(election_id)
    if db.session.get(FrozenElection, election.id) is None:
        return _error(404, "not_frozen")
    found = [p for p in published.public_rounds(election) if p.rnd.number == number]
    if not found:
        return _error(404, "not_closed")
    if not found[0].shown or found[0].decided is None:
        return _error(404, "secrecy")
    p = found[0]
    tally = p.decided.tally
    return {"round": number, "kind": p.rnd.kind, "cast": tally.cast, "valid": tally.valid,
            "abstentions": tally.abstentions, "invalid": dict(tally.invalid),
            "commitment": p.rnd.commitment,
            "ranking": [{"rank": line.rank, "candidate_id": line.candidate_id,
                         "name": line.name, "organisation": line.organisation,
                         "votes": line.votes, "outcome": line.outcome} for line in p.lines],
            "tracking_codes": list(p.codes)}




@blp.post("/ballots")
@limiter.limit(ballot_limit, deduct_when=refused)
@blp.arguments(BallotIn)
@blp.response(201, BallotOut)
@blp.alt_response(409, schema=ElectionErrorSchema, description="Token used or unknown")
def cast_ballot(data: dict[str, Any]) -> Any:
    """Cast a ballot with a voting card's token: the same service as the ballot page."""
    try:
        code = casting.cast_ballot(data["token"], data["round"], data["choices"],
                                   sorted(data["answers"].items()))
    except ElectionError as error:
        db.session.rollback()
        status = 422 if error.code == "bad_ballot" else 409
        return _error(status, error.code)
    db.session.commit()
    return {"tracking_code": code}


@blp.get("/elections/<int:election_id>/audit")
@blp.response(200, description="The audit export (R11.4); check it with python -m voting verify")
@blp.alt_response(409, schema=ElectionErrorSchema, description="Not exportable yet")
def audit(election_id: int) -> Any:
    """The audit export of the closed rounds."""
    election = _election(election_id)
    try:
        return published.audit_export(election)
    except ElectionError as error:
        return _error(409 if error.code != "not_frozen" else 404, error.code)
