"""Browser tests: the real app on a live server, driven by Debian's headless Chromium.

Never ``playwright install``: it cannot download here. The launch flags come from
../shared/TOOLCHAIN.md §1 (no sandbox as root, no background traffic, no DNS).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Page

from bench.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def check_a11y(axe_source: str) -> Callable[[Page], None]:
    """Run axe-core (WCAG 2.1 A/AA rules) on the page; fail with a readable list of violations."""

    def check(page: Page) -> None:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)  # evaluate is not subject to the page's CSP
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG_TAGS,
        )
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in result["violations"]
        ]
        assert problems == [], f"axe on {page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture
def login_page(live_server: str) -> Callable[[Page, str, str], None]:
    """Log in through the real login form."""

    def login(page: Page, email: str, password: str) -> None:
        page.goto(f"{live_server}/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server}/staff")

    return login


@pytest.fixture
def make_event(app: Flask):  # noqa: ANN201
    """The events factory, for browser tests of the registration pages."""
    from tests.events.conftest import make_event as factory

    return factory.__wrapped__(app)
