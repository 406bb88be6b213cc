"""Pages that belong to no single area."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text
from werkzeug.wrappers import Response

from app.auth.decorators import staff_required
from app.extensions import db
from app.navigation import staff_sections

bp = Blueprint("core", __name__)


@bp.get("/")
def index() -> str:
    """The public front page with the upcoming events."""
    from app.events.public_views import upcoming_events

    return render_template("core/index.html", events=upcoming_events()[:5])


@bp.get("/staff")
@staff_required
def dashboard() -> str:
    """The start page for staff: the areas their roles open."""
    return render_template("core/dashboard.html", sections=staff_sections(current_user))


@bp.get("/healthz")
def health() -> tuple[Response, int]:
    """For load balancers and the fault drills: 200 when the database answers, else 503."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        db.session.rollback()
        return jsonify({"status": "unavailable"}), 503
    return jsonify({"status": "ok"}), 200


@bp.get("/privacy")
def privacy() -> str:
    """The privacy notice every registration form links to."""
    return render_template("core/privacy.html")
