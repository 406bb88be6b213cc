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
