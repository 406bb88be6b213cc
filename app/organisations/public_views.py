"""The organisation's personal page: name the delegate, nominate one candidate, see the outcome.

Reached only through the signed personal link (see :mod:`app.organisations.links`).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.db import utcnow
from app.elections import nominations as nomination_services
from app.elections import roll as roll_services
from app.elections.blueprint import error_message
from app.elections.consent import consent_pdf_response
from app.elections.models import RollEntry
from app.elections.services import ElectionError
from app.extensions import db, limiter
from app.organisations.assembly import assembly_context
from app.organisations.links import resolve
from app.organisations.photos import PhotoError, reencode
from app.organisations.public_forms import DelegatesForm, NominationForm, WithdrawForm

bp = Blueprint("organisation_link", __name__, url_prefix="/o")
POST_LIMIT = "30 per minute"


def photo_message(code: str) -> str:
    """Words for a PhotoError code."""
    return {
        "too_large": _("The photo is too large (at most 5 MB)."),
        "format": _("Please upload a JPEG, PNG or WebP photo."),
    }.get(code, _("The file is not a photo we can read."))


def _entry(token: str) -> RollEntry:
    entry = resolve(token)
    if entry is None:
        abort(404)
    return entry


def _page(token: str, entry: RollEntry, status: int = 200, **forms: object) -> tuple[str, int]:
    delegates = roll_services.current_delegates(entry)
    delegate, deputy = delegates.get(False), delegates.get(True)
    delegates_form = forms.get("delegates_form") or DelegatesForm(
        name=delegate.name if delegate else "",
        email=delegate.email if delegate else "",
        phone=delegate.phone if delegate else "",
        deputy_name=deputy.name if deputy else "",
        deputy_email=deputy.email if deputy else "",
        deputy_phone=deputy.phone if deputy else "",
    )
    now = utcnow()
    page = render_template(
        "organisations/public/link.html",
        token=token,
        entry=entry,
        election=entry.election,
        organisation=entry.organisation,
        nomination=nomination_services.nomination_of(entry),
        is_open=entry.election.nominations_open_at(now)
        or (
            entry.election.status == "nominations_open"
            and entry.election.candidates_published_at is None
            and nomination_services.active_override(entry, now) is not None
        ),
        today=now,
        delegates_form=delegates_form,
        nomination_form=forms.get("nomination_form") or NominationForm(),
        withdraw_form=WithdrawForm(),
        **assembly_context(entry),
    )
    return page, status


@bp.get("/<token>")
def show(token: str) -> tuple[str, int]:
    """The organisation's page for one election."""
    return _page(token, _entry(token))


@bp.post("/<token>/delegates")
@limiter.limit(POST_LIMIT)
def set_delegates(token: str) -> Response | tuple[str, int]:
    """The organisation names its delegate and deputy."""
    from app.elections.roll_views import save_delegates

    entry = _entry(token)
    form = DelegatesForm()
    if not form.validate_on_submit():
        return _page(token, entry, 400, delegates_form=form)
    try:
        save_delegates(entry, form, actor=None)
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
        return _page(token, entry, 409, delegates_form=form)
    db.session.commit()
    flash(_("Thank you. The delegate was saved."), "success")
    return redirect(url_for("organisation_link.show", token=token))


@bp.post("/<token>/nomination")
@limiter.limit(POST_LIMIT)
def nominate(token: str) -> Response | tuple[str, int]:
    """The organisation nominates its one candidate."""
    entry = _entry(token)
    form = NominationForm()
    if not form.validate_on_submit():
        return _page(token, entry, 400, nomination_form=form)
    try:
        photo = reencode(form.photo.data.read()) if form.photo.data else None
    except PhotoError as error:
        form.photo.errors = [photo_message(error.code)]
        return _page(token, entry, 400, nomination_form=form)
    candidate = nomination_services.Candidate(
        first_name=form.first_name.data or "",
        surname=form.surname.data or "",
        description=form.description.data or "",
        translations=form.translations(),
        photo=photo,
        consent_to_stand=bool(form.consent_to_stand.data),
        consent_to_publish=bool(form.consent_to_publish.data),
        womens_place=bool(form.womens_place.data) and entry.election.parity,
    )
    try:
        nomination_services.nominate(entry, candidate, actor=None, now=utcnow())
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
        return _page(token, entry, 409, nomination_form=form)
    db.session.commit()
    flash(
        _("Thank you. The nomination was received; the election officials will check it."),
        "success",
    )
    return redirect(url_for("organisation_link.show", token=token))


@bp.post("/<token>/withdraw")
@limiter.limit(POST_LIMIT)
def withdraw(token: str) -> Response | tuple[str, int]:
    """The organisation takes its nomination back."""
    entry = _entry(token)
    if not WithdrawForm().validate_on_submit():
        abort(400)
    try:
        nomination_services.withdraw(entry, actor=None, now=utcnow())
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
        return _page(token, entry, 409)
    db.session.commit()
    flash(_("The nomination was withdrawn."), "success")
    return redirect(url_for("organisation_link.show", token=token))


@bp.get("/<token>/consent")
def consent_form(token: str) -> str:
    """A printable consent form in the reader's language; the PDF below is the one to sign."""
    entry = _entry(token)
    return render_template(
        "organisations/public/consent.html",
        token=token,
        election=entry.election,
        organisation=entry.organisation,
    )


@bp.get("/<token>/consent.pdf")
def consent_form_pdf(token: str) -> Response:
    """The German consent form (app/documents/consent_form.py) prefilled for this organisation."""
    return consent_pdf_response(_entry(token))
