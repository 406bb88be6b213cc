"""An attendee registers, opens the private link, changes a session and cancels — in Chromium,
without JavaScript of our own, every page clean under axe-core."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.mail.models import OutboxMessage


@pytest.mark.parametrize("language", ["de", "ar"])
def test_register_change_session_and_cancel(
    page: Page, live_server: str, app: Flask, make_event, check_a11y, language
) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 10), ("Demokratie", 0, 10)])
    page.goto(f"{live_server}/lang/{language}?next=/events")
    check_a11y(page)
    page.goto(f"{live_server}/events/{event_id}")
    check_a11y(page)
    page.goto(f"{live_server}/events/{event_id}/register")
    check_a11y(page)

    # 1. Sending the empty form shows errors tied to the fields
    page.locator("form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#name")).to_have_attribute("aria-invalid", "true")
    check_a11y(page)

    # 2. Register for "Bildung"
    page.fill("#name", "Ayşe Yılmaz")
    page.fill("#email", "ayse@example.org")
    page.select_option("#category", "migrant_organisation")
    page.get_by_label(re.compile("Bildung")).check()
    page.locator("#consent").check()
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/events/registered/"))
    check_a11y(page)

    # 3. The private link (as in the mail) shows the ticket with its QR code
    with app.app_context():
        link = db.session.scalar(select(OutboxMessage.text_body)).split("/r/")[1].split()[0]
    page.goto(f"{live_server}/r/{link}")
    expect(page.locator("svg.qr")).to_be_visible()
    expect(page.locator(".ticket")).to_contain_text("Bildung")
    check_a11y(page)

    # 4. Change to "Demokratie"
    page.get_by_label(re.compile("Demokratie")).check()
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".ticket")).to_contain_text("Demokratie")
    expect(page.locator(".ticket")).not_to_contain_text("Bildung")
    check_a11y(page)

    # 5. Cancel, with confirmation
    page.locator("a.button.danger").click()
    check_a11y(page)
    page.locator("#confirm").check()
    page.locator("form button[type=submit]").click()
    expect(page.locator(".status-cancelled")).to_be_visible()
    expect(page.locator("svg.qr")).to_have_count(0)
    check_a11y(page)
