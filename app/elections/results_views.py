"""Public results after close (R0.5, R10.6, R11.3), tracking-code lookup, CSV, protocol PDFs."""

from __future__ import annotations

from flask import Blueprint, abort, make_response, render_template, request
from flask_babel import force_locale
from werkzeug.wrappers import Response

from app.documents import protocol_pdf
from app.elections import byelection, casting
from app.elections import results as published
from app.elections.control_views import load, official
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.elections.protocol import protocol_data
from app.elections.public_forms import TrackingLookupForm
from app.elections.voting_models import FrozenElection
from app.extensions import db

bp = Blueprint("election_results", __name__, url_prefix="/elections")


def _frozen(election_id: int) -> Election:
    election = load(election_id)
    if db.session.get(FrozenElection, election.id) is None:
        abort(404)
    return election


@bp.get("/<int:election_id>/results")
def results(election_id: int) -> str:
    """Each closed round's result with a bar chart; nothing while a round is open (R10.6)."""
    election = _frozen(election_id)
    public = published.public_rounds(election)
    return render_template("elections/public/results.html", election=election, rounds=public,
                           vacant=byelection.vacancies(election),
                           by_election=byelection.by_election_of(election))


@bp.get("/<int:election_id>/rounds/<int:number>/results.csv")
def results_csv(election_id: int, number: int) -> Response:
    """One closed round's result as CSV."""
    election = _frozen(election_id)
    found = [p for p in published.public_rounds(election) if p.rnd.number == number and p.shown]
    if not found:
        abort(404)
    response = make_response(published.results_csv(found[0]))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f"attachment; filename=round-{number}.csv"
    return response


@bp.get("/tracking")
def tracking() -> str:
    """Was my ballot recorded? Look up a tracking code (R10.7)."""
    form = TrackingLookupForm(request.args)
    found, searched = None, False
    if request.args.get("code") and form.validate():
        searched = True
        found = casting.tracking_code_recorded(form.code.data or "")
        if found is not None and found.status != "closed":
            found = None  # codes are published after close
    return render_template("elections/public/tracking.html", form=form, found=found,
                           searched=searched)


@bp.get("/<int:election_id>/protocol.pdf")
@official
def protocol(election_id: int) -> Response:
    """The Wahlniederschrift, German by default (R11.5)."""
    election = _frozen(election_id)
    lang = request.args.get("lang", "de")
    with force_locale(lang if lang in ("de", "en") else "de"):
        try:
            data = protocol_data(election)  # its texts in the protocol's language too
        except ElectionError:
            abort(404)
        pdf = protocol_pdf(data)
    return _pdf(pdf, "protocol.pdf")


def _pdf(pdf: bytes, name: str) -> Response:
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f"inline; filename={name}"
    return response
