"""Organisers' pages: the roll, eligibility, delegates, personal links, paper nominations."""

from __future__ import annotations

from datetime import datetime, time

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from app.auth.forms import ConfirmForm
from app.auth.models import User
from app.db import utcnow
from app.elections import nominations as nomination_services
from app.elections import roll as roll_services
from app.elections.blueprint import (
    bp,
    error_message,
    local_to_utc,
    official_required,
    organiser_required,
    staff_required,
)
from app.elections.consent import consent_pdf_response
from app.elections.forms import (
    BulkEligibilityForm,
    DelegatesForm,
    EligibilityForm,
    OverrideForm,
    PaperNominationForm,
)
from app.elections.models import (
    Election,
    Nomination,
    NominationOverride,
    NominationSource,
    RollEntry,
)
from app.elections.services import ElectionError
from app.extensions import db
from app.ids import parse_id
from app.organisations.links import personal_link
from app.organisations.models import Organisation, OrganisationKind
from app.organisations.photos import PhotoError, reencode
from app.organisations.public_forms import DelegatesForm as PublicDelegatesForm
from app.organisations.public_views import photo_message


def _load(election_id: int, organisation_id: int) -> tuple[Election, Organisation]:
    return db.get_or_404(Election, election_id), db.get_or_404(Organisation, organisation_id)


@bp.get("/<int:election_id>/roll")
@organiser_required
def roll(election_id: int) -> str:
    """All MSOs and their eligibility in this election."""
    election = db.get_or_404(Election, election_id)
    organisations = db.session.scalars(
        select(Organisation)
        .where(Organisation.kind == OrganisationKind.MSO.value)
        .order_by(Organisation.normalised_name)
    ).all()
    entries = {
        e.organisation_id: e
        for e in db.session.scalars(select(RollEntry).where(RollEntry.election_id == election.id))
    }
    return render_template(
        "elections/roll.html",
        election=election,
        organisations=organisations,
        entries=entries,
        form=BulkEligibilityForm(),
    )


@bp.post("/<int:election_id>/roll")
@organiser_required
def mark_eligible(election_id: int) -> WerkzeugResponse:
    """Mark the ticked MSOs eligible in one go."""
    election = db.get_or_404(Election, election_id)
    form = BulkEligibilityForm()
    if not form.validate_on_submit():
        abort(400)
    ids = [i for i in map(parse_id, request.form.getlist("organisation")) if i is not None]
    organisations = db.session.scalars(select(Organisation).where(Organisation.id.in_(ids))).all()
    changed = roll_services.mark_eligible(
        election, organisations, reason=form.reason.data or "", actor=current_user, now=utcnow()
    )
    db.session.commit()
    flash(_("%(count)d organisations were marked eligible.", count=changed), "success")
    return redirect(url_for("elections.roll", election_id=election.id))


@bp.get("/<int:election_id>/roll/<int:organisation_id>")
@staff_required
def roll_entry(election_id: int, organisation_id: int) -> str:
    """One organisation in one election: eligibility, delegates, nomination, overrides."""
    election, organisation = _load(election_id, organisation_id)
    return _entry_page(election, organisation)


def _entry_page(election: Election, organisation: Organisation, **forms: object) -> str:
    entry = roll_services.roll_entry(election, organisation)
    delegates = roll_services.current_delegates(entry) if entry else {}
    delegate, deputy = delegates.get(False), delegates.get(True)
    delegates_form = forms.get("delegates_form") or DelegatesForm(
        name=delegate.name if delegate else "",
        email=delegate.email if delegate else "",
        phone=delegate.phone if delegate else "",
        deputy_name=deputy.name if deputy else "",
        deputy_email=deputy.email if deputy else "",
        deputy_phone=deputy.phone if deputy else "",
    )
    eligibility_form = forms.get("eligibility_form") or EligibilityForm(
        eligible="yes" if entry and entry.is_eligible else "no",
        may_nominate=entry.may_nominate if entry else True,
    )
    overrides = db.session.scalars(
        select(NominationOverride)
        .where(
            NominationOverride.election_id == election.id,
            NominationOverride.organisation_id == organisation.id,
        )
        .order_by(NominationOverride.id.desc())
    ).all()
    return render_template(
        "elections/entry.html",
        election=election,
        organisation=organisation,
        entry=entry,
        nomination=nomination_services.nomination_of(entry) if entry else None,
        link=personal_link(organisation, election) if entry and entry.is_eligible else None,
        eligibility_form=eligibility_form,
        delegates_form=delegates_form,
        override_form=forms.get("override_form") or OverrideForm(),
        overrides=overrides,
        confirm=ConfirmForm(),
    )


