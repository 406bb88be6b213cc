"""The organisation's page leads its delegate to the assembly's form, in Chromium, axe-clean;
the public form offers the registry's organisations as suggestions (datalist)."""

from __future__ import annotations

from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.events.models import Registration
from app.extensions import db
from tests.organisations.helpers import assembly_election


def test_delegate_registers_through_the_organisation_page(
    page: Page, live_server: str, app: Flask, make_event, check_a11y
) -> None:
    a = assembly_election(app)
    page.goto(f"{live_server}/o/{a['token']}?lang=tr")
    page.fill("#name", "Ayşe Yılmaz")
    page.fill("#email", "ayse@verein.example")
    page.locator("form[action$='/delegates'] button[type=submit]").click()
    link = page.locator("a[href*='delegate=']")
    expect(link).to_be_visible()
    check_a11y(page)

    link.click()
    expect(page.locator("#name")).to_have_value("Ayşe Yılmaz")
    expect(page.locator("#email")).to_have_value("ayse@verein.example")
    expect(page.locator("#organisation_name")).to_have_count(0)  # bound by the link
    check_a11y(page)
    page.locator("#consent").check()
    page.locator("form button[type=submit]").click()
    expect(page.locator("h1")).to_be_visible()
    assert "/events/registered/" in page.url
    check_a11y(page)
    with app.app_context():
        registration = db.session.scalar(select(Registration))
        assert registration.organisation_id == a["org"]

    public = make_event()
    page.goto(f"{live_server}/events/{public}/register?lang=ar")
    expect(page.locator("#organisation_name")).to_have_attribute("list", "organisation-names")
    assert page.locator("#organisation-names option").count() == 3
    check_a11y(page)
