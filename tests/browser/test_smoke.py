"""Log in as each role, open every page in the navigation, check each with axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.auth.models import Role
from tests.conftest import PASSWORD

PUBLIC_PAGES = ["/", "/privacy", "/login", "/does-not-exist"]


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_public_pages_are_accessible(page: Page, live_server: str, check_a11y, language) -> None:
    page.goto(f"{live_server}/lang/{language}")
    for path in PUBLIC_PAGES:
        page.goto(live_server + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        check_a11y(page)


def test_each_role_opens_every_page_in_its_navigation(
    page: Page, live_server: str, create_user, login_page, check_a11y
) -> None:
    for number, role in enumerate(Role):
        email = f"smoke{number}@example.org"
        create_user(role, email=email, name=f"Smoke {role.value}")
        login_page(page, email, PASSWORD)
        links = page.locator("nav.staff-nav a").evaluate_all("els => els.map(e => e.href)")
        assert links, f"no navigation for {role}"
        for href in links:
            response = page.goto(href)
            assert response is not None and response.status == 200, href
            check_a11y(page)
        page.locator(".staff-nav form button[type=submit]").click()
        expect(page).to_have_url(f"{live_server}/")


def test_skip_link_moves_focus_to_main(page: Page, live_server: str) -> None:
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/#main")


def test_layout_fits_a_320px_screen(browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in PUBLIC_PAGES:
        page.goto(live_server + path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{path} scrolls sideways at 320 px"
    context.close()
