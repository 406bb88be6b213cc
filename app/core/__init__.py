"""The front page, the staff start page, health check and demo data."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user


def init_app(app: Flask) -> None:
    from app.auth.forms import ROLE_LABELS
    from app.core.demo import demo_cli
    from app.core.views import bp
    from app.navigation import staff_sections

    app.register_blueprint(bp)
    app.cli.add_command(demo_cli)
    app.jinja_env.globals.update(
        staff_navigation=lambda: staff_sections(current_user),
        role_label=lambda role: ROLE_LABELS.get(role, role),
    )
