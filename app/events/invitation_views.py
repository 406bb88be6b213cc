"""The organisers' invitation pages: import contacts from CSV, send, remind, see who answered."""

from __future__ import annotations

import base64
import binascii

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from app.db import utcnow
from app.events import categories, forms, invitations
from app.events.views import bp, get_event, organiser_required
from app.extensions import db

PROBLEMS = {
    "unreadable": _l("The file cannot be read as CSV."),
    "missing_columns": _l("Missing columns"),
    "too_many_rows": _l("Too many rows; at most"),
    "too_many_columns": _l("More values than columns"),
    "invalid_name": _l("Name missing or too long"),
    "invalid_email": _l("Not a valid e-mail address"),
    "duplicate_email": _l("E-mail already invited or twice in the file"),
    "unknown_category": _l("Unknown category"),
    "unknown_language": _l("Unknown language"),
    "invalid_organisation": _l("Organisation too long"),
}
MAX_UPLOAD = 2_000_000


def _page(event, **extra):  # noqa: ANN001, ANN202
    active = categories.active()
    return render_template(
        "events/invitations.html",
        event=event,
        counts=invitations.counts_by_category(event),
        total=invitations.total(event),
        import_form=extra.pop("import_form", forms.ImportForm()),
        send_form=forms.SendInvitationsForm(categories=active),
        problems=PROBLEMS,
        **extra,
    )


@bp.get("/<int:event_id>/invitations")
@organiser_required
def invitations_page(event_id: int) -> str:
    """Invited / registered / declined per category; import, send and remind."""
    return _page(get_event(event_id))


@bp.post("/<int:event_id>/invitations/import")
@organiser_required
def import_invitations(event_id: int) -> Response | str:
    """Check a contacts file; import it when clean, otherwise show the report."""
    event = get_event(event_id)
    form = forms.ImportForm()
    if not form.validate_on_submit():
        return _page(event, import_form=form), 400
    raw = form.file.data.read(MAX_UPLOAD + 1)
    if len(raw) > MAX_UPLOAD:
        form.file.errors = [_("The file is too large.")]
        return _page(event, import_form=form), 400
    report = invitations.check_csv(event, raw)
    if report.problems:
        confirm = forms.ConfirmImportForm(payload=base64.b64encode(raw).decode())
        return _page(event, report=report, confirm_form=confirm), 422
    invitations.import_rows(event, report, accept_good_rows=False, now=utcnow())
    db.session.commit()
    flash(_("%(n)s contacts were imported.", n=report.imported), "success")
    return redirect(url_for("events_admin.invitations_page", event_id=event.id))


@bp.post("/<int:event_id>/invitations/import/confirm")
@organiser_required
def confirm_import(event_id: int) -> Response:
    """Import only the good rows of a file that had problems, after the organiser confirmed."""
    event = get_event(event_id)
    form = forms.ConfirmImportForm()
    if form.validate_on_submit():
        try:
            raw = base64.b64decode(form.payload.data, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        report = invitations.check_csv(event, raw[:MAX_UPLOAD])
        invitations.import_rows(event, report, accept_good_rows=True, now=utcnow())
        db.session.commit()
        flash(_("%(n)s contacts were imported.", n=report.imported), "success")
    return redirect(url_for("events_admin.invitations_page", event_id=event.id))


@bp.post("/<int:event_id>/invitations/send")
@organiser_required
def send_invitations(event_id: int) -> Response:
    """Send the personal invitations not sent yet (to one category or all)."""
    event = get_event(event_id)
    form = forms.SendInvitationsForm(categories=categories.active())
    if form.validate_on_submit():
        count = invitations.send(event, category_code=form.category.data or None, now=utcnow())
        db.session.commit()
        flash(_("%(n)s invitations were sent.", n=count), "success")
    return redirect(url_for("events_admin.invitations_page", event_id=event.id))


@bp.post("/<int:event_id>/invitations/remind")
@organiser_required
def remind_invitations(event_id: int) -> Response:
    """Remind those who have neither registered nor declined."""
    event = get_event(event_id)
    form = forms.SendInvitationsForm(categories=categories.active())
    if form.validate_on_submit():
        count = invitations.remind(event, category_code=form.category.data or None, now=utcnow())
        db.session.commit()
        flash(_("%(n)s reminders were sent.", n=count), "success")
    return redirect(url_for("events_admin.invitations_page", event_id=event.id))
