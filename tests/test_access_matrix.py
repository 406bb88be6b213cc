"""Every route, called as anonymous and as each role: allowed or denied as the matrix says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from app.auth.models import Role
from tests.access import matrix
from tests.conftest import log_in

SKIPPED = {"static"}
DUMMY_VALUES = {
    "integer": 999_999,
    "uuid": "00000000-0000-4000-8000-000000000000",
    "default": "x",
    "string": "x",
    "path": "x",
}


def routes(app: Flask) -> Iterator[tuple[Rule, str]]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method


def url_for_rule(rule: Rule) -> str:
    values = {}
    for name, converter in (rule._converters or {}).items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        values[name] = DUMMY_VALUES.get(kind, "x")
    return rule.build(values, append_unknown=False)[1]


def denied(response) -> bool:  # noqa: ANN001
    if response.status_code in (401, 403):
        return True
    return response.status_code == 302 and "/login" in response.headers.get("Location", "")


def test_every_route_is_in_the_matrix(app: Flask) -> None:
    registered = {rule.endpoint for rule, _ in routes(app)}
    listed = set(matrix())
    assert registered - listed == set(), "add these routes to tests/access/"
    assert listed - registered == set(), "these matrix entries name no route"


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
def test_role_matrix(app: Flask, client: FlaskClient, create_user, role: Role | None) -> None:
    access = matrix()
    user_id = create_user(role) if role else None
    wrong = []
    for rule, method in routes(app):
        if user_id is not None:
            log_in(client, user_id)
        else:
            with client.session_transaction() as session:
                session.clear()
        response = client.open(url_for_rule(rule), method=method)
        assert response.status_code < 500, f"{method} {rule.rule} answered {response.status_code}"
        expected_allowed = access[rule.endpoint].allows(role)
        if denied(response) == expected_allowed:
            wrong.append(f"{method} {rule.rule} ({rule.endpoint}): {response.status_code}")
    assert wrong == []
