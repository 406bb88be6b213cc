"""Staff pages of the registry and the election core, filled with the demo data, pass axe."""

from __future__ import annotations

from playwright.sync_api import Page

from app.auth.models import Role
from tests.conftest import PASSWORD


def test_registry_and_election_pages_are_accessible(
    page: Page, live_server: str, runner, create_user, login_page, check_a11y
) -> None:
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    create_user(Role.ADMIN, email="chef@example.org", name="Chefin")
    login_page(page, "chef@example.org", PASSWORD)
    paths = [
        "/organisations",
        "/organisations?q=verein&kind=mso&eligible=yes",
        "/organisations/1",
        "/organisations/1/edit",
        "/organisations/new",
        "/organisations/import",
        "/elections",
        "/elections/new",
        "/elections/1",
        "/elections/1/edit",
        "/elections/1/roll",
        "/elections/1/roll/1",
        "/elections/1/roll/1/paper",
        "/elections/1/links",
        "/elections/1/nominations",
        "/elections/1/lot",
        "/elections/1/candidates",
    ]
    for path in paths:
        response = page.goto(live_server + path)
        assert response is not None and response.status == 200, path
        check_a11y(page)
