"""The organisers' event pages are accessible (axe-core) with real data in them."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import Page

from app.auth.models import Role
from app.events import services
from app.events.models import Event
from app.extensions import db
from tests.conftest import PASSWORD
from tests.events.conftest import NOW, person


def test_organiser_pages_pass_axe(
    page: Page, live_server: str, app: Flask, make_event, create_user, login_page, check_a11y
) -> None:
    event_id = make_event(capacity=1, sessions=[("Bildung", 0, 10), ("Arbeit", 0, 10)])
    with app.app_context():
        event = db.session.get(Event, event_id)
        for number in (1, 2):
            services.register(event, person(number), now=NOW)
        db.session.commit()
    create_user(Role.ORGANISER, email="orga@example.org")
    login_page(page, "orga@example.org", PASSWORD)
    paths = [
        "/staff/events/",
        f"/staff/events/{event_id}",
        f"/staff/events/{event_id}?status=waitlisted",
        f"/staff/events/{event_id}/edit",
        f"/staff/events/{event_id}/sessions/new",
        f"/staff/events/{event_id}/statistics",
        f"/staff/events/{event_id}/invitations",
        f"/staff/events/{event_id}/registrations/new",
        "/staff/events/new",
        "/staff/mail/",
    ]
    for path in paths:
        response = page.goto(live_server + path)
        assert response is not None and response.status == 200, path
        check_a11y(page)
    page.goto(f"{live_server}/staff/events/{event_id}")
    page.locator("table a").filter(has_text="Person 1").click()
    check_a11y(page)
