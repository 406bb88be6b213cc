"""Scanner device tokens: shown once, stored only as a hash, revocable."""

from __future__ import annotations

import hashlib
import re

from sqlalchemy import select

from app.auth import tokens
from app.auth.models import Role
from app.db import utcnow
from app.extensions import db


def test_organiser_creates_token_shown_once_and_stored_as_hash(app, client, login) -> None:
    login(Role.ORGANISER)
    page = client.post("/checkin/devices", data={"name": "Tablet Nord"})
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    plain = re.search(r'id="new-token">([^<]+)<', page.text).group(1)
    assert plain.startswith(tokens.PREFIX)
    with app.app_context():
        row = db.session.scalar(select(tokens.ApiToken))
        assert row.name == "Tablet Nord"
        assert row.token_hash == hashlib.sha256(plain.encode()).hexdigest()
        assert plain not in repr(row.__dict__)
    again = client.get("/checkin/devices")
    assert "Tablet Nord" in again.text and plain not in again.text


def test_revoked_token_no_longer_authenticates(app, client, login) -> None:
    user_id = login(Role.ORGANISER)
    with app.app_context():
        from app.auth.models import User

        token, plain = tokens.create_token(
            "Gerät", actor=db.session.get(User, user_id), now=utcnow()
        )
        db.session.commit()
        token_id = token.id
        assert tokens.authenticate(plain, now=utcnow()) is not None
    response = client.post(f"/checkin/devices/{token_id}/revoke")
    assert response.status_code == 302
    with app.app_context():
        assert tokens.authenticate(plain, now=utcnow()) is None
        assert db.session.get(tokens.ApiToken, token_id).revoked_at is not None


def test_garbage_tokens_are_refused(ctx) -> None:
    for plain in ["", "thd_", "x" * 500, "thd_" + "ä" * 50, "thd_\ud800"]:
        assert tokens.authenticate(plain, now=utcnow()) is None


def test_door_account_may_not_manage_tokens(client, login) -> None:
    login(Role.DOOR)
    assert client.get("/checkin/devices").status_code == 403
