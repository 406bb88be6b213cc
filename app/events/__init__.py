"""Events, sessions, registration, waiting list, invitations and tickets."""

from __future__ import annotations

from flask import Flask


def _status_label(status: str) -> str:
    from app.events.public_texts import STATUS_LABELS

    return str(STATUS_LABELS.get(status, status))


def init_app(app: Flask) -> None:
    from app.events import documents, models  # noqa: F401  (register the tables)
    from app.events.public_views import bp as public_bp
    from app.mail.outbox import register_attachment

    app.register_blueprint(public_bp)
    register_attachment("ticket_pdf", documents.ticket_attachment)
    register_attachment("ics", documents.ics_attachment)
    app.jinja_env.globals.update(status_label=_status_label)
