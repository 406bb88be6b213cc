"""Elections: configuration, the roll, delegates, nominations and the candidate list."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from app.elections import models  # noqa: F401  (register the tables)
    from app.elections.voting_area import init_voting

    init_voting(app)
