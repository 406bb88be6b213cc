"""POST /api/v1/checkin: statuses, authentication, CSRF for cookie sessions, nonce replay."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from app.auth.models import Role
from app.checkin.models import CheckIn, CheckInAttempt
from app.extensions import db
from tests.checkin.factories import bearer, build_world, device_token
from tests.conftest import log_in


@pytest.fixture
def world(app):
    return build_world(app)


def scan(client, world, token: str, *, checkpoint=None, auth=None, **extra: Any):
    body = {"ticket": token, "checkpoint": str(checkpoint or world.entrance_id), **extra}
    return client.post("/api/v1/checkin", json=body, headers=auth or {})


def test_device_token_checks_in_and_second_scan_is_already_checked_in(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id, "Tablet Nord"))
    first = scan(client, world, world.ayse.token, auth=auth)
    assert first.status_code == 200
    assert first.json["status"] == "ok"
    assert first.json["attendee"]["name"] == "Ayşe Yılmaz"
    assert first.json["attendee"]["organisation"] == "Türkischer Elternverein"
    second = scan(client, world, world.ayse.token, auth=auth)
    assert second.json["status"] == "already_checked_in"
    assert second.json["first"]["by"] == "Tablet Nord"
    assert second.json["first"]["checkpoint"] == "Entrance"
    assert second.json["first"]["at"] == first.json["at"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("forged", "invalid"),
        ("truncated", "invalid"),
        ("cancelled", "cancelled"),
        ("other_event", "wrong_event"),
    ],
)
def test_denials_answer_with_their_status_and_are_logged(app, client, world, who, status) -> None:
    token = world.codes[who]
    auth = bearer(device_token(app, world.organiser_id))
    response = scan(client, world, token, auth=auth)
    assert response.status_code == 200 and response.json["status"] == status
    with app.app_context():
        attempt = db.session.scalar(select(CheckInAttempt))
        assert attempt.code == status
        columns = [getattr(attempt, c.key) for c in CheckInAttempt.__table__.columns]
        assert not any(isinstance(v, str) and token in v for v in columns)


def test_session_door_refuses_attendee_not_registered_for_it(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    ok = scan(
        client, world, world.ayse.token, checkpoint=world.session_checkpoint_ids[0], auth=auth
    )
    assert ok.json["status"] == "ok"
    refused = scan(
        client, world, world.olena.token, checkpoint=world.session_checkpoint_ids[0], auth=auth
    )
    assert refused.json["status"] == "not_registered_for_session"


def test_same_nonce_returns_the_first_answer_and_never_checks_in_twice(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    first = scan(client, world, world.ayse.token, auth=auth, nonce="n-1")
    again = scan(client, world, world.ayse.token, auth=auth, nonce="n-1")
    assert first.json["status"] == again.json["status"] == "ok"
    assert first.json == again.json
    third = scan(client, world, world.ayse.token, auth=auth, nonce="n-2")
    assert third.json["status"] == "already_checked_in"
    with app.app_context():
        assert db.session.scalar(select(func.count(CheckIn.id))) == 1


def test_anonymous_and_revoked_tokens_are_refused(app, client, world) -> None:
    assert scan(client, world, world.ayse.token).status_code == 401
    assert scan(client, world, world.ayse.token, auth=bearer("thd_nope")).status_code == 401
    assert (
        scan(client, world, world.ayse.token, auth={"Authorization": "Basic x"}).status_code == 401
    )


def test_organiser_only_account_may_not_scan_with_wrong_role(app, client, world, create_user):
    log_in(client, create_user(Role.OFFICIAL))
    assert scan(client, world, world.ayse.token).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        None,
        {},
        {"ticket": "x"},
        {"ticket": "", "checkpoint": "1"},
        {"ticket": "x" * 513, "checkpoint": "1"},
        {"ticket": 5, "checkpoint": "1"},
        {"ticket": "x", "checkpoint": "abc"},
        {"ticket": "x", "checkpoint": "-1"},
        {"ticket": "x", "checkpoint": "99999999999999999999"},
        {"ticket": "x", "checkpoint": "1", "nonce": ""},
        {"ticket": "x", "checkpoint": "1", "nonce": "n" * 101},
        ["list"],
        "string",
    ],
)
def test_bad_input_never_500s(app, client, world, body) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    response = client.post("/api/v1/checkin", json=body, headers=auth)
    assert 400 <= response.status_code < 500
    assert response.is_json


def test_unknown_checkpoint_is_404_json(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    response = scan(client, world, world.ayse.token, checkpoint=987654, auth=auth)
    assert response.status_code == 404 and response.json["status"] == "error"


def test_garbage_ticket_text_is_invalid_not_an_error(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    for junk in ["x", "ä" * 200, "'; DROP TABLE check_ins; --", "\u202e"]:
        response = scan(client, world, junk, auth=auth)
        assert response.status_code == 200
        assert response.json["status"] in {"invalid", "unknown"}
    for unstorable in ["\u202e\u0000", "\u0000\ud800"]:  # refused at the door (app.input_guard)
        response = scan(client, world, unstorable, auth=auth)
        assert response.status_code == 422


def test_search_finds_by_name_and_email_and_tapping_checks_in(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    url = f"/api/v1/checkin/search?checkpoint={world.entrance_id}&q="
    for query in ("yilmaz", "Yılmaz", "ayse yil", "AYŞE"):
        hits = client.get(url + query, headers=auth).json["results"]
        assert [h["name"] for h in hits] == ["Ayşe Yılmaz"], query
    assert client.get(url + "олена", headers=auth).json["results"][0]["name"] == "Олена Шевченко"
    hits = client.get(url + "olena@", headers=auth).json["results"]
    assert [h["name"] for h in hits] == ["Олена Шевченко"]
    assert scan(client, world, hits[0]["ticket"], auth=auth).json["status"] == "ok"
    again = client.get(url + "olena@", headers=auth).json["results"]
    assert again[0]["checked_in"] is True


def test_undo_takes_back_a_check_in_once(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    checkin_id = scan(client, world, world.ayse.token, auth=auth).json["checkin_id"]
    undone = client.post("/api/v1/checkin/undo", json={"checkin": checkin_id}, headers=auth)
    assert undone.json["status"] == "undone" and "Ayşe Yılmaz" in undone.json["message"]
    twice = client.post("/api/v1/checkin/undo", json={"checkin": checkin_id}, headers=auth)
    assert twice.json["status"] == "nothing_to_undo"
    assert scan(client, world, world.ayse.token, auth=auth).json["status"] == "ok"
    with app.app_context():
        rows = db.session.scalars(select(CheckIn).order_by(CheckIn.id)).all()
        assert [r.undone_at is not None for r in rows] == [True, False]
        assert rows[0].undone_by.label == "Scanner"


def test_checkin_is_in_the_openapi_document(client) -> None:
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/checkin" in spec["paths"]
    assert "post" in spec["paths"]["/api/v1/checkin"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]


class TestCookieSessionNeedsCsrfHeader:
    @pytest.fixture
    def app_config(self, app_config: dict[str, Any]) -> dict[str, Any]:
        return {**app_config, "WTF_CSRF_ENABLED": True}

    def test_without_header_refused_with_header_admitted(self, app, client, world, create_user):
        log_in(client, create_user(Role.DOOR, name="Dilek Door"))
        refused = scan(client, world, world.ayse.token)
        assert refused.status_code == 400 and refused.is_json
        page = client.get("/account/password")
        token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        admitted = scan(client, world, world.ayse.token, auth={"X-CSRFToken": token})
        assert admitted.json["status"] == "ok"
        again = scan(client, world, world.ayse.token, auth={"X-CSRFToken": token})
        assert again.json["first"]["by"] == "Dilek Door"

    def test_bearer_token_needs_no_csrf_header(self, app, client, world):
        auth = bearer(device_token(app, world.organiser_id))
        assert scan(client, world, world.ayse.token, auth=auth).json["status"] == "ok"