@bp.post("/<int:election_id>/roll/<int:organisation_id>/eligibility")
@organiser_required
def decide_eligibility(election_id: int, organisation_id: int) -> WerkzeugResponse | str:
    """Mark eligible or revoke, with an optional reason."""
    election, organisation = _load(election_id, organisation_id)
    form = EligibilityForm()
    if not form.validate_on_submit():
        return _entry_page(election, organisation, eligibility_form=form), 400  # type: ignore[return-value]
    try:
        roll_services.decide_eligibility(
            election,
            organisation,
            eligible=form.eligible.data == "yes",
            may_nominate=bool(form.may_nominate.data),
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
    return redirect(
        url_for("elections.roll_entry", election_id=election.id, organisation_id=organisation.id)
    )


@bp.post("/<int:election_id>/roll/<int:organisation_id>/delegates")
@organiser_required
def set_delegates(election_id: int, organisation_id: int) -> WerkzeugResponse | str:
    """Name or change the delegate and the deputy; changes are kept on record."""
    election, organisation = _load(election_id, organisation_id)
    entry = roll_services.roll_entry(election, organisation)
    form = DelegatesForm()
    if entry is None:
        abort(404)
    if not form.validate_on_submit():
        return _entry_page(election, organisation, delegates_form=form), 400  # type: ignore[return-value]
    try:
        save_delegates(entry, form, actor=current_user)
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
    else:
        db.session.commit()
        flash(_("The delegates were saved."), "success")
    return redirect(
        url_for("elections.roll_entry", election_id=election.id, organisation_id=organisation.id)
    )


def save_delegates(
    entry: RollEntry, form: DelegatesForm | PublicDelegatesForm, *, actor: User | None
) -> None:
    """Both people of a delegates form (staff or public) through the service."""
    now = utcnow()
    roll_services.name_delegate(
        entry,
        name=form.name.data or "",
        email=form.email.data or "",
        phone=form.phone.data or "",
        actor=actor,
        now=now,
    )
    roll_services.name_delegate(
        entry,
        name=form.deputy_name.data or "",
        email=form.deputy_email.data or "",
        phone=form.deputy_phone.data or "",
        is_deputy=True,
        actor=actor,
        now=now,
    )


@bp.post("/<int:election_id>/roll/<int:organisation_id>/revoke-link")
@organiser_required
def revoke_link(election_id: int, organisation_id: int) -> WerkzeugResponse:
    """Invalidate the personal link sent so far (e.g. sent to a wrong address)."""
    election, organisation = _load(election_id, organisation_id)
    entry = roll_services.roll_entry(election, organisation)
    if entry is None or not ConfirmForm().validate_on_submit():
        abort(404 if entry is None else 400)
    roll_services.revoke_links(entry, actor=current_user, now=utcnow())
    db.session.commit()
    flash(_("The old link no longer works; here is the new one."), "success")
    return redirect(
        url_for("elections.roll_entry", election_id=election.id, organisation_id=organisation.id)
    )


@bp.post("/<int:election_id>/roll/<int:organisation_id>/override")
@official_required
def grant_override(election_id: int, organisation_id: int) -> WerkzeugResponse | str:
    """An official allows one change after the deadline, with a reason."""
    election, organisation = _load(election_id, organisation_id)
    entry = roll_services.roll_entry(election, organisation)
    if entry is None:
        abort(404)
    form = OverrideForm()
    if not form.validate_on_submit():
        return _entry_page(election, organisation, override_form=form), 400  # type: ignore[return-value]
    try:
        nomination_services.grant_override(
            entry,
            reason=form.reason.data or "",
            hours=form.hours.data or 48,
            actor=current_user,
            now=utcnow(),
        )
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
    else:
        db.session.commit()
        flash(_("The override was recorded."), "success")
    return redirect(
        url_for("elections.roll_entry", election_id=election.id, organisation_id=organisation.id)
    )


@bp.get("/<int:election_id>/roll/<int:organisation_id>/consent.pdf")
@staff_required
def paper_consent_form(election_id: int, organisation_id: int) -> Response:
    """The consent form to print for an organisation that nominates on paper."""
    election, organisation = _load(election_id, organisation_id)
    entry = roll_services.roll_entry(election, organisation)
    if entry is None:
        abort(404)
    return consent_pdf_response(entry)


@bp.route("/<int:election_id>/roll/<int:organisation_id>/paper", methods=["GET", "POST"])
@staff_required
def enter_nomination(election_id: int, organisation_id: int) -> WerkzeugResponse | str:
    """Staff enter a nomination that came on paper (with the signed consent form)."""
    election, organisation = _load(election_id, organisation_id)
    entry = roll_services.roll_entry(election, organisation)
    if entry is None:
        abort(404)
    form = PaperNominationForm()
    if form.validate_on_submit():
        try:
            photo = reencode(form.photo.data.read()) if form.photo.data else None
            signed = local_to_utc(datetime.combine(form.consent_date.data, time(12, 0)))
            nomination_services.nominate(
                entry,
                nomination_services.Candidate(
                    first_name=form.first_name.data or "",
                    surname=form.surname.data or "",
                    description=form.description.data or "",
                    photo=photo,
                    consent_to_stand=True,
                    consent_to_publish=True,
                    consent_at=signed,
                    womens_place=bool(form.womens_place.data) and election.parity,
                ),
                actor=current_user,
                now=utcnow(),
                source=NominationSource.PAPER,
            )
        except PhotoError as error:
            form.photo.errors = [photo_message(error.code)]
        except ElectionError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
        else:
            db.session.commit()
            flash(_("The nomination was recorded."), "success")
            return redirect(
                url_for(
                    "elections.roll_entry", election_id=election.id, organisation_id=organisation.id
                )
            )
    return render_template(
        "elections/paper.html", election=election, organisation=organisation, form=form
    )


@bp.get("/<int:election_id>/nominations/<int:nomination_id>/photo")
@staff_required
def nomination_photo(election_id: int, nomination_id: int) -> Response:
    """A nomination's photo for staff, published or not."""
    nomination = db.get_or_404(Nomination, nomination_id)
    if nomination.election_id != election_id or not nomination.photo:
        abort(404)
    return Response(
        nomination.photo, mimetype="image/jpeg", headers={"Cache-Control": "private, no-store"}
    )
