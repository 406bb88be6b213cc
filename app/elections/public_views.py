"""The published candidate list: web page, PDF and photos (public once published)."""

from __future__ import annotations

from flask import Response, abort, render_template

from app.elections import services
from app.elections.blueprint import bp
from app.elections.candidate_pdf import candidate_list_pdf
from app.elections.models import Election, Nomination, NominationStatus
from app.extensions import db


def _published(election_id: int) -> tuple[Election, list[Nomination]]:
    election = db.get_or_404(Election, election_id)
    candidates = services.published_candidates(election)
    if candidates is None:
        abort(404)
    return election, candidates


@bp.get("/<int:election_id>/candidates")
def public_candidates(election_id: int) -> str:
    """The candidate list with photos and self-descriptions, in the published order."""
    election, candidates = _published(election_id)
    return render_template(
        "elections/public/candidates.html", election=election, candidates=candidates
    )


@bp.get("/<int:election_id>/candidates.pdf")
def public_candidates_pdf(election_id: int) -> Response:
    """The candidate list as PDF for printing."""
    election, candidates = _published(election_id)
    return Response(
        candidate_list_pdf(election, candidates),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="candidates-{election.id}.pdf"'},
    )


@bp.get("/<int:election_id>/candidates/<int:nomination_id>/photo.jpg")
def public_photo(election_id: int, nomination_id: int) -> Response:
    """A confirmed candidate's photo, once the list is published."""
    election, _ = _published(election_id)
    nomination = db.session.get(Nomination, nomination_id)
    if (
        nomination is None
        or nomination.election_id != election.id
        or nomination.status != NominationStatus.CONFIRMED.value
        or not nomination.photo
    ):
        abort(404)
    return Response(
        nomination.photo, mimetype="image/jpeg", headers={"Cache-Control": "public, max-age=300"}
    )
