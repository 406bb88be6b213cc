"""Control-room decisions: lots, withdrawals, acceptances, remarks, by-elections (R2, R4, R6.2,
R7, R9)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.db import utcnow
from app.elections import byelection, corrections, officials, rounds
from app.elections import ledger as lg
from app.elections.control_views import (
    _back,
    _done,
    _refused,
    bp,
    load,
    now_and_actor,
    official,
)
from app.elections.ledger import ElectionError
from app.elections.voting_forms import (
    AcceptanceForm,
    CommitteeForm,
    ConfirmActionForm,
    CorrectionForm,
    DeadlineForm,
    LotForm,
    RemarkForm,
    WithdrawalForm,
)
from app.extensions import db


def _names(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


@bp.post("/<int:election_id>/lots")
@official
def draw_lot(election_id: int) -> Response:
    """Record the required lot: the physical draw order, or a digital draw from a seed (R4)."""
    election = load(election_id)
    form = LotForm(prefix="lot")
    if not form.validate_on_submit():
        flash(_("Say who drew the lot."), "error")
        return _back(election)
    pending = lg.state(election).pending
    size = len(pending.tied) if pending else 0
    order = [request.form.get(f"order-{i}", "") for i in range(size)]
    try:
        rounds.draw_lot(election, method=form.method.data or "physical",
                        drawn_by=form.drawn_by.data or "", witnesses=_names(form.witnesses.data),
                        order=order, seed=form.seed.data or "", **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The lot is recorded."))


@bp.post("/<int:election_id>/withdrawals")
@official
def withdraw(election_id: int) -> Response:
    """Record a withdrawal before round 1 or between the rounds (R2); nobody moves up."""
    election = load(election_id)
    form = WithdrawalForm(prefix="wd")
    form.candidate.choices = [(c["id"], c["id"]) for c in lg.frozen(election).candidates]
    if not form.validate_on_submit():
        flash(_("Choose a candidate."), "error")
        return _back(election)
    try:
        rounds.withdraw(election, form.candidate.data or "", form.note.data or "",
                        **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The withdrawal is recorded."))


@bp.post("/<int:election_id>/acceptances")
@official
def declare(election_id: int) -> Response:
    """Record an acceptance or a refusal (R7); a successor follows from the runoff ranking."""
    election = load(election_id)
    form = AcceptanceForm(prefix="acc")
    form.candidate.choices = [(c["id"], c["id"]) for c in lg.frozen(election).candidates]
    if not form.validate_on_submit():
        flash(_("Choose a candidate and the declaration."), "error")
        return _back(election)
    try:
        rounds.declare(election, form.candidate.data or "", form.decision.data == "accept",
                       **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The declaration is recorded."))


@bp.post("/<int:election_id>/acceptances/deadline")
@official
def deadline_missed(election_id: int) -> Response:
    """After the deadline an unanswered elected person counts as declined (R7.1, R7.2)."""
    election = load(election_id)
    form = DeadlineForm(prefix="dl")
    form.candidate.choices = [(c["id"], c["id"]) for c in lg.frozen(election).candidates]
    if not form.validate_on_submit():
        flash(_("Choose the candidate and tick the confirmation."), "error")
        return _back(election)
    try:
        officials.record_missed_deadline(election, form.candidate.data, **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("No declaration by the deadline: recorded as declined."))


@bp.post("/<int:election_id>/rounds/<int:number>/corrections")
@official
def correct_ballot(election_id: int, number: int) -> Response:
    """Correct a keyed-in paper ballot of the last closed round, with a reason (R9.1)."""
    election = load(election_id)
    form = CorrectionForm(prefix="cor")
    rnd = corrections.correctable_round(election)
    if rnd is not None:
        form.ballot.choices = [(c.key, c.key) for c in corrections.paper_contents(rnd)]
    if not form.validate_on_submit():
        flash(_("Choose the paper ballot and give the reason for the correction."), "error")
        return _back(election)
    try:
        corrections.correct_paper_ballot(
            election, number, form.ballot.data or "", marks=form.marks.data or [],
            invalid_reason=form.invalid_reason.data or None, reason=form.reason.data or "",
            by=current_user.name, **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The paper ballot is corrected and the results recomputed."))


@bp.post("/<int:election_id>/remarks")
@official
def add_remark(election_id: int) -> Response:
    """A correction with its reason (R9.1), an objection, an incident or a substitute (R0.2)."""
    election = load(election_id)
    form = RemarkForm(prefix="rm")
    if not form.validate_on_submit():
        flash(_("A reason is required."), "error")
        return _back(election)
    try:
        rounds.add_remark(election, form.kind.data or "incident", form.text.data or "",
                          round_number=form.round_number.data, by=current_user.name,
                          **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("Recorded."))


@bp.post("/<int:election_id>/committee")
@official
def fill_committee(election_id: int) -> Response:
    """The elected take the committee's MSO seats (kept as data)."""
    election = load(election_id)
    form = CommitteeForm(prefix="cm")
    if not form.validate_on_submit():
        flash(_("Enter the term."), "error")
        return _back(election)
    try:
        rounds.fill_committee(election, form.term.data or "", **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The committee seats are filled."))


@bp.post("/<int:election_id>/by-election")
@official
def open_by_election(election_id: int) -> Response:
    """Open a by-election for the seats that stayed vacant, in the same meeting (R6.2)."""
    election = load(election_id)
    if not ConfirmActionForm().validate_on_submit():
        flash(_("Tick the confirmation to open the by-election."), "error")
        return _back(election)
    try:
        new = byelection.open_by_election(election, actor=current_user, now=utcnow())
    except ElectionError as error:
        return _refused(election, error)
    db.session.commit()
    flash(_("The by-election is open for nominations until %(time)s. Enter the nominations "
            "from paper, then freeze it as usual.", time=format_datetime(
                new.nomination_closes_at, "short")), "success")
    return redirect(url_for("elections.show_election", election_id=new.id))
