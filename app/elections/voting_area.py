"""The election as it is held (issue 6): registers its tables, pages, API, CLI and demo data."""

from __future__ import annotations

import logging
import re

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.models import Role

#: A voting card's token in a URL path; redacted from every log line (ELECTION.md R10.5)
_TOKEN_PATH = re.compile(r"(/vote/c/)[^\s/?\"']+")


class RedactTokens(logging.Filter):
    """Remove card tokens from log records, e.g. the access log of ``GET /vote/c/<token>``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, dict):  # gunicorn's access log passes its atoms as a mapping
            record.args = {k: _redact(v) for k, v in args.items()}
        elif isinstance(args, tuple):
            record.args = tuple(_redact(a) for a in args)
        record.msg = _redact(record.msg)
        return True


def _redact(value: object) -> object:
    return _TOKEN_PATH.sub(r"\1…", value) if isinstance(value, str) else value


def init_voting(app: Flask) -> None:
    """Called from :func:`app.elections.init_app`."""
    from app import api
    from app.core.demo import register_seeder
    from app.elections import voting_models  # noqa: F401  (register the tables)
    from app.elections.ballot_views import bp as ballot_bp
    from app.elections.cli import election_cli
    from app.elections.control_views import bp as control_bp
    from app.elections.demo import seed_assembly
    from app.elections.desk_views import bp as desk_bp
    from app.elections.paper import bp as count_bp
    from app.elections.results_views import bp as results_bp
    from app.elections.voting_api import blp
    from app.navigation import Section, register

    app.config.setdefault("BALLOT_RATE_LIMIT", "10/minute")
    for bp in (control_bp, desk_bp, count_bp, ballot_bp, results_bp):
        app.register_blueprint(bp)
    api.register(app, blp)
    app.cli.add_command(election_cli)
    register(Section("election_control.list_elections", _l("Election assembly"),
                     frozenset({Role.OFFICIAL})), before="auth.change_password")
    register_seeder(40, seed_assembly)
    redact = RedactTokens()
    for name in ("werkzeug", "gunicorn.access", "gunicorn.error", ""):
        logging.getLogger(name).addFilter(redact)
