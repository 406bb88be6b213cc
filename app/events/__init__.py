"""Events, sessions, registration, waiting list, invitations and tickets."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.events import models  # noqa: F401  (register the tables)
