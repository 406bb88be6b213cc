"""The election as it is held (issue 6): registers its tables, pages, API, CLI and demo data."""

from __future__ import annotations

from flask import Flask


def init_voting(app: Flask) -> None:
    """Called from :func:`app.elections.init_app`."""
    from app.elections import voting_models  # noqa: F401  (register the tables)
