"""Every form route refuses a POST without a CSRF token."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role
from app.extensions import csrf
from tests.test_access_matrix import routes, url_for_rule


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "WTF_CSRF_ENABLED": True}


def csrf_exempt(app: Flask, endpoint: str) -> bool:
    view = app.view_functions[endpoint]
    blueprint = endpoint.rsplit(".", 1)[0] if "." in endpoint else None
    exempt_blueprints = csrf._exempt_blueprints  # flask-wtf keeps Blueprint objects here
    return (
        blueprint in exempt_blueprints
        or app.blueprints.get(blueprint or "") in exempt_blueprints
        or f"{view.__module__}.{view.__name__}" in csrf._exempt_views
    )


def test_post_without_token_is_refused(app: Flask, client: FlaskClient, login) -> None:
    login(Role.ADMIN)
    checked = 0
    for rule, method in routes(app):
        if method not in {"POST", "PUT", "PATCH", "DELETE"}:
            continue
        if csrf_exempt(app, rule.endpoint):
            assert rule.rule.startswith("/api/"), f"{rule.rule} must not be exempt from CSRF"
            continue
        response = client.open(url_for_rule(rule), method=method, data={"x": "1"})
        assert response.status_code == 400, f"{method} {rule.rule} accepted a POST without token"
        checked += 1
    assert checked >= 4


def test_post_with_token_is_accepted(app: Flask, client: FlaskClient, login) -> None:
    login(Role.ADMIN)
    page = client.get("/account/password")
    token = page.text.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/account/password", data={"csrf_token": token, "current": "x"})
    assert response.status_code == 200  # the form answers with its own validation errors
