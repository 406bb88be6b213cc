"""The officials' control room: freeze, cards, rounds and the live count (R0.1, R0.5, R10)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.models import Role
from app.db import utcnow
from app.documents import voting_cards_pdf
from app.documents.data import VotingCardData
from app.elections import byelection, cards, corrections, officials, rounds, sealing
from app.elections import ledger as lg
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.elections.voting_forms import (
    AcceptanceForm,
    ActionForm,
    CardBatchForm,
    CommitteeForm,
    ConfirmActionForm,
    CorrectionForm,
    DeadlineForm,
    LotForm,
    ProtocolInfoForm,
    ReasonForm,
    RemarkForm,
    TokenForm,
    WithdrawalForm,
)
from app.elections.voting_models import CommitteeSeat, FrozenElection, Remark
from app.extensions import db
from voting import codec

bp = Blueprint("election_control", __name__, url_prefix="/elections")
official = role_required(Role.OFFICIAL)

ERRORS = {
    "already_frozen": _l("The election is already frozen."),
    "not_frozen": _l("Freeze the election first (R0.1)."),
    "no_candidates": _l("There is no confirmed candidate to freeze."),
    "bad_config": _l("The configuration is not valid."),
    "order_lot_missing": _l("The ballot order is by lot, but no lot covering exactly the "
                            "confirmed candidates is recorded (R1.1)."),
    "bad_count": _l("Choose between 1 and 500 cards."),
    "unknown_token": _l("No valid card has this code."),
    "round_open": _l("A round is open; close it first."),
    "no_round_due": _l("No round is due now."),
    "too_few_cards": _l("A round can only be opened when at least 3 organisations hold voting "
                        "cards (R0.5)."),
    "no_open_round": _l("No round is open."),
    "lot_without_tie": _l("No lot is required now (R4.3)."),
    "drawn_by_required": _l("Say who drew the lot."),
    "seed_required": _l("Enter the seed of the public act."),
    "bad_lot": _l("The draw order must list every tied candidate exactly once."),
    "late_withdrawal": _l("A withdrawal is only possible before round 1 or between the rounds "
                          "(R2.3)."),
    "bad_withdrawal": _l("This candidate cannot withdraw now (R2.2: finalists only)."),
    "bad_acceptance": _l("This candidate holds no seat awaiting a declaration."),
    "reason_required": _l("A reason is required."),
    "not_complete": _l("The election is not complete yet."),
    "has_card": _l("This organisation already received a card."),
    "not_eligible": _l("This organisation is not eligible in this election."),
    "not_checked_in": _l("The delegate is not checked in at the assembly."),
    "no_card": _l("This organisation has not received a card."),
    "secrecy": _l("Fewer than 3 ballots were cast: no results may be shown (R0.5)."),
    "nominations_open": _l("Nominations are still open: freeze only after the nomination "
                           "deadline (R0.1)."),
    "pending_nominations": _l("Some nominations are still undecided: confirm or reject them "
                              "first (R0.1)."),
    "not_published": _l("Publish the candidate list before freezing (R0.1)."),
    "deadline_passed": _l("The acceptance deadline has passed: record the missed deadline "
                          "instead (R7.1)."),
    "deadline_not_passed": _l("The acceptance deadline has not passed yet (R7.1)."),
    "term_required": _l("Enter the term."),
    "bad_kind": _l("Choose what kind of entry this is."),
    "not_correctable": _l("Only the last closed round can be corrected, before the next round "
                          "opens (R9.1)."),
    "unknown_ballot": _l("No such paper ballot in this round."),
    "no_change": _l("The correction does not change the ballot."),
    "bad_ballot": _l("This ballot is not possible in this round (R0.6, R5)."),
    "no_vacancy": _l("No seat is vacant: a by-election needs a complete election with vacant "
                     "seats (R6.2)."),
    "by_election_exists": _l("A by-election for these seats has already been opened."),
    "replace_round_open": _l("A lost card can only be replaced between rounds: a card received "
                             "now cannot vote in the open round (R0.3), and the lost one may "
                             "already have been used (R0.2)."),
    "doubtful_reason_required": _l("Give the officials' reason for the doubtful ballot "
                                   "(R5.2)."),
    "doubtful_no_required": _l("Give the doubtful ballot a number (R5.2)."),
    "doubtful_no_taken": _l("This doubtful ballot number is already used in this round."),
    "doubtful_reason_too_long": _l("The reason is too long (at most 500 characters)."),
}


def error_message(error: ElectionError) -> str:
    message = ERRORS.get(error.code)
    return str(message) if message else _("Refused: %(code)s", code=error.code)


def load(election_id: int) -> Election:
    return db.get_or_404(Election, election_id)


def now_and_actor() -> dict[str, object]:
    return {"now": utcnow(), "actor_id": current_user.id}


def _back(election: Election) -> Response:
    return redirect(url_for("election_control.control_room", election_id=election.id))


def _done(election: Election, message: str) -> Response:
    db.session.commit()
    flash(message, "success")
    return _back(election)


def _refused(election: Election, error: ElectionError) -> Response:
    db.session.rollback()
    flash(error_message(error), "error")
    return _back(election)


@bp.get("/voting")
@official
def list_elections() -> str:
    """All elections, with a link to each control room."""
    elections = db.session.scalars(select(Election).order_by(Election.id.desc())).all()
    return render_template("elections/voting/list.html", elections=elections)


@bp.get("/<int:election_id>/control")
@official
def control_room(election_id: int) -> str:
    """Where the officials run the election; what comes next is what ``voting`` says."""
    election = load(election_id)
    return render_template("elections/voting/control.html", **room_context(election))


def room_context(election: Election) -> dict[str, object]:
    snapshot = db.session.get(FrozenElection, election.id)
    context: dict[str, object] = {"election": election, "snapshot": snapshot,
                                  "action": ActionForm(), "confirm": ConfirmActionForm()}
    if snapshot is None:
        context["freeze_problems"] = [error_message(ElectionError(code)) for code in
                                      cards.freeze_problems(election, utcnow())]
        return context
    names = {c["id"]: f"{c['given_name']} {c['surname']} ({c['organisation']})"
             for c in snapshot.candidates}
    current = rounds.open_round(election)
    try:
        result = lg.state(election)
        problem = None
    except Exception as error:  # noqa: BLE001 - a VotingError (e.g. secrecy) is shown, not raised
        result, problem = None, getattr(error, "code", "error")
    lot = LotForm(prefix="lot")
    withdrawal = WithdrawalForm(prefix="wd")
    acceptance = AcceptanceForm(prefix="acc")
    deadline = DeadlineForm(prefix="dl")
    if result is not None and result.next_round is not None:
        withdrawal.candidate.choices = [(c, names[c]) for c in result.next_round.candidates]
    if result is not None:
        acceptance.candidate.choices = [(c, names[c]) for c in result.awaiting_acceptance]
        deadline.candidate.choices = acceptance.candidate.choices
    info = ProtocolInfoForm(obj=snapshot)
    deadlines = officials.acceptance_deadlines(election) if result is not None else {}
    fixable = corrections.correctable_round(election) if current is None else None
    correction = CorrectionForm(prefix="cor")
    contents = corrections.paper_contents(fixable) if fixable else []
    if fixable is not None:
        short = {c["id"]: f"{c['given_name']} {c['surname']}" for c in snapshot.candidates}
        correction.ballot.choices = [
            (c.key, f"{c.count}× {corrections.describe(c, short)}"
                    + (f" (Nr. {c.doubtful_no})" if c.doubtful_no else "")) for c in contents]
        correction.marks.choices = [(cid, names[cid]) for cid in fixable.candidates]
    context.update(
        deadlines=deadlines, now=utcnow(), missed=officials.missed_deadlines(election),
        fixable=fixable if contents else None, correction=correction,
        names=names, current=current, result=result, problem=problem,
        held=lg.rounds_of(election), counts=cards.card_counts(election),
        on_roll=rounds.on_roll(election), used=rounds.cards_used(current) if current else 0,
        batch=CardBatchForm(), void=TokenForm(prefix="void"), lot=lot, withdrawal=withdrawal,
        acceptance=acceptance, deadline=deadline, remark=RemarkForm(prefix="rm"), info=info,
        committee=CommitteeForm(prefix="cm"), log=lg.ledger(election),
        vacant=byelection.vacancies(election), by_election=byelection.by_election_of(election),
        remarks=db.session.scalars(select(Remark).where(
            Remark.election_id == election.id).order_by(Remark.at)).all(),
        seats=db.session.scalars(select(CommitteeSeat).where(
            CommitteeSeat.election_id == election.id).order_by(CommitteeSeat.seat)).all(),
    )
    return context


@bp.post("/<int:election_id>/freeze")
@official
def freeze(election_id: int) -> Response:
    """Freeze configuration and candidate list at nomination close (R0.1)."""
    election = load(election_id)
    if not ConfirmActionForm().validate_on_submit():
        flash(_("Tick the confirmation to freeze."), "error")
        return _back(election)
    try:
        cards.freeze(election, **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The election is frozen. Fingerprint: %(fp)s",
                             fp=election.fingerprint))


@bp.post("/<int:election_id>/protocol-info")
@official
def protocol_info(election_id: int) -> Response:
    """Place and officials, printed on the protocol (R11.5)."""
    election = load(election_id)
    snapshot = db.session.get(FrozenElection, election.id)
    form = ProtocolInfoForm()
    if snapshot is None or not form.validate_on_submit():
        flash(_("Freeze the election first (R0.1)."), "error")
        return _back(election)
    officials.set_protocol_info(election, {name: getattr(form, name).data or ""
                                           for name in officials.PROTOCOL_FIELDS},
                                **now_and_actor())  # type: ignore[arg-type]
    return _done(election, _("Saved."))


@bp.post("/<int:election_id>/cards")
@official
def create_cards(election_id: int) -> Response:
    """Print a batch of voting cards; the tokens exist only in this PDF (R10.1)."""
    election = load(election_id)
    form = CardBatchForm()
    if not form.validate_on_submit():
        flash(_("Choose between 1 and 500 cards."), "error")
        return _back(election)
    try:
        tokens = cards.create_cards(election, form.count.data or 0, **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    pdf = voting_cards_pdf(card_data(election, tokens), layout=form.layout.data or "a4-4up")
    db.session.commit()
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = "attachment; filename=voting-cards.pdf"
    response.headers["Cache-Control"] = "no-store"
    return response


def card_data(election: Election, tokens: list[str]) -> list[VotingCardData]:
    """One card per token; the QR carries the absolute ballot URL with the token."""
    base = current_app.config["BASE_URL"].rstrip("/")
    path = url_for("ballot.open_card", token="TOKEN")
    names = (_("Round 1"), _("Runoff"))
    return [VotingCardData(token=t, qr_payload=base + path.replace("TOKEN", t),
                           election_name=election.title,
                           fingerprint=election.fingerprint or "", round_names=names)
            for t in tokens]


@bp.post("/<int:election_id>/cards/void")
@official
def void_card(election_id: int) -> Response:
    """Void a damaged card against its return (R10.3)."""
    election = load(election_id)
    form = TokenForm(prefix="void")
    if not form.validate_on_submit():
        return _back(election)
    try:
        cards.void_card(election, form.token.data or "", **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("The card is void; hand out a new card from the box."))


@bp.post("/<int:election_id>/rounds/open")
@official
def open_round(election_id: int) -> Response:
    """Open the round that is due (R0.5: at least 3 cards issued)."""
    election = load(election_id)
    if not ConfirmActionForm().validate_on_submit():
        flash(_("Tick the confirmation to open the round."), "error")
        return _back(election)
    try:
        rnd = rounds.start_round(election, **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    return _done(election, _("Round %(n)d is open.", n=rnd.number))


@bp.post("/<int:election_id>/rounds/close")
@official
def close_round(election_id: int) -> Response:
    """Close the open round after confirmation; its commitment is fixed (R11.2)."""
    election = load(election_id)
    if not ConfirmActionForm().validate_on_submit():
        flash(_("Tick the confirmation to close the round."), "error")
        return _back(election)
    try:
        rnd = rounds.close_round(election, **now_and_actor())  # type: ignore[arg-type]
    except ElectionError as error:
        return _refused(election, error)
    if rnd.status == "void":  # R0.5: too few ballots for a secret result
        minimum = codec.config_from(lg.frozen(election).config).secrecy_minimum
        message = _("Round %(n)d is void: fewer than %(m)d ballots were cast, so no result is "
                    "shown (R0.5). Its ballots were discarded unread; open the round again.",
                    n=rnd.number, m=minimum)
    else:
        message = _("Round %(n)d is closed.", n=rnd.number)
    response = _done(election, message)
    sealing.prune_dead_rows()  # after the commit: VACUUM runs outside a transaction
    return response


@bp.get("/<int:election_id>/live")
@official
def live(election_id: int) -> str:
    """Only "n of m cards used" during a round (R10.6); reloads itself without JavaScript."""
    election = load(election_id)
    current = rounds.open_round(election)
    return render_template("elections/voting/live.html", election=election, current=current,
                           used=rounds.cards_used(current) if current else 0,
                           issued=cards.cards_issued(election))


from app.elections import decision_views  # noqa: E402,F401  (routes on this blueprint)

__all__ = ["ReasonForm", "bp"]
