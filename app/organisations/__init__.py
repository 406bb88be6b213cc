"""The registry of organisations, and each organisation's personal link to an election."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.organisations import models  # noqa: F401  (register the tables)
