"""Factories for the organisations and elections tests (all commit, return ids)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest
from flask import Flask

from app.auth.models import Role, User
from app.extensions import db
from tests.organisations import helpers


@pytest.fixture
def staff(app: Flask, create_user) -> dict[str, int]:
    """One organiser and one official (ids)."""
    return {
        "organiser": create_user(Role.ORGANISER, email="orga@example.org", name="Olga"),
        "official": create_user(Role.OFFICIAL, email="wahl@example.org", name="Walter"),
    }


def user(user_id: int) -> User:
    return db.session.get(User, user_id)


@pytest.fixture
def make_organisation(app: Flask, staff) -> Callable[..., int]:
    """``make_organisation(name, kind="mso", **values)`` -> id."""
    return partial(helpers.add_organisation, app, staff["organiser"])


@pytest.fixture
def make_election(app: Flask, staff) -> Callable[..., int]:
    """``make_election(open_=True, **config)`` -> id; nominations open now unless told."""
    return partial(helpers.add_election, app, staff["official"])


@pytest.fixture
def eligible(app: Flask, staff) -> Callable[..., str]:
    """``eligible(election_id, organisation_id, may_nominate=True)`` -> personal-link token."""
    return partial(helpers.make_eligible, app, staff["organiser"])


@pytest.fixture
def client(app: Flask):  # noqa: ANN201
    """These tests read the English source texts; German is covered by the i18n tests."""
    test_client = app.test_client()
    test_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return test_client
