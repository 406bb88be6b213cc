"""The live dashboard: registered vs arrived by category and session, the arrivals chart."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.checkin.chart import arrival_bars
from tests.checkin.factories import START, bearer, build_world, device_token
from tests.conftest import log_in

NOW = START + timedelta(minutes=30)


@pytest.fixture
def world(app):
    return build_world(app)


def test_dashboard_counts_arrivals_by_category_and_session(app, client, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    for token, checkpoint in [
        (world.ayse.token, world.entrance_id),
        (world.ayse.token, world.session_checkpoint_ids[0]),
        (world.olena.token, world.entrance_id),
    ]:
        client.post(
            "/api/v1/checkin", json={"ticket": token, "checkpoint": str(checkpoint)}, headers=auth
        )
    log_in(client, world.organiser_id)
    page = client.get(f"/checkin/events/{world.event_id}/dashboard")
    assert page.status_code == 200 and " style=" not in page.text
    assert '<rect class="bar"' in page.text and 'http-equiv="refresh"' in page.text
    live = client.get(f"/checkin/events/{world.event_id}/dashboard.json").json
    assert (live["registered"], live["arrived"]) == (3, 2)
    by_category = {row["name"]: (row["registered"], row["arrived"]) for row in live["by_category"]}
    assert by_category == {"Migrant*innenorganisation": (2, 1), "Einwohner*in": (1, 1)}
    by_session = {row["title"]: (row["registered"], row["present"]) for row in live["by_session"]}
    assert by_session == {"AG 1 Bildung": (1, 1), "AG 2 Arbeit": (1, 0)}
    assert sum(bar["count"] for bar in live["arrivals"]) == 2
    assert '<rect class="bar"' in live["html"]


def test_arrival_chart_has_a_bar_per_ten_minutes() -> None:
    times = [NOW, NOW + timedelta(minutes=3), NOW + timedelta(minutes=25)]
    bars = arrival_bars(times)
    assert [(b.start.minute, b.count) for b in bars] == [(30, 2), (40, 0), (50, 1)]
    assert bars[0].height > bars[2].height > 0 == bars[1].height
    assert arrival_bars([]) == []
    many = arrival_bars([NOW - timedelta(days=1), NOW])
    assert len(many) == 72 and many[0].count == 1 and many[-1].count == 1
