"""Mail: the outbox table, delivery after commit with retries, the organisers' mail page."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.mail import hooks, models  # noqa: F401  (register the table)
    from app.mail.cli import mail_cli
    from app.mail.views import bp

    hooks.init_app(app)
    app.cli.add_command(mail_cli)
    app.register_blueprint(bp)
