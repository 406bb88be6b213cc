"""The published candidate list: web page, PDF and photos (public once published)."""

from __future__ import annotations

from flask import Response, abort, current_app, render_template
from flask_babel import gettext as _

from app.documents import candidate_list_pdf
from app.documents.data import CandidateListEntry
from app.documents.i18n import fmt_short_date
from app.elections import services
from app.elections.blueprint import bp
from app.elections.models import BallotOrder, Election, Nomination, NominationStatus
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
    entries = [_entry(nomination) for nomination in candidates]
    return Response(
        candidate_list_pdf(election.title, entries, order_note(election)),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="candidates-{election.id}.pdf"'},
    )


def order_note(election: Election) -> str:
    """Say on the printed list how the order of names came about (ELECTION.md R1.1, R4.2)."""
    lot = services.latest_lot(election)
    if election.ballot_order != BallotOrder.LOT.value or lot is None:
        return _("Order of names: alphabetical by surname.")
    if lot.method == "physical":
        return _(
            "Order of names: by the drawing of lots on %(date)s (slips drawn by %(name)s).",
            date=fmt_short_date(lot.drawn_at),
            name=lot.drawn_by,
        )
    return _(
        "Order of names: by the drawing of lots on %(date)s (digital draw by %(name)s, "
        "seed %(seed)s, method %(method)s).",
        date=fmt_short_date(lot.drawn_at),
        name=lot.drawn_by,
        seed=lot.seed,
        method=lot.algorithm,
    )


def _entry(nomination: Nomination) -> CandidateListEntry:
    """What the PDF prints of a candidate; translations are labelled with the language's name."""
    names = current_app.config["LANGUAGES"]
    translations = tuple(
        (names.get(code, code), text)
        for code, text in sorted(nomination.description_translations.items())
        if text.strip()
    )
    return CandidateListEntry(
        name=nomination.full_name,
        organisation=nomination.organisation.name,
        description=nomination.description,
        photo=nomination.photo if nomination.has_photo else None,
        translations=translations,
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
