"""Demo data: checkpoints for every demo event, so the scanner works right after `make run`."""

from __future__ import annotations

from app.checkin import people, services
from app.core.demo import DemoContext

#: Demo data is in German, the default language (seeders run without a request)
ENTRANCE = "Eingang"


def seed_demo(context: DemoContext) -> None:
    """An entrance and one checkpoint per session for each event the events seeder made."""
    for event in people.open_events():
        services.ensure_checkpoints(event, entrance_name=ENTRANCE)
