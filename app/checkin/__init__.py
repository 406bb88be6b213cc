"""Check-in at the door: checkpoints, the check-in service, scanner page, live dashboard,
badges and attendance lists, and the API tokens of scanner devices."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from app.api import register as register_api
    from app.auth import tokens  # noqa: F401  (register the table)
    from app.auth.models import Role
    from app.checkin import (
        dashboard,  # noqa: F401  (routes)
        devices,  # noqa: F401  (routes)
        models,  # noqa: F401  (register the tables)
        printing,  # noqa: F401  (routes)
        views,  # noqa: F401  (routes)
        walk_in,  # noqa: F401  (routes)
    )
    from app.checkin.api import blp
    from app.checkin.blueprint import bp
    from app.checkin.cli import checkin_cli
    from app.checkin.demo import seed_demo
    from app.core.demo import register_seeder
    from app.navigation import Section, register

    app.register_blueprint(bp)
    app.cli.add_command(checkin_cli)
    register_api(app, blp)
    spec = app.extensions["teilhabe_api"].spec
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme(
        "sessionCookie", {"type": "apiKey", "in": "cookie", "name": "session"}
    )
    register(Section("checkin.index", _l("Check-in"), frozenset({Role.DOOR, Role.ORGANISER})))
    register_seeder(60, seed_demo)
