"""Walk-ins: registered at the door, checked in at once, badge offered."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from app.auth.models import Role
from app.checkin.models import CheckIn
from app.extensions import db
from tests.checkin.factories import build_world
from tests.conftest import log_in


@pytest.fixture
def world(app):
    return build_world(app)


@pytest.fixture
def door(client, create_user):
    """A door account's client that reads English (tests assert the msgids, not translations)."""
    log_in(client, create_user(Role.DOOR, name="Dilek Door"))
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_walk_in_registers_checks_in_and_offers_the_badge(app, door, world) -> None:
    url = f"/checkin/scan/{world.entrance_id}/walk-in"
    assert door.get(url).status_code == 200
    done = door.post(
        url,
        data={
            "name": "Jürgen Müller",
            "email": "jm@example.org",
            "organisation": "",
            "category": str(world.category_ids["resident"]),
        },
    )
    assert done.status_code == 200 and "Jürgen Müller" in done.text
    badge = re.search(r'href="(/checkin/registrations/\d+/badge.pdf)"', done.text).group(1)
    assert door.get(badge).mimetype == "application/pdf"
    with app.app_context():
        assert db.session.scalar(select(func.count(CheckIn.id))) == 1
    refused = door.post(url, data={"name": "", "category": "x"})
    assert refused.status_code == 200 and "error-summary" in refused.text
