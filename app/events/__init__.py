"""Events, sessions, registration, waiting list, invitations and tickets."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def _registration_status_label(status: str) -> str:
    """A registration's status in the reader's language (distinct from the election's)."""
    from app.events.public_texts import STATUS_LABELS

    return str(STATUS_LABELS.get(status, status))


def init_app(app: Flask) -> None:
    from app import api
    from app.auth.models import Role
    from app.core.demo import register_seeder
    from app.events import (  # noqa: F401  (routes and tables)
        category_views,
        documents,
        invitation_views,
        models,
        report_views,
    )
    from app.events.api import blp as events_api
    from app.events.cli import privacy_cli
    from app.events.demo import seed_events
    from app.events.public_views import bp as public_bp
    from app.events.views import bp as admin_bp
    from app.mail.outbox import register_attachment
    from app.navigation import Section, register

    app.register_blueprint(public_bp)
    app.register_blueprint(admin_bp)
    api.register(app, events_api)
    app.cli.add_command(privacy_cli)
    register(
        Section("events_admin.list_events", _l("Events"), frozenset({Role.ORGANISER})),
        before="auth.list_users",
    )
    register(
        Section("mail.list_messages", _l("Mails"), frozenset({Role.ORGANISER})),
        before="auth.list_users",
    )
    register_seeder(20, seed_events)
    register_attachment("ticket_pdf", documents.ticket_attachment)
    register_attachment("ics", documents.ics_attachment)
    app.jinja_env.globals.update(registration_status_label=_registration_status_label)
