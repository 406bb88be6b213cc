"""Deliver the mails a request wrote, once its transaction has committed."""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app, g, has_request_context
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from app.extensions import db

_NEW = "outbox_new_ids"


def _after_commit(session: OrmSession) -> None:
    if session.in_nested_transaction():
        # A SAVEPOINT was released (SQLAlchemy reports that as a commit too): its mails are
        # part of the outer transaction, which may still roll back. Delivering them now would
        # commit that transaction from the after-request hook, refused work and all.
        return
    ids = session.info.pop(_NEW, set())
    if ids and has_request_context():
        g.setdefault("outbox_committed", set()).update(i for i in ids if i)


def _after_rollback(session: OrmSession) -> None:
    if not session.in_transaction():  # a whole rollback; a SAVEPOINT's leaves ids harmlessly
        session.info.pop(_NEW, None)


def _deliver_committed(response: Any) -> Any:
    ids = sorted(g.pop("outbox_committed", set()))
    if not ids:
        return response
    from app.mail.outbox import deliver_due

    if current_app.config.get("MAIL_DELIVER_IN_REQUEST") or current_app.testing:
        deliver_due(ids=ids)
    else:
        app = current_app._get_current_object()  # type: ignore[attr-defined]

        def run() -> None:
            with app.app_context():
                deliver_due(ids=ids)
                db.session.remove()

        threading.Thread(target=run, daemon=True).start()
    return response


def init_app(app: Flask) -> None:
    if not getattr(init_app, "_listening", False):
        event.listen(OrmSession, "after_commit", _after_commit)
        event.listen(OrmSession, "after_soft_rollback", lambda s, _t: _after_rollback(s))
        init_app._listening = True  # type: ignore[attr-defined]
    app.after_request(_deliver_committed)
