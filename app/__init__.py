"""The teilhabe Flask application: :func:`create_app` wires extensions, areas and CLI."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import config as config_module
from app import errors, i18n, security
from app.db import tune_sqlite
from app.extensions import babel, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the application from the environment, with ``overrides`` on top (tests, CLI)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=config_module.INSTANCE_DIR.as_posix(),
        instance_relative_config=False,
    )
    app.config.update(config_module.load())
    if overrides:
        app.config.update(overrides)
    config_module.check_production(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config["PROXY_FIX"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    _init_extensions(app)
    _register_areas(app)
    errors.register(app)
    _configure_logging(app)
    return app


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        tune_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app, babel)
    limiter.init_app(app)
    security.init_app(app)


def _register_areas(app: Flask) -> None:
    """Blueprints and CLI groups, one per area (see ARCHITECTURE.md)."""
    from app import api as api_area
    from app import auth, checkin, core, elections, events, mail, organisations

    for area in (api_area, core, auth, mail, organisations, events, elections, checkin):
        area.init_app(app)


def _configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
