"""The whole MSO election in Chromium, from the demo data to a verified audit export.

Issue 6 "Done when": freeze (R0.1) → print voting cards (R10.1) → voting desk (R0.3, R10.2) →
round 1 with a tie at the cut-off (R1.5) and a digital lot (R4.1) → a withdrawal between the
rounds (R2.2) → the runoff (R3) → acceptances (R7) → the protocol PDF (R11.5) → the audit
export that ``python -m voting verify`` passes (R11.4). axe-core on every official page and
on the ballot page. Ballots: a few through the real ballot page (confirm screen, tracking
code, R10.7), the rest through ``POST /api/v1/ballots``, the same service.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.elections.models import Election
from app.elections.voting_models import FrozenElection
from app.events import tickets
from app.events.models import Registration
from app.extensions import db
from tests.checkin.test_checkin_printing import qr_codes

ROOT = Path(__file__).resolve().parents[2]
OFFICIAL = "wahl@teilhabe.example"
#: Round 1 (one vote each, 12 ballots): places 4 and 5 tie at one vote → lot (R1.5, R4)
ROUND_1 = {"Yılmaz": 4, "Haddad": 3, "Nowak": 2, "Baran": 1, "Mensah": 1, "": 1}
#: Delegates handed a card at the desk: by scanning the ticket, or by searching the name
BY_TICKET = 6
BY_SEARCH = ["Irakisch", "Kurdisch", "Ezidisch", "Sozialrat", "Dnipro", "Ghana"]


def _tokens(pdf: bytes, folder: Path) -> list[str]:
    """The cards' tokens, read back as a phone would: render (pdftoppm), decode the QR codes."""
    return [url.rsplit("/", 1)[1] for url in qr_codes(pdf, folder)]


def _pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "protocol.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def _confirm(page: Page, label: str, button: str, flash: str) -> None:
    """The control room's confirmed steps: tick, click, see the success message."""
    page.get_by_label(label).check()
    page.get_by_role("button", name=button).click()
    expect(page.locator(".flash-success")).to_contain_text(flash)


