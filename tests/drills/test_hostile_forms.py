"""Drill: hypothesis-made hostile input at every POST form of the HTML app.

Every POST route outside ``/api/`` has a case in ``tests/drills/hostile/`` (a new route fails
``test_every_post_route_is_drilled``): a world in which its form is reachable, an account that
may use it, and the fields of its Flask-WTF form. Each example sends an accepted payload with up
to three fields spoiled (any unicode with NUL and lone surrogates as raw bytes, RTL overrides,
20,000 characters, empty, wrong types, out of range, unknown choices, another event's ids,
missing, twice) and unknown extra fields, asking for German mostly and Arabic, Turkish or
Ukrainian sometimes. Never a 5xx or internals; the page in the asked-for language; a refusal
stores nothing; what is accepted is whole. SQLite file and PostgreSQL (``TEST_DATABASE_URL``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_config
from tests.drills.hostile import cases
from tests.drills.hostile.case import Drill, Seed
from tests.drills.hostile.queries import QUERY_CASES

CASES = cases()


@pytest.fixture
def app_config(database_url: str, tmp_path: Path) -> dict[str, Any]:
    """As in production: every form carries its CSRF token (the drill sends it, or spoils it)."""
    return make_config(database_url, tmp_path, WTF_CSRF_ENABLED=True)


def post_routes(app: Flask) -> set[tuple[str, str]]:
    return {
        (rule.endpoint, rule.rule)
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or set()) and not rule.rule.startswith("/api/")
    }


def test_every_post_route_is_drilled(app: Flask) -> None:
    routes = post_routes(app)
    assert routes - set(CASES) == set(), "add a case for these routes to tests/drills/hostile/"
    assert set(CASES) - routes == set(), "these drill cases name no route"


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda key: CASES[key].name)
def test_hostile_form(
    key: tuple[str, str], app: Flask, client: FlaskClient, create_user: Callable[..., int]
) -> None:
    seen = Drill(CASES[key], Seed(app, create_user), client).run()
    print(f"\n{CASES[key].name}: {dict(seen)}")


@pytest.mark.parametrize("case", QUERY_CASES, ids=lambda case: case.name)
def test_hostile_query(case, app: Flask, client: FlaskClient, create_user) -> None:  # noqa: ANN001
    """Search and filter forms (GET): no 5xx, the asked-for language, and nothing written."""
    seen = Drill(case, Seed(app, create_user), client).run()
    print(f"\n{case.name}: {dict(seen)}")
