"""Badges and attendance lists as PDFs, drawn by app.documents from plain data."""

from __future__ import annotations

from flask import abort, make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.models import Role
from app.checkin import people
from app.checkin.blueprint import bp
from app.db import utcnow
from app.documents import BADGE_LAYOUTS, attendance_list_pdf, badges_pdf

LAYOUT_LABELS = {
    "a6": lambda: _("A4 sheet with four A6 badges (cut marks)"),
    "label-2x4": lambda: _("Labels 105 × 74 mm (2 × 4 per sheet)"),
    "label-3x8": lambda: _("Labels 70 × 37 mm (3 × 8 per sheet)"),
}


def _pdf(data: bytes, filename: str) -> Response:
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        abort(400)
    return int(raw)


def _layout() -> str:
    layout = request.args.get("layout", "a6")
    if layout not in BADGE_LAYOUTS:
        abort(400)
    return layout


@bp.get("/events/<int:event_id>/print")
@role_required(Role.ORGANISER)
def printing(event_id: int) -> str:
    """Choose what to print: badges for all or a filter, attendance lists per event or session."""
    event = people.get_event_or_404(event_id)
    return render_template(
        "checkin/print.html",
        event=event,
        layouts=[(key, LAYOUT_LABELS[key]()) for key in BADGE_LAYOUTS if key in LAYOUT_LABELS],
        categories=people.categories(event),
        sessions=people.sessions(event),
    )


@bp.get("/events/<int:event_id>/badges.pdf")
@role_required(Role.ORGANISER)
def badges(event_id: int) -> Response:
    """Badges of the event's confirmed registrations, optionally by category or name."""
    event = people.get_event_or_404(event_id)
    layout = _layout()
    rows = people.badge_rows(
        event,
        category_id=_int_arg("category"),
        session_id=_int_arg("session"),
        query=request.args.get("q", "")[:100],
    )
    return _pdf(badges_pdf(rows, layout), f"badges-{event.id}.pdf")


@bp.get("/registrations/<int:registration_id>/badge.pdf")
@role_required(Role.DOOR, Role.ORGANISER)
def badge(registration_id: int) -> Response:
    """One badge, e.g. for a walk-in registered at the door."""
    registration = people.get_registration_or_404(registration_id)
    rows = people.badge_rows(registration.event, registration_id=registration.id)
    return _pdf(badges_pdf(rows, _layout()), f"badge-{registration.id}.pdf")


@bp.get("/events/<int:event_id>/attendance.pdf")
@role_required(Role.ORGANISER)
def attendance(event_id: int) -> Response:
    """The attendance list (Teilnehmerliste) of the event or of one session."""
    event = people.get_event_or_404(event_id)
    session_id = _int_arg("session")
    session = people.get_session_or_404(event, session_id) if session_id else None
    rows = people.attendance_rows(event, session)
    data = attendance_list_pdf(
        people.event_info(event),
        session.title if session is not None else None,
        rows,
        utcnow(),
        room=people.session_room(session) if session is not None else None,
    )
    suffix = f"-session-{session.id}" if session is not None else ""
    return _pdf(data, f"attendance-{event.id}{suffix}.pdf")
