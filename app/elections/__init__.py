"""Elections: configuration, the roll, delegates, nominations and the candidate list."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.auth.models import Role

STATUS_LABELS = {
    "draft": _l("draft"),
    "nominations_open": _l("nominations open"),
    "frozen": _l("frozen"),
    "submitted": _l("submitted"),
    "confirmed": _l("confirmed"),
    "rejected": _l("rejected"),
    "withdrawn": _l("withdrawn"),
}


def _election_status_label(status: str) -> str:
    """An election's or nomination's status in the reader's language."""
    return str(STATUS_LABELS.get(status, status))


def init_app(app: Flask) -> None:
    from app import navigation
    from app.elections import (  # noqa: F401  (routes)
        link_views,
        models,  # noqa: F401  (register the tables)
        public_views,
        roll_views,
        views,
    )
    from app.elections.blueprint import bp

    app.register_blueprint(bp)
    navigation.register(
        navigation.Section(
            "elections.list_elections", _l("Elections"), frozenset({Role.ORGANISER, Role.OFFICIAL})
        ),
        before="auth.list_users",
    )
    app.jinja_env.globals["election_status_label"] = _election_status_label
    from app.elections.voting_area import init_voting

    init_voting(app)
