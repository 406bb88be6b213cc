"""The voting desk: may this organisation receive a card? (R0.3, R10.2, R10.3, R10.5)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.db import utcnow
from app.elections import cards
from app.elections.control_views import error_message, load, official
from app.elections.ledger import ElectionError
from app.elections.models import Election, RollEntry
from app.elections.voting_forms import ActionForm, PresenceForm, ReasonForm
from app.extensions import db
from app.organisations.models import Organisation

bp = Blueprint("election_desk", __name__, url_prefix="/elections")

PROBLEMS = {
    "not_eligible": lambda: _("not eligible"),
    "not_checked_in": lambda: _("delegate not checked in"),
    "has_card": lambda: _("already received a card"),
}


def _matches(election: Election, query: str) -> list[Organisation]:
    """Organisations on the roll whose name contains ``query``."""
    stmt = select(Organisation).join(RollEntry, RollEntry.organisation_id == Organisation.id).where(
        RollEntry.election_id == election.id).order_by(Organisation.name)
    if query:
        stmt = stmt.where(Organisation.name.ilike(f"%{query[:100]}%"))
    return list(db.session.scalars(stmt.limit(50)))


@bp.get("/<int:election_id>/desk")
@official
def desk(election_id: int) -> str:
    """Search the organisation; see whether it may receive a card and why not."""
    election = load(election_id)
    query = (request.args.get("q") or "").strip()
    scanned = (request.args.get("ticket") or "").strip()
    found = _matches(election, query)
    if scanned:
        found = _scanned(election, scanned, found)
    rows = [(org, cards.desk_problems(election, org)) for org in found]
    return render_template("elections/voting/desk.html", election=election, query=query,
                           rows=rows, problems=PROBLEMS, action=ActionForm(),
                           reason=ReasonForm(), presence=PresenceForm(),
                           register=cards.register(election))


def _scanned(election: Election, code: str, candidates: list[Organisation]) -> list[Organisation]:
    """The organisation whose delegate's ticket was scanned (R10.2), or none with a message."""
    from app.events.tickets import TicketError, resolve

    try:
        registration = resolve(code).registration
    except TicketError:
        flash(_("This ticket is not valid."), "error")
        return []
    if registration.event_id != election.event_id or registration.organisation_id is None:
        flash(_("This ticket is not for this election assembly or names no organisation."),
              "error")
        return []
    return [org for org in candidates if org.id == registration.organisation_id] or [
        org for org in _matches(election, "") if org.id == registration.organisation_id]


def _back(election: Election) -> Response:
    return redirect(url_for("election_desk.desk", election_id=election.id,
                            q=request.form.get("q", "")))


def _organisation(organisation_id: int) -> Organisation:
    return db.get_or_404(Organisation, organisation_id)


@bp.post("/<int:election_id>/desk/<int:organisation_id>/present")
@official
def confirm_present(election_id: int, organisation_id: int) -> Response:
    """Record the officials' "delegate present" override with its reason (R0.3, R11.1)."""
    election, org = load(election_id), _organisation(organisation_id)
    form = PresenceForm()
    if not form.validate_on_submit():
        flash(_("A reason is required."), "error")
        return _back(election)
    return _record(election, lambda: cards.confirm_presence(
        election, org, reason=form.reason.data or "", actor_id=current_user.id, now=utcnow()),
        _("%(name)s: delegate present.", name=org.name))


@bp.post("/<int:election_id>/desk/<int:organisation_id>/card")
@official
def issue_card(election_id: int, organisation_id: int) -> Response:
    """Record "organisation X received a card": no card id, no time (R10.2)."""
    election, org = load(election_id), _organisation(organisation_id)
    if not ActionForm().validate_on_submit():
        return _back(election)
    return _record(election, lambda: cards.issue_card(election, org),
                   _("%(name)s received a card. The delegate draws one blindly from the box.",
                     name=org.name))


@bp.post("/<int:election_id>/desk/<int:organisation_id>/replace")
@official
def replace_card(election_id: int, organisation_id: int) -> Response:
    """Replace a lost card only with the officials' recorded decision (R10.3)."""
    election, org = load(election_id), _organisation(organisation_id)
    form = ReasonForm()
    if not form.validate_on_submit():
        flash(_("A reason is required."), "error")
        return _back(election)
    return _record(election, lambda: cards.replace_lost_card(
        election, org, form.reason.data or "", by=current_user.name, actor_id=current_user.id,
        now=utcnow()), _("The decision is recorded; hand out a new card from the box."))


def _record(election: Election, action: Callable[[], object], done: str) -> Response:
    """Run one desk service: commit and say ``done``, or roll back and say why not."""
    try:
        action()
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error), "error")
        return _back(election)
    db.session.commit()
    flash(done, "success")
    return _back(election)
