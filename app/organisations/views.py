"""Organisers' pages of the registry: list, search, create, edit, history, import, export."""

from __future__ import annotations

import base64
import binascii
import time

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response as WerkzeugResponse

from app.auth.decorators import role_required
from app.auth.models import Role
from app.db import utcnow
from app.elections.models import Election, RollEntry
from app.elections.roll import eligibility_history
from app.extensions import db
from app.ids import parse_id
from app.organisations import csv_io, services
from app.organisations.forms import KIND_LABELS, ConfirmImportForm, ImportForm, OrganisationForm
from app.organisations.models import Organisation
from app.organisations.services import FIELDS, Filters

bp = Blueprint("organisations", __name__, url_prefix="/organisations")
organiser_required = role_required(Role.ORGANISER)
PAGE_SIZE = 100
#: Largest CSV file accepted (300 organisations take about 60 KB)
MAX_UPLOAD = 2 * 1024 * 1024


def problem_text(code: str, detail: str) -> str:
    """A validation problem of the CSV import in words."""
    texts = {
        "columns": _("Unknown or missing columns (a column 'name' is required): %(d)s"),
        "no_rows": _("The file has no rows."),
        "unreadable": _("The file cannot be read as CSV."),
        "too_many_rows": _("The file has more than %(d)s rows; split it."),
        "empty_name": _("The name is empty."),
        "bad_kind": _("Unknown kind: %(d)s"),
        "bad_email": _("Not a valid e-mail address: %(d)s"),
        "too_long": _("Too long: %(d)s"),
        "extra_cells": _("The row has more cells than the header."),
        "duplicate_in_file": _("Same organisation as in row %(d)s."),
        "duplicate_in_registry": _("Already registered as “%(d)s”."),
    }
    return texts.get(code, code) % {"d": detail}


def _filters() -> Filters:
    eligible = {"yes": True, "no": False}.get(request.args.get("eligible", ""))
    election_id = parse_id(request.args.get("election"))
    return Filters(
        query=request.args.get("q", "").strip()[:200],
        kind=request.args.get("kind", ""),
        eligible=eligible,
        election_id=election_id,
    )


@bp.get("")
@organiser_required
def list_organisations() -> str:
    """The registry, searchable and filtered by kind and eligibility."""
    filters = _filters()
    page = parse_id(request.args.get("page")) or 1  # a huge page overflowed OFFSET (500)
    query = services.search(filters)
    organisations = db.session.scalars(
        query.limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE)
    ).all()
    elections = db.session.scalars(select(Election).order_by(Election.id.desc())).all()
    return render_template(
        "organisations/list.html",
        organisations=organisations[:PAGE_SIZE],
        has_more=len(organisations) > PAGE_SIZE,
        page=page,
        filters=filters,
        kinds=KIND_LABELS,
        elections=elections,
    )


@bp.route("/new", methods=["GET", "POST"])
@organiser_required
def create_organisation() -> WerkzeugResponse | str:
    """Register one organisation."""
    form = OrganisationForm()
    if form.validate_on_submit():
        values = {field: form[field].data for field in FIELDS}
        try:
            organisation = services.create_organisation(values, actor=current_user, now=utcnow())
        except services.OrganisationError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            flash(_("The organisation was registered."), "success")
            return redirect(
                url_for("organisations.show_organisation", organisation_id=organisation.id)
            )
    return render_template("organisations/form.html", form=form, organisation=None)


def _form_error(form: OrganisationForm, error: services.OrganisationError) -> None:
    if error.code == "duplicate" and error.duplicate is not None:
        form.name.errors = [_("Already registered as “%(name)s”.", name=error.duplicate.name)]
    else:
        form.name.errors = [_("Please enter a name.")]


@bp.get("/<int:organisation_id>")
@organiser_required
def show_organisation(organisation_id: int) -> str:
    """An organisation's details, its elections and its history."""
    organisation = db.get_or_404(Organisation, organisation_id)
    entries = db.session.scalars(
        select(RollEntry).where(RollEntry.organisation_id == organisation.id)
    ).all()
    return render_template(
        "organisations/show.html",
        organisation=organisation,
        entries=entries,
        decisions=eligibility_history(organisation),
        kinds=KIND_LABELS,
        fields=FIELDS,
    )


@bp.route("/<int:organisation_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_organisation(organisation_id: int) -> WerkzeugResponse | str:
    """Change an organisation's details; every change goes into its history."""
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        values = {field: form[field].data for field in FIELDS}
        try:
            services.update_organisation(organisation, values, actor=current_user, now=utcnow())
        except services.OrganisationError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            flash(_("The organisation was saved."), "success")
            return redirect(
                url_for("organisations.show_organisation", organisation_id=organisation.id)
            )
    return render_template("organisations/form.html", form=form, organisation=organisation)


@bp.route("/import", methods=["GET", "POST"])
@organiser_required
def import_organisations() -> WerkzeugResponse | str:
    """Check a CSV file; import it at once if clean, else show the report."""
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            form.file.errors = [_("The file is too large.")]
        else:
            report = csv_io.read_csv(data)
            if not report.problems:
                return _import(report)
            return render_template(
                "organisations/import.html",
                form=form,
                report=report,
                problem_text=problem_text,
                confirm=ConfirmImportForm(content=base64.b64encode(data).decode()),
            )
    return render_template("organisations/import.html", form=form, report=None)


@bp.post("/import/confirm")
@organiser_required
def confirm_import() -> WerkzeugResponse | str:
    """Import only the good rows of a file the organiser has seen the report of."""
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        data = base64.b64decode(form.content.data, validate=True)
    except (binascii.Error, ValueError):
        abort(400)
    if len(data) > MAX_UPLOAD:
        abort(413)
    report = csv_io.read_csv(data)
    if report.fatal:
        flash(_("Nothing was imported: the file cannot be read."), "error")
        return redirect(url_for("organisations.import_organisations"))
    return _import(report)


def _import(report: csv_io.ImportReport) -> WerkzeugResponse:
    started = time.perf_counter()
    try:
        count = csv_io.import_rows(report, actor=current_user, now=utcnow())
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        flash(_("Nothing was imported: the registry changed meanwhile. Please try again."), "error")
        return redirect(url_for("organisations.import_organisations"))
    elapsed = time.perf_counter() - started
    flash(
        _("%(count)d organisations were imported (%(seconds).1f s).", count=count, seconds=elapsed),
        "success",
    )
    return redirect(url_for("organisations.list_organisations"))


@bp.get("/export.csv")
@organiser_required
def export_organisations() -> Response:
    """The (filtered) registry as CSV for Excel."""
    organisations = db.session.scalars(services.search(_filters())).all()
    return Response(
        csv_io.export_csv(organisations),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="organisations.csv"'},
    )
