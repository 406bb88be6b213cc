"""Scenario 6: what a weak phone downloads — bytes transferred and requests for a cold load
of the pages attendees, door volunteers and voters use, in real headless Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench import seed, servers
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.report import Row

#: (name, function giving the path from the seeded database, login role or None)
PAGES: list[tuple[str, Callable[[dict], str], str | None]] = [
    ("front page", lambda seeded: "/", None),
    ("registration form", lambda seeded: f"/events/{seeded['event_id']}/register", None),
    ("ballot page", lambda seeded: f"/vote/c/{seeded['ballot_token']}", None),
    ("scanner page", lambda seeded: f"/checkin/scan/{seeded['checkpoint']}", "door"),
]


def measure(base: str, path: str, cookies: list[dict], javascript: bool = True) -> tuple[int, int]:
    """Bytes on the wire (headers + encoded bodies) and request count of one cold load."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=javascript)
        context.add_cookies(cookies)
        page = context.new_page()
        sizes: list[int] = []

        def finished(request) -> None:  # noqa: ANN001
            s = request.sizes()
            sizes.append(s["responseBodySize"] + s["responseHeadersSize"])

        page.on("requestfinished", finished)
        response = page.goto(base + path, wait_until="networkidle")
        assert response is not None and response.status == 200, f"{path}: {response}"
        browser.close()
    return sum(sizes), len(sizes)


def vote_without_javascript(base: str, token: str) -> tuple[int, int]:
    """Cast a whole ballot with JavaScript off (card → choice → confirm → tracking code), as
    an old phone would; bytes and requests of the three pages. Fails if any step breaks."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(java_script_enabled=False).new_page()
        sizes: list[int] = []

        def finished(request) -> None:  # noqa: ANN001
            s = request.sizes()
            sizes.append(s["responseBodySize"] + s["responseHeadersSize"])

        page.on("requestfinished", finished)
        page.goto(f"{base}/vote/c/{token}", wait_until="networkidle")
        page.locator(".choice").first.click()
        page.locator("form.ballot-form button[type=submit]").click()
        page.locator("ul.confirmed li").wait_for()
        page.locator("form.ballot-form button[type=submit]").click()
        code = page.locator(".tracking-code").inner_text(timeout=10_000)
        assert len(code) == 14, f"no tracking code after casting without JavaScript: {code!r}"
        browser.close()
    return sum(sizes), len(sizes)


def run(database: str, work: Path, quick: bool) -> list[Row]:
    rows: list[Row] = []
    with servers.database(database, work, "pages") as url:
        servers.migrate(url, work)
        seeded = servers.demo_seed(url, work)
        seeded["event_id"] = seed.registration_event(url, work, 100)
        seeded["ballot_tokens"] = seed.open_round(url, work, 5)["tokens"]
        seeded["ballot_token"] = seeded["ballot_tokens"][0]
        seeded["checkpoint"] = seed.checkin_event(url, work, 1)["checkpoint"]
        with servers.serve("app", url, work) as base:
            for name, path_for, role in PAGES:
                cookies = servers.login_cookies(base, seeded, role) if role else []
                total, count = measure(base, path_for(seeded), cookies)
                measure(base, path_for(seeded), cookies, javascript=False)  # must answer 200
                rows.append(
                    Row(
                        "pages",
                        name,
                        database,
                        "KB transferred",
                        total / 1024,
                        None,
                        False,
                        f"{count} requests, loads without JavaScript",
                    )
                )
            total, count = vote_without_javascript(base, seeded["ballot_tokens"][1])
            rows.append(
                Row(
                    "pages",
                    "whole vote, JavaScript off",
                    database,
                    "KB transferred",
                    total / 1024,
                    None,
                    False,
                    f"{count} requests: ballot, confirmation, tracking code",
                )
            )
    return rows
