"""Staff login, logout, rate limits and account rules."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth import services
from app.auth.models import Role
from app.extensions import db
from tests.conftest import PASSWORD, get_user


def test_login_with_correct_password_opens_dashboard(client: FlaskClient, create_user) -> None:
    create_user(Role.ORGANISER, email="olga@example.org", name="Olga")
    response = client.post(
        "/login", data={"email": "OLGA@example.org ", "password": PASSWORD}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Olga" in response.text


def test_login_with_wrong_password_is_refused_in_german(client: FlaskClient, create_user) -> None:
    create_user(Role.DOOR, email="door@example.org")
    response = client.post(
        "/login",
        data={"email": "door@example.org", "password": "nope"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 200
    assert "E-Mail oder Passwort ist nicht korrekt." in response.text


def test_inactive_account_cannot_log_in(client: FlaskClient, create_user) -> None:
    create_user(Role.DOOR, email="gone@example.org", active=False)
    response = client.post("/login", data={"email": "gone@example.org", "password": PASSWORD})
    assert "/staff" not in response.headers.get("Location", "")


def test_login_redirect_stays_on_site(client: FlaskClient, create_user) -> None:
    create_user(Role.DOOR, email="d@example.org")
    response = client.post(
        "/login?next=https://evil.example/x", data={"email": "d@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/staff"


def test_logout_ends_the_session(client: FlaskClient, login) -> None:
    login(Role.DOOR)
    assert client.get("/staff").status_code == 200
    client.post("/logout")
    assert client.get("/staff").status_code == 302


class TestRateLimit:
    @pytest.fixture
    def app_config(self, app_config: dict[str, Any]) -> dict[str, Any]:
        return {**app_config, "RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}

    def test_fourth_failed_login_in_a_minute_gets_429(self, client: FlaskClient) -> None:
        codes = [
            client.post("/login", data={"email": "a@b.org", "password": "x"}).status_code
            for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]

    def test_429_page_is_friendly_and_translated(self, client: FlaskClient) -> None:
        for _ in range(4):
            response = client.post(
                "/login",
                data={"email": "a@b.org", "password": "x"},
                headers={"Accept-Language": "de"},
            )
        assert response.status_code == 429
        assert "Zu viele Versuche" in response.text
        assert "Traceback" not in response.text


def test_admin_creates_account_with_roles(app: Flask, client: FlaskClient, login) -> None:
    login(Role.ADMIN)
    response = client.post(
        "/admin/users/new",
        data={
            "name": "Dana Door",
            "email": "dana@example.org",
            "roles": ["door"],
            "is_active_account": "y",
            "password": "long enough pass",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = services.find_by_email("dana@example.org")
        assert user.role_names == {Role.DOOR}


def test_admin_cannot_remove_the_last_admin(app: Flask, client: FlaskClient, login) -> None:
    admin_id = login(Role.ADMIN)
    response = client.post(
        f"/admin/users/{admin_id}",
        data={
            "name": "Admin",
            "email": "user1@example.org",
            "roles": ["door"],
            "is_active_account": "y",
        },
    )
    assert response.status_code == 200
    assert get_user(app, admin_id).role_names == {Role.ADMIN}


def test_duplicate_email_is_refused(app: Flask, client: FlaskClient, login, create_user) -> None:
    create_user(Role.DOOR, email="taken@example.org")
    login(Role.ADMIN)
    response = client.post(
        "/admin/users/new",
        data={
            "name": "X",
            "email": "taken@example.org",
            "roles": ["door"],
            "password": "long enough pass",
        },
    )
    assert response.status_code == 200
    with app.app_context():
        assert db.session.query(services.User).count() == 2


def test_cli_creates_user(app: Flask, runner) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "cli@example.org",
            "--role",
            "official",
            "--role",
            "door",
            "--password",
            "a very long password",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert services.find_by_email("cli@example.org").role_names == {Role.OFFICIAL, Role.DOOR}


def test_cli_refuses_short_password(runner) -> None:
    result = runner.invoke(
        args=["users", "create", "x@example.org", "--role", "door", "--password", "short"]
    )
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("email", "name", "code"),
    [
        ("x" * 250 + "@example.org", "", "invalid_email"),
        ("no-at-sign", "", "invalid_email"),
        ("long@example.org", "N" * 201, "invalid_name"),
    ],
)
def test_cli_refuses_what_an_account_cannot_hold(
    app: Flask, runner, email: str, name: str, code: str
) -> None:
    """The command line has no form in front of the service: an address or name longer than
    its column was a DataError on PostgreSQL (found by the hostile services drill)."""
    args = ["users", "create", email, "--role", "door", "--password", "a very long password"]
    result = runner.invoke(args=[*args, *(["--name", name] if name else [])])
    assert result.exit_code == 1 and code in result.output
    with app.app_context():
        assert db.session.query(services.User).count() == 0
