"""Paper mode (R10.8): ballot papers per round and the counting screen with undo."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

import voting
from app.documents import ballot_papers_pdf
from app.documents.data import BallotCandidate, BallotPaperData
from app.elections import cards, casting, rounds
from app.elections import ledger as lg
from app.elections.control_views import error_message, load, official
from app.elections.ledger import ElectionError
from app.elections.voting_forms import ActionForm, PaperBallotForm
from app.elections.voting_models import Round
from app.extensions import db

bp = Blueprint("election_count", __name__, url_prefix="/elections")
UNDO_KEY = "paper_undo"
UNDO_DEPTH = 20


def round_name(kind: str, number: int) -> str:
    names = {"first": _("First round"), "runoff": _("Runoff"), "yes_no": _("Yes/no round")}
    return f"{names.get(kind, kind)} ({_('round')} {number})"


def candidate_names(election_id: int) -> dict[str, tuple[str, str]]:
    """Candidate id → (name, organisation) from the frozen list."""
    from app.elections.voting_models import FrozenElection

    snapshot = db.session.get(FrozenElection, election_id)
    return {c["id"]: (f"{c['given_name']} {c['surname']}", c["organisation"])
            for c in (snapshot.candidates if snapshot else [])}


@bp.get("/<int:election_id>/rounds/<int:number>/ballot-papers.pdf")
@official
def ballot_papers(election_id: int, number: int) -> Response:
    """Identical ballot papers for one round: no serial numbers, the fingerprint printed."""
    election = load(election_id)
    spec = _paper_spec(election, number)
    if spec is None:
        flash(_("No such round yet."), "error")
        return redirect(url_for("election_control.control_room", election_id=election.id))
    names = candidate_names(election.id)
    copies = max(cards.cards_issued(election), 1)
    with force_locale("de"):
        data = BallotPaperData(
            election_name=election.title, round_number=spec.number,
            round_name=round_name(spec.kind, spec.number),
            fingerprint=election.fingerprint or "",
            candidates=tuple(BallotCandidate(*names[c]) for c in spec.candidates),
            votes_allowed=spec.votes_per_ballot, yes_no=spec.kind == "yes_no")
        pdf = ballot_papers_pdf(data, copies=copies)
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f"inline; filename=ballot-papers-{number}.pdf"
    return response


def _paper_spec(election: object, number: int) -> voting.RoundSpec | None:
    """A held round, or the round that is due, so papers can be printed before it opens."""
    try:
        return casting.spec_of(rounds.get_round(election, number))  # type: ignore[arg-type]
    except ElectionError:
        pass
    try:
        upcoming = lg.state(election).next_round  # type: ignore[arg-type]
    except (ElectionError, voting.VotingError):
        return None
    return upcoming if upcoming is not None and upcoming.number == number else None


def _tally(rnd: Round) -> dict[str, object]:
    """Running tally of the paper ballots keyed in so far, and only "n of m cards used" for
    the devices: device votes stay unseen until the round closes (R10.6)."""
    paper = [(b, n) for b, n in lg.round_ballots(rnd).counts() if b.source == "paper"]
    votes: dict[str, int] = {}
    yes: dict[str, int] = {}
    no: dict[str, int] = {}
    for b, n in paper:
        for m in b.marks:
            votes[m] = votes.get(m, 0) + n
        for cid, answer in b.answers:  # R6.1: a yes/no round counts answers, not marks
            side = yes if answer == "yes" else no
            side[cid] = side.get(cid, 0) + n
    return {"paper": sum(n for _, n in paper), "devices_used": rounds.cards_used(rnd),
            "cards_issued": rnd.cards_issued,
            "abstentions": sum(n for b, n in paper if b.status == "abstention"),
            "invalid": sum(n for b, n in paper if b.status == "invalid"),
            "votes": votes, "yes": yes, "no": no}


@bp.route("/<int:election_id>/rounds/<int:number>/count", methods=["GET", "POST"])
@official
def count(election_id: int, number: int) -> Response | str:
    """Key in each paper ballot as it is read aloud; running tally; undo the last entry."""
    election = load(election_id)
    try:
        rnd = rounds.get_round(election, number)
    except ElectionError:
        return redirect(url_for("election_control.control_room", election_id=election.id))
    names = candidate_names(election.id)
    form = PaperBallotForm()
    form.marks.choices = [(c, names[c][0]) for c in rnd.candidates]
    if form.validate_on_submit():
        marks = [m for m in (form.marks.data or []) if m in rnd.candidates]
        answers = [(c, request.form.get(f"answer-{c}", "")) for c in rnd.candidates
                   if request.form.get(f"answer-{c}") in ("yes", "no")]
        try:
            ballot_id = casting.enter_paper_ballot(
                election, rnd, marks=marks, answers=answers,
                reason=form.invalid_reason.data or None,
                doubtful_no=form.doubtful_no.data,
                doubtful_reason=form.doubtful_reason.data)
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error), "error")
        else:
            db.session.commit()
            stack = [b for b in session.get(UNDO_KEY, []) if isinstance(b, str)]
            session[UNDO_KEY] = (stack + [ballot_id])[-UNDO_DEPTH:]
            flash(_("Paper ballot recorded."), "success")
        return redirect(url_for(".count", election_id=election.id, number=number))
    return render_template("elections/voting/count.html", election=election, rnd=rnd,
                           form=form, names=names, tally=_tally(rnd), undo=ActionForm(),
                           can_undo=bool(session.get(UNDO_KEY)))


@bp.post("/<int:election_id>/rounds/<int:number>/count/undo")
@official
def undo(election_id: int, number: int) -> Response:
    """Remove the last paper ballot this official keyed in, while the round is open."""
    election = load(election_id)
    stack = list(session.get(UNDO_KEY, []))
    if ActionForm().validate_on_submit() and stack:
        try:
            casting.undo_paper_ballot(rounds.get_round(election, number), str(stack.pop()))
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error), "error")
        else:
            db.session.commit()
            flash(_("The last paper ballot was removed."), "success")
        session[UNDO_KEY] = stack
    return redirect(url_for(".count", election_id=election.id, number=number))
