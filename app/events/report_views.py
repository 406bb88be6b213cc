"""The organisers' reports: statistics, CSV exports, a person's data, the privacy purge."""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.wrappers import Response as WerkzeugResponse

from app.auth.decorators import role_required
from app.auth.models import Role
from app.db import utcnow
from app.events import categories, exports, forms, privacy
from app.events.models import ParticipantCategory, Registration, RegistrationSession, Session
from app.events.views import (
    MAX_ID,
    _filtered,
    bp,
    get_event,
    get_registration,
    organiser_required,
)
from app.extensions import db


@bp.get("/<int:event_id>/statistics")
@organiser_required
def statistics(event_id: int) -> str:
    """Counts by category and status, and by session."""
    event = get_event(event_id)
    by_category = db.session.execute(
        select(ParticipantCategory.code, Registration.status, func.count(Registration.id))
        .select_from(Registration)
        .outerjoin(ParticipantCategory)
        .where(Registration.event_id == event.id)
        .group_by(ParticipantCategory.code, Registration.status)
    ).all()
    table: dict[str, dict[str, int]] = {}
    labels = {c.code: categories.label_here(c) for c in categories.active()}
    for code, status, count in by_category:
        table.setdefault(labels.get(code, "—"), {})[status] = count
    return render_template("events/statistics.html", event=event, by_category=table)


def _csv_response(content: bytes, filename: str) -> Response:
    return Response(
        content,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/<int:event_id>/registrations.csv")
@organiser_required
def export_registrations(event_id: int) -> Response:
    """All registrations (or the filtered ones) as CSV for Excel."""
    event = get_event(event_id)
    form = forms.RegistrationFilterForm(request.args, event=event, categories=categories.active())
    form.validate()
    registrations = db.session.scalars(_filtered(event, form)).all()
    content = exports.registrations_csv(registrations, event.questions or [])
    return _csv_response(content, f"registrations-{event.id}.csv")


@bp.get("/<int:event_id>/sessions/<int:session_id>/attendees.csv")
@organiser_required
def export_session(event_id: int, session_id: int) -> Response:
    """The confirmed attendees of one session as CSV (attendance list)."""
    event = get_event(event_id)
    session = db.session.get(Session, session_id) if session_id <= MAX_ID else None
    if session is None or session.event_id != event.id:
        abort(404)
    people = db.session.scalars(
        select(Registration)
        .join(RegistrationSession)
        .where(RegistrationSession.session_id == session.id)
        .where(RegistrationSession.status == "confirmed")
        .where(Registration.status == "confirmed")
    ).all()
    return _csv_response(exports.session_csv(session, people), f"session-{session.id}.csv")


@bp.get("/registrations/<int:registration_id>/data.json")
@organiser_required
def export_person(registration_id: int) -> Response:
    """Everything stored about this person's e-mail address (a request under Art. 15 DSGVO)."""
    registration = get_registration(registration_id)
    if registration.email is None:
        abort(404)
    body = json.dumps(privacy.export_person(registration.email), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="person-{registration.id}.json"'},
    )


@bp.post("/privacy/purge")
@role_required(Role.ADMIN)
def purge() -> WerkzeugResponse:
    """Anonymise registrations of events past their retention period (admins)."""
    if forms.ActionForm().validate_on_submit():
        counts = privacy.purge(utcnow())
        db.session.commit()
        flash(
            _(
                "%(n)s registrations of %(e)s events were anonymised.",
                n=counts["registrations"],
                e=counts["events"],
            ),
            "success",
        )
    return redirect(url_for("events_admin.list_events"))
