"""The door's pages and the dashboard: what people see, and that the no-script paths work."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from app.auth.models import Role
from app.checkin.models import CheckIn, Checkpoint
from app.events.models import Event
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


def test_scanner_page_has_no_inline_code_and_a_json_island(door, world) -> None:
    page = door.get(f"/checkin/scan/{world.entrance_id}")
    assert page.status_code == 200
    html = page.text
    assert "<script>" not in html and " style=" not in html and "<style" not in html
    island = re.search(r'<script type="application/json" id="scanner-config">(.*?)</script>', html)
    config = json.loads(island.group(1))
    assert config["checkpoint"] == world.entrance_id
    assert config["api"]["checkin"] == "/api/v1/checkin"
    assert config["qrScanner"].endswith("/vendor/qr-scanner.min.js")
    assert 'type="module" src="/static/js/checkin-scanner.js"' in html


def test_no_script_scan_answers_green_then_amber(app, door, world) -> None:
    url = f"/checkin/scan/{world.entrance_id}"
    green = door.post(url, data={"code": world.ayse.token})
    assert green.status_code == 200 and "result-ok" in green.text and "Ayşe Yılmaz" in green.text
    assert "Rollstuhl: Aufzug benutzen" in green.text and "AG 1 Bildung" in green.text
    amber = door.post(url, data={"code": world.ayse.token})
    assert amber.status_code == 409 and "result-warn" in amber.text and "Dilek Door" in amber.text
    red = door.post(url, data={"code": world.codes["cancelled"]})
    assert red.status_code == 409 and "result-bad" in red.text
    assert door.post(url, data={"code": ""}).status_code == 400


def test_no_script_search_and_undo(app, door, world) -> None:
    page = door.get(f"/checkin/scan/{world.entrance_id}/search?q=schewtschenko")
    assert "Nobody found." in page.text
    page = door.get(f"/checkin/scan/{world.entrance_id}/search?q=olena")
    assert "Олена Шевченко" in page.text and world.olena.token in page.text
    door.post(f"/checkin/scan/{world.entrance_id}", data={"code": world.olena.token})
    undone = door.post(f"/checkin/scan/{world.entrance_id}/undo", follow_redirects=True)
    assert "Олена Шевченко" in undone.text
    nothing = door.post(f"/checkin/scan/{world.entrance_id}/undo", follow_redirects=True)
    assert "Nothing to undo" in nothing.text
    with app.app_context():
        assert (
            db.session.scalar(select(func.count(CheckIn.id)).where(CheckIn.undone_at.is_(None)))
            == 0
        )


def test_picker_lists_checkpoints_and_sets_them_up(app, door, world) -> None:
    page = door.get("/checkin/?pick=1")
    assert "Entrance" in page.text and "AG 2 Arbeit" in page.text
    with app.app_context():
        other = db.session.scalar(select(Event).where(Event.title == "Auftaktveranstaltung"))
        other_id = other.id
    assert door.post(f"/checkin/events/{other_id}/checkpoints").status_code == 302
    door.post(f"/checkin/events/{other_id}/checkpoints")  # twice: nothing more
    with app.app_context():
        names = db.session.scalars(
            select(Checkpoint.name).where(Checkpoint.event_id == other_id)
        ).all()
    assert len(names) == 1
