"""Security headers, cookie flags and error pages without internals."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role


def test_strict_content_security_policy(client: FlaskClient) -> None:
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=(self)" in headers["Permissions-Policy"]


def test_no_inline_scripts_or_styles_in_pages(client: FlaskClient, login) -> None:
    login(Role.ADMIN)
    for url in ("/", "/login", "/privacy", "/staff", "/admin/users", "/admin/users/new"):
        html = client.get(url).text
        assert "<script>" not in html and " style=" not in html and "<style" not in html, url


def test_404_is_friendly_and_in_the_users_language(client: FlaskClient) -> None:
    response = client.get("/nowhere", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and "Page not found" in response.text


def test_api_errors_are_json(client: FlaskClient) -> None:
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404 and response.json["status"] == "error"


class TestUnexpectedError:
    @pytest.fixture
    def app(self, app: Flask) -> Flask:
        @app.get("/boom")
        def boom() -> str:
            raise RuntimeError("secret internals")

        return app

    def test_500_shows_no_stack_trace(self, client: FlaskClient) -> None:
        response = client.get("/boom")
        assert response.status_code == 500
        assert "secret internals" not in response.text and "Traceback" not in response.text

    def test_500_is_friendly_in_german_and_in_arabic_right_to_left(
        self, client: FlaskClient
    ) -> None:
        german = client.get("/boom")
        assert "Etwas ist schiefgelaufen" in german.text and 'lang="de"' in german.text
        arabic = client.get("/boom?lang=ar")
        assert arabic.status_code == 500 and 'dir="rtl"' in arabic.text
        assert "Something went wrong" not in arabic.text and "Etwas" not in arabic.text


def test_403_is_friendly_and_in_the_users_language(client: FlaskClient, login) -> None:
    login(Role.DOOR)
    german = client.get("/admin/users")
    assert german.status_code == 403 and "Kein Zugriff" in german.text
    turkish = client.get("/admin/users?lang=tr")
    assert turkish.status_code == 403 and "Erişim yok" in turkish.text


def test_400_without_csrf_token_is_friendly_and_translated(app: Flask) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    german = client.post("/login", data={"email": "a@example.org", "password": "x"})
    assert german.status_code == 400 and "Ungültige Anfrage" in german.text
    english = client.post("/login?lang=en", data={"email": "a@example.org", "password": "x"})
    assert english.status_code == 400 and "Bad request" in english.text
    assert "Traceback" not in english.text


class TestProductionCookies:
    @pytest.fixture
    def app_config(self, app_config: dict[str, Any]) -> dict[str, Any]:
        return {**app_config, "SESSION_COOKIE_SECURE": True}

    def test_session_cookie_is_secure_httponly_lax(self, client: FlaskClient, create_user) -> None:
        from tests.conftest import PASSWORD

        create_user(Role.DOOR, email="c@example.org")
        response = client.post("/login", data={"email": "c@example.org", "password": PASSWORD})
        cookie = response.headers["Set-Cookie"]
        assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
