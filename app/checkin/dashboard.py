"""The organisers' live dashboard: registered vs arrived, by category and by session."""

from __future__ import annotations

from flask import jsonify, render_template, url_for
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.models import Role
from app.checkin import people, stats
from app.checkin.blueprint import bp
from app.checkin.chart import HEIGHT, WIDTH, arrival_bars
from app.db import utcnow

#: How often the page fetches fresh figures (milliseconds)
REFRESH_MS = 10_000


def _context(event_id: int) -> dict:
    event = people.get_event_or_404(event_id)
    figures = stats.event_figures(event)
    return {
        "event": event,
        "figures": figures,
        "bars": arrival_bars(figures.arrival_times, until=utcnow()),
        "chart_width": WIDTH,
        "chart_height": HEIGHT,
    }


@bp.get("/events/<int:event_id>/dashboard")
@role_required(Role.ORGANISER)
def dashboard(event_id: int) -> str:
    """Figures that refresh by themselves (script polling; a meta refresh without script)."""
    context = _context(event_id)
    return render_template(
        "checkin/dashboard.html",
        live_url=url_for("checkin.dashboard_live", event_id=event_id),
        refresh_ms=REFRESH_MS,
        **context,
    )


@bp.get("/events/<int:event_id>/dashboard.json")
@role_required(Role.ORGANISER)
def dashboard_live(event_id: int) -> Response:
    """The same figures as JSON, with the rendered panel for the page to swap in."""
    context = _context(event_id)
    figures = context["figures"]
    return jsonify(
        {
            "registered": figures.registered,
            "arrived": figures.arrived,
            "by_category": [row._asdict() for row in figures.by_category],
            "by_session": [row._asdict() for row in figures.by_session],
            "arrivals": [{"start": b.start.isoformat(), "count": b.count} for b in context["bars"]],
            "html": render_template("checkin/_dashboard.html", **context),
        }
    )
