"""Officials' pages: elections, nominations and their decisions, lots, publication."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from app.auth.forms import ConfirmForm
from app.db import utcnow
from app.elections import nominations as nomination_services
from app.elections import services
from app.elections.blueprint import (
    bp,
    error_message,
    local_to_utc,
    official_required,
    staff_required,
    utc_to_local,
)
from app.elections.forms import DecisionForm, ElectionForm, LotForm
from app.elections.models import Election, Nomination, NominationStatus, RollEntry
from app.elections.services import CONFIG_FIELDS, ElectionError
from app.extensions import db


def _values(form: ElectionForm) -> dict:
    values = {name: form[name].data for name in CONFIG_FIELDS}
    values["nomination_opens_at"] = local_to_utc(values["nomination_opens_at"])
    values["nomination_closes_at"] = local_to_utc(values["nomination_closes_at"])
    return values


@bp.get("")
@staff_required
def list_elections() -> str:
    """All elections, newest first."""
    elections = db.session.scalars(select(Election).order_by(Election.id.desc())).all()
    return render_template("elections/list.html", elections=elections)


@bp.route("/new", methods=["GET", "POST"])
@official_required
def create_election() -> Response | str:
    """Officials set up an election: seats, finalists, votes, order, nomination window."""
    form = ElectionForm().with_events(services.event_choices())
    if form.validate_on_submit():
        try:
            election = services.create_election(_values(form), actor=current_user, now=utcnow())
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
        else:
            db.session.commit()
            flash(_("The election was created."), "success")
            return redirect(url_for("elections.show_election", election_id=election.id))
    return render_template("elections/form.html", form=form, election=None)


@bp.route("/<int:election_id>/edit", methods=["GET", "POST"])
@official_required
def edit_election(election_id: int) -> Response | str:
    """Change the configuration until it is frozen."""
    election = db.get_or_404(Election, election_id)
    form = ElectionForm(obj=election).with_events(services.event_choices())
    if request.method == "GET":
        form.nomination_opens_at.data = utc_to_local(election.nomination_opens_at)
        form.nomination_closes_at.data = utc_to_local(election.nomination_closes_at)
    if form.validate_on_submit():
        try:
            services.update_election(election, _values(form), actor=current_user)
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
        else:
            db.session.commit()
            flash(_("The election was saved."), "success")
            return redirect(url_for("elections.show_election", election_id=election.id))
    return render_template("elections/form.html", form=form, election=election)


@bp.get("/<int:election_id>")
@staff_required
def show_election(election_id: int) -> str:
    """An election's configuration, counts and next steps."""
    election = db.get_or_404(Election, election_id)
    eligible = db.session.scalar(
        select(func.count(RollEntry.id)).where(
            RollEntry.election_id == election.id, RollEntry.is_eligible.is_(True)
        )
    )
    counts = dict(
        db.session.execute(
            select(Nomination.status, func.count(Nomination.id))
            .where(Nomination.election_id == election.id)
            .group_by(Nomination.status)
        ).all()
    )
    return render_template(
        "elections/show.html",
        election=election,
        eligible=eligible,
        counts=counts,
        now=utcnow(),
        confirm=ConfirmForm(),
    )


def _confirmed_action(election_id: int, action: Callable[[Election], object]) -> Response:
    election = db.get_or_404(Election, election_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        action(election)
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
    else:
        db.session.commit()
        flash(_("Done."), "success")
    return redirect(url_for("elections.show_election", election_id=election.id))


@bp.post("/<int:election_id>/open")
@official_required
def open_nominations(election_id: int) -> Response:
    """Start the nomination period."""
    return _confirmed_action(
        election_id, lambda e: services.open_nominations(e, actor=current_user, now=utcnow())
    )


@bp.post("/<int:election_id>/publish")
@official_required
def publish(election_id: int) -> Response:
    """Publish the candidate list (public page, PDF, API)."""
    return _confirmed_action(
        election_id, lambda e: services.publish_candidates(e, actor=current_user, now=utcnow())
    )


@bp.post("/<int:election_id>/unpublish")
@official_required
def unpublish(election_id: int) -> Response:
    """Take the candidate list down again to correct it."""
    return _confirmed_action(
        election_id, lambda e: services.unpublish_candidates(e, actor=current_user)
    )


@bp.get("/<int:election_id>/nominations")
@staff_required
def list_nominations(election_id: int) -> str:
    """Every nomination with its status; officials decide here."""
    election = db.get_or_404(Election, election_id)
    nominations = services.alphabetical(
        db.session.scalars(select(Nomination).where(Nomination.election_id == election.id)).all()
    )
    return render_template(
        "elections/nominations.html",
        election=election,
        nominations=nominations,
        form=DecisionForm(),
        statuses=NominationStatus,
    )


@bp.post("/<int:election_id>/nominations/<int:nomination_id>/decide")
@official_required
def decide_nomination(election_id: int, nomination_id: int) -> Response:
    """Confirm or reject one nomination with a reason."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if nomination.election_id != election_id:
        abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Please choose confirm or reject."), "error")
    else:
        try:
            nomination_services.decide(
                nomination,
                confirm=form.decision.data == "confirm",
                reason=form.reason.data or "",
                actor=current_user,
                now=utcnow(),
            )
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
        else:
            db.session.commit()
            flash(_("The decision was recorded."), "success")
    return redirect(url_for("elections.list_nominations", election_id=election_id))


@bp.route("/<int:election_id>/lot", methods=["GET", "POST"])
@official_required
def draw_lot(election_id: int) -> Response | str:
    """Record the drawing of lots for the order of names (R1.1, R4.2)."""
    election = db.get_or_404(Election, election_id)
    candidates = services.alphabetical(services.confirmed_nominations(election))
    form = LotForm()
    if form.validate_on_submit():
        try:
            physical = _physical_order(form, candidates)
            services.record_lot(
                election,
                drawn_by=form.drawn_by.data or "",
                witnesses=form.witnesses.data or "",
                seed=form.seed.data or "" if physical is None else "",
                physical_order=physical,
                actor=current_user,
                now=utcnow(),
            )
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
        else:
            db.session.commit()
            flash(_("The drawing of lots was recorded."), "success")
            return redirect(url_for("elections.show_election", election_id=election.id))
    return render_template(
        "elections/lot.html",
        election=election,
        candidates=candidates,
        form=form,
        lot=services.latest_lot(election),
        current=services.lot_is_current(election),
        order=services.candidate_order(election),
    )


def _physical_order(form: LotForm, candidates: list[Nomination]) -> list[int] | None:
    """Numbers as listed on the page -> nomination ids; None for a digital lot."""
    if form.method.data != "physical":
        return None
    try:
        numbers = [
            int(part)
            for part in (form.physical_order.data or "").replace(";", ",").split(",")
            if part.strip()
        ]
    except ValueError:
        raise ElectionError("bad_order") from None
    if any(not 1 <= number <= len(candidates) for number in numbers):
        raise ElectionError("bad_order")
    return [candidates[number - 1].id for number in numbers]