def _vote_on_page(
    browser: Browser, base: str, token: str, name: str, check_a11y: Callable[[Page], None] | None
) -> str:
    """One delegate's phone: open the card's link, choose, confirm, read the tracking code."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    phone = context.new_page()
    phone.goto(f"{base}/vote/c/{token}")
    if name:
        phone.locator(".choice", has_text=name).click()
    else:
        phone.locator(".choice-abstain").click()
    if check_a11y:
        check_a11y(phone)
    phone.locator("form.ballot-form button[type=submit]").click()
    if check_a11y:
        check_a11y(phone)  # the confirm screen
    phone.locator("form.ballot-form button[type=submit]").click()
    code = phone.locator(".tracking-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    if check_a11y:
        check_a11y(phone)
    context.close()
    return code


def _vote_by_api(
    browser: Browser, base: str, tokens: list[str], round_number: int, choices: list[str]
) -> None:
    context = browser.new_context()
    for token, choice in zip(tokens, choices, strict=True):
        response = context.request.post(
            f"{base}/api/v1/ballots",
            data={"token": token, "round": round_number, "choices": [choice] if choice else []},
        )
        assert response.status == 201, response.text()
    context.close()


def _ballots(votes: dict[str, int], ids: dict[str, str]) -> list[str]:
    return [ids[name] if name else "" for name, n in votes.items() for _ in range(n)]


def _desk(page: Page, base: str, app, check_a11y) -> None:  # noqa: ANN001
    """Hand out 12 cards to delegates checked in at the entrance (the demo's first 20)."""
    with app.app_context():
        election = db.session.scalars(select(Election)).one()
        arrived = db.session.scalars(
            select(Registration)
            .where(
                Registration.event_id == election.event_id,
                Registration.organisation_id.is_not(None),
            )
            .order_by(Registration.id)
        ).all()
        codes = [tickets.token_for(r.ticket) for r in arrived[:BY_TICKET]]
    page.goto(f"{base}/desk")
    check_a11y(page)
    for code in codes:  # the delegate's ticket, scanned into the field
        page.get_by_label("Scan the delegate's ticket").fill(code)
        page.get_by_role("button", name="Check").click()
        expect(page.locator("tbody tr")).to_have_count(1)
        page.get_by_role("button", name="Hand out a card").click()
        expect(page.locator(".flash-success")).to_contain_text("received a card")
    for name in BY_SEARCH:
        page.get_by_label("Organisation", exact=True).fill(name)
        page.get_by_role("button", name="Search").click()
        page.get_by_role("button", name="Hand out a card").click()
        expect(page.locator(".flash-success")).to_contain_text("received a card")
    expect(page.locator("ol.register li")).to_have_count(BY_TICKET + len(BY_SEARCH))
    check_a11y(page)


def _draw_lot(page: Page, check_a11y: Callable[[Page], None]) -> str:
    """Record the digital lot the tie asks for; returns the surname of the one who advances."""
    expect(page.get_by_role("heading", name="Drawing of lots (R4)")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Digital: seed from a public act").check()
    page.get_by_label("Drawn by").fill("Walter Wahlleiter")
    page.get_by_label("Witnesses (comma-separated)").fill("Ayşe Yılmaz, Kwame Mensah")
    page.get_by_label("Seed (e.g. the dice rolled, 3-5-1-6)").fill("4-2-6-1")
    page.get_by_role("button", name="Record the lot").click()
    expect(page.locator(".flash-success")).to_contain_text("The lot is recorded")
    finalists = page.locator("#open-h + ol li")
    expect(finalists).to_have_count(4)
    listed = " ".join(finalists.all_inner_texts())
    assert ("Mensah" in listed) != ("Baran" in listed)  # exactly one of the tied advances
    return "Baran" if "Baran" in listed else "Mensah"


def _check_protocol(text: str, winner: str) -> None:
    """The Wahlniederschrift's counts, rankings, lot, withdrawal and acceptances (R11.5)."""
    for pattern in (
        r"Wahlleitung Walter Wahlleiter",
        # round 1: counts, the ranking with the tie at place 4, the lot with its seed
        r"Ausgegebene Stimmkarten 12 Abgegebene Stimmzettel 12 .*?Enthaltungen 1",
        r"1 Ayşe Yılmaz [^0-9]+ 4 in der Stichwahl 2 Samira Haddad [^0-9]+ 3 in der Stichwahl",
        r"4 Rojda Baran [^0-9]+ 1 .*?4 Kwame Mensah [^0-9]+ 1 ",
        r"Losentscheid .*?Startwert 4-2-6-1",
        # the withdrawal, the runoff's ranking and the acceptances
        r"Rücktritte 1\. Katarzyna Nowak",
        rf"1 Samira Haddad [^0-9]+ 5 gewählt 2 Ayşe Yılmaz [^0-9]+ 4 gewählt 3 [^0-9]*{winner}"
        r" [^0-9]+ 2 nicht gewählt",
        r"Samira Haddad [^0-9]+ angenommen .*?Ayşe Yılmaz [^0-9]+ angenommen",
    ):
        assert re.search(pattern, text), pattern


def _check_audit(data: dict, ids: dict[str, str], folder: Path) -> None:
    """The audit export passes the independent verifier and holds what happened (R11.4)."""
    export = folder / "export.json"
    export.write_text(json.dumps(data), encoding="utf-8")
    verified = subprocess.run(
        [sys.executable, "-m", "voting", "verify", str(export)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "FAIL" not in verified.stdout
    assert [r["counts"]["cast"] for r in data["rounds"]] == [12, 12]
    assert data["rounds"][0]["votes"][ids["Yılmaz"]] == 4
    assert len(data["rounds"][0]["lots"]) == 1 and len(data["withdrawals"]) == 1
    seated = {p["candidate_id"] for p in data["result"]["seats"]}
    assert seated == {ids["Haddad"], ids["Yılmaz"]}


def test_a_full_election_from_the_demo_data(
    app,
    runner,
    page: Page,
    browser: Browser,
    live_server: str,
    login_page,
    check_a11y,
    tmp_path: Path,
) -> None:
    seeded = runner.invoke(args=["demo", "seed"])
    assert seeded.exit_code == 0, seeded.output
    password = next(line for line in seeded.output.splitlines() if OFFICIAL in line)
    login_page(page, OFFICIAL, password.split("password:")[1].strip())
    with app.app_context():
        eid = db.session.scalars(select(Election)).one().id
    base = f"{live_server}/elections/{eid}"
    page.goto(f"{live_server}/lang/en?next=/elections/{eid}/control")
    check_a11y(page)

    # R0.1 freeze; R10.1 print 14 cards and read their tokens from the QR codes
    _confirm(
        page,
        "The nominations are closed and the candidate list is final.",
        "Freeze the election",
        "The election is frozen",
    )
    check_a11y(page)
    page.get_by_label("Number of cards").fill("14")
    with page.expect_download() as download:
        page.get_by_role("button", name="Create and print cards").click()
    tokens = _tokens(Path(download.value.path()).read_bytes(), tmp_path)
    assert len(set(tokens)) == 14
    with app.app_context():
        snapshot = db.session.get(FrozenElection, eid)
        ids = {c["surname"]: c["id"] for c in snapshot.candidates}
    assert len(ids) == 12

    # R0.3, R10.2 the desk; then round 1 (R0.5: at least 3 cards issued)
    _desk(page, base, app, check_a11y)
    page.goto(f"{base}/control")
    _confirm(
        page,
        "The candidates above are on this round's ballot.",
        "Open the round",
        "Round 1 is open",
    )
    check_a11y(page)
    first = _ballots(ROUND_1, ids)
    codes = [
        _vote_on_page(browser, live_server, tokens[0], "Samira Haddad", check_a11y),
        _vote_on_page(browser, live_server, tokens[1], "", None),
    ]
    first.remove(ids["Haddad"])
    first.remove("")
    _vote_by_api(browser, live_server, tokens[2:12], 1, first)
    page.goto(f"{base}/live")
    expect(page.locator(".live-count")).to_contain_text("12 of 12 cards used")
    check_a11y(page)  # refreshes by script; the meta refresh is only for no-JS browsers
    page.goto(f"{base}/control")
    _confirm(
        page,
        "Voting has ended and all paper ballots are keyed in.",
        "Close the round",
        "Round 1 is closed",
    )

    # R1.5, R4.1: Baran and Mensah tie for place 4; a digital lot from the dice rolled
    winner = _draw_lot(page, check_a11y)
    page.goto(f"{base}/results")
    expect(page.locator("svg.bars rect").first).to_be_visible()
    check_a11y(page)

    # R2.2: a finalist withdraws between the rounds; nobody moves up
    page.goto(f"{base}/control")
    page.get_by_label("Candidate", exact=True).select_option(ids["Nowak"])
    page.get_by_label("Note").fill("Erklärung vor der Stichwahl")
    page.get_by_role("button", name="Record the withdrawal").click()
    expect(page.locator(".flash-success")).to_contain_text("The withdrawal is recorded")
    expect(page.locator("#open-h + ol li")).to_have_count(3)  # nobody moved up
    check_a11y(page)

    # R3: the runoff between the three remaining finalists
    _confirm(
        page,
        "The candidates above are on this round's ballot.",
        "Open the round",
        "Round 2 is open",
    )
    codes.append(_vote_on_page(browser, live_server, tokens[0], "Ayşe Yılmaz", check_a11y))
    runoff = ["Haddad"] * 5 + ["Yılmaz"] * 3 + [winner] * 2 + [""]
    _vote_by_api(browser, live_server, tokens[1:12], 2, [ids[n] if n else "" for n in runoff])
    _confirm(
        page,
        "Voting has ended and all paper ballots are keyed in.",
        "Close the round",
        "Round 2 is closed",
    )

    # R7: both elected accept; the election is complete
    for name in ("Haddad", "Yılmaz"):
        expect(page.get_by_role("heading", name="Acceptance (R7)")).to_be_visible()
        check_a11y(page)
        page.locator("#acc-candidate").select_option(ids[name])
        page.get_by_label("Accepts the election").check()
        page.get_by_role("button", name="Record the declaration").click()
        expect(page.locator(".flash-success")).to_contain_text("The declaration is recorded")
    expect(page.locator("#seats-h + ol li")).to_have_count(2)
    page.get_by_label("Place", exact=True).fill("Neues Rathaus, Hodlersaal, Hannover")
    page.get_by_label("Returning officer").fill("Walter Wahlleiter")
    page.get_by_label("Recorder").fill("Olga Organisatorin")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash-success")).to_contain_text("Saved")
    check_a11y(page)

    # R10.7: the tracking codes are published after close
    for code in codes:
        page.goto(f"{live_server}/elections/tracking?code={code}")
        expect(page.locator(".ballot-message")).to_contain_text("Yes: this tracking code")
    check_a11y(page)

    # R11.5 the protocol; R11.4 the audit export and the independent verifier
    protocol = page.request.get(f"{base}/protocol.pdf")
    assert protocol.ok and protocol.headers["content-type"] == "application/pdf"
    _check_protocol(_pdf_text(protocol.body(), tmp_path), winner)
    audit = page.request.get(f"{live_server}/api/v1/elections/{eid}/audit")
    assert audit.ok
    _check_audit(audit.json(), ids, tmp_path)
