"""The officials' pages in Chromium, axe-clean: freeze, desk, open a round, live count,
paper counting, close, public results (ELECTION.md R0.1, R10.2, R10.6, R10.8)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from app.auth.models import Role
from app.extensions import db
from tests.conftest import PASSWORD
from tests.elections.helpers import make_election


def test_officials_run_a_round_in_the_browser(app, page: Page, live_server: str, create_user,
                                              login_page, check_a11y) -> None:
    create_user(Role.OFFICIAL, email="wahl@example.org")
    with app.app_context():
        eid = make_election(organisations=4, candidates=3).id
        db.session.commit()
    login_page(page, "wahl@example.org", PASSWORD)
    base = f"{live_server}/elections/{eid}"
    page.goto(f"{live_server}/lang/en?next=/elections/{eid}/control")
    check_a11y(page)
    page.get_by_label("The nominations are closed and the candidate list is final.").check()
    page.get_by_role("button", name="Freeze the election").click()
    expect(page.locator(".flash-success")).to_contain_text("The election is frozen")
    check_a11y(page)
    page.goto(f"{base}/desk")
    for _ in range(3):  # R0.3: the override of the check-in needs a reason
        page.get_by_label("Why present without a check-in").first.fill("no ticket")
        page.get_by_role("button", name="Delegate present").first.click()
        page.get_by_role("button", name="Hand out a card").first.click()
        expect(page.locator(".flash-success")).to_contain_text("received a card")
    check_a11y(page)
    page.goto(f"{base}/control")
    page.get_by_label("The candidates above are on this round's ballot.").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.locator(".flash-success")).to_contain_text("Round 1 is open")
    check_a11y(page)
    page.goto(f"{base}/live")
    expect(page.locator(".live-count")).to_contain_text("0 of 3 cards used")
    page.goto(f"{base}/rounds/1/count")
    for _ in range(3):
        page.locator("input[name=marks]").first.check()
        page.get_by_role("button", name="Record this ballot").click()
        expect(page.locator(".flash-success")).to_contain_text("Paper ballot recorded")
    check_a11y(page)
    page.goto(f"{base}/control")
    page.get_by_label("Voting has ended and all paper ballots are keyed in.").check()
    page.get_by_role("button", name="Close the round").click()
    expect(page.locator(".flash-success")).to_contain_text("Round 1 is closed")
    page.goto(f"{base}/results")
    expect(page.locator("svg.bars rect")).to_have_count(3)
    check_a11y(page)
