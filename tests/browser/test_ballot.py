"""The ballot page in Arabic (right to left), with JavaScript on and off, on a 320-px phone,
axe-clean on every step (ELECTION.md R10.3, R10.7, R5.1)."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Browser, expect

from app.elections import cards, rounds
from app.elections.models import Nomination
from app.elections.voting_models import Ballot
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (120, 120), (30, 90, 160)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.fixture
def open_round(app) -> list[str]:
    """A frozen election with 7 candidates (one Arabic name, one photo) and round 1 open."""
    with app.app_context():
        election = make_election(organisations=8, candidates=7)
        nomination = db.session.scalars(db.select(Nomination)).first()
        nomination.photo, nomination.has_photo = _jpeg(), True
        cards.freeze(election, actor_id=None, now=at(0))
        tokens = cards.create_cards(election, 8, actor_id=None, now=at(1))
        for org in organisations(election):
            cards.confirm_presence(election, org, reason="known", actor_id=None, now=at(2))
            cards.issue_card(election, org)
        rounds.start_round(election, actor_id=None, now=at(3))
        db.session.commit()
        return tokens


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_ballot_in_arabic_on_a_small_phone(app, browser: Browser, live_server: str, open_round,
                                           check_a11y, javascript: bool) -> None:
    token = open_round[0 if javascript else 1]
    context = browser.new_context(java_script_enabled=javascript,
                                  viewport={"width": 320, "height": 640})
    page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto(f"{live_server}/lang/ar?next=/vote/c/{token}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".choice")).to_have_count(8)  # 7 candidates + abstain
    expect(page.locator(".choice-photo")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator(".choice").first.bounding_box()["height"] >= 44
    print(f"\nballot page, JavaScript {'on' if javascript else 'off'}: "
          f"{sum(sizes)} bytes in {len(sizes)} responses")
    if javascript:
        check_a11y(page)
    page.locator(".choice").first.click()
    page.locator("form.ballot-form button[type=submit]").click()
    expect(page.locator("ul.confirmed li")).to_have_count(1)
    if javascript:
        check_a11y(page)
    # a second tab of the same phone reaches the confirm screen too
    second = context.new_page()
    second.goto(f"{live_server}/vote/ballot")
    second.locator(".choice").nth(1).click()
    second.locator("form.ballot-form button[type=submit]").click()
    page.locator("form.ballot-form button[type=submit]").click()
    expect(page.locator(".tracking-code")).to_have_text(
        re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$"))
    if javascript:
        check_a11y(page)
    # casting from the second tab: a clear message in Arabic, and still exactly one ballot
    second.locator("form.ballot-form button[type=submit]").click()
    expect(second.locator(".ballot-message")).to_be_visible()
    expect(second.locator("html")).to_have_attribute("dir", "rtl")
    if javascript:
        check_a11y(second)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Ballot)) == 1
    context.close()


def test_back_keeps_the_choice_and_cancel_forgets_the_card(app, browser: Browser,
                                                          live_server: str,
                                                          open_round) -> None:
    """Without JavaScript: "Back" shows the ballot with the choice still marked; "Cancel / start
    again" (kiosk) forgets the card, so the next person starts at the code entry. (axe runs on
    these pages with JavaScript on in the test above.)"""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/lang/en?next=/vote/c/{open_round[2]}")
    page.locator(".choice").nth(2).click()
    page.locator("form.ballot-form button[type=submit]").click()
    expect(page.locator("ul.confirmed li")).to_have_count(1)
    page.locator("form.ballot-back button").click()
    expect(page.locator(".choice input").nth(2)).to_be_checked()
    expect(page.locator(".choice input:checked")).to_have_count(1)
    page.locator("form.ballot-cancel button").click()
    expect(page.locator(".flash-success")).to_contain_text("no longer holds a voting card")
    page.goto(f"{live_server}/vote/ballot")
    expect(page.locator("input[name=token]")).to_be_visible()
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Ballot)) == 0
    context.close()
