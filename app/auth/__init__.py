"""Accounts and roles: staff login, role guards, account management."""

from __future__ import annotations

from flask import Flask, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.extensions import db, login_manager


def _load_user(user_id: str):  # noqa: ANN202 - Flask-Login callback
    from app.auth.models import User

    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def _unauthorized() -> Response | tuple[Response, int]:
    """JSON 401 for the API, a redirect to the login page for people."""
    if request.path.startswith("/api/"):
        return jsonify({"status": "error", "code": 401, "message": _("Login required.")}), 401
    flash(_("Please log in to open this page."), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    from app.auth import models  # noqa: F401  (register the tables)
    from app.auth.cli import users_cli
    from app.auth.views import bp

    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.session_protection = "basic"
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
