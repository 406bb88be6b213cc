"""An organisation names its delegate and nominates its candidate through its personal link."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from app.auth.models import Role
from tests.organisations.helpers import add_election, add_organisation, make_eligible, png_bytes


@pytest.fixture
def personal_token(app: Flask, create_user) -> Callable[[str], str]:
    """An open election and an eligible organisation named ``name``; its link token."""
    organiser, official = create_user(Role.ORGANISER), create_user(Role.OFFICIAL)

    def make(name: str) -> str:
        election_id = add_election(app, official)
        return make_eligible(app, organiser, election_id, add_organisation(app, organiser, name))

    return make


def test_nomination_through_the_personal_link(
    page: Page, live_server: str, check_a11y, personal_token
) -> None:
    token = personal_token("Ghana Union e.V.")
    page.goto(f"{live_server}/lang/en?next=/o/{token}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wahl der MSO-Vertretung")
    check_a11y(page)

    # 1. the delegate
    page.get_by_label("Delegate: name").fill("Abena Owusu")
    page.get_by_label("Delegate: e-mail").fill("abena@ghana.example")
    page.get_by_role("button", name="Save delegate").click()
    expect(page.locator(".flash-success")).to_contain_text("The delegate was saved")

    # 2. a nomination without consent is refused, accessibly
    page.get_by_label("First name").fill("Kwame")
    page.get_by_label("Surname").fill("Mensah")
    page.get_by_role("button", name="Submit nomination").click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_a11y(page)

    # 3. the complete nomination, with a photo
    page.get_by_label("First name").fill("Kwame")
    page.get_by_label("Surname").fill("Mensah")
    page.get_by_label("Short self-description").fill("Vernetzung afrikanischer Vereine.")
    page.get_by_label("Photo (optional)").set_input_files(
        files=[{"name": "kwame.png", "mimeType": "image/png", "buffer": png_bytes(1200, 900)}]
    )
    page.get_by_label("The candidate agrees to stand for election.").check()
    page.get_by_label("The candidate agrees that the name").check()
    page.get_by_role("button", name="Submit nomination").click()
    expect(page.locator(".flash-success")).to_contain_text("The nomination was received")
    expect(page.locator(".outcome")).to_contain_text("Kwame Mensah")
    expect(page.get_by_role("button", name="Submit nomination")).to_have_count(0)
    check_a11y(page)


def test_personal_page_in_arabic_is_right_to_left_and_accessible(
    page: Page, live_server: str, check_a11y, personal_token
) -> None:
    token = personal_token("Arabisches Kulturhaus e.V.")
    page.goto(f"{live_server}/lang/ar?next=/o/{token}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check_a11y(page)
    page.goto(f"{live_server}/o/{token}/consent")
    check_a11y(page)


def test_unknown_link_is_a_friendly_404(page: Page, live_server: str) -> None:
    response = page.goto(f"{live_server}/o/1.1.forged")
    assert response is not None and response.status == 404
