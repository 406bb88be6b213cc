"""The real scanner page in Chromium: a fake camera shows a real ticket QR (TOOLCHAIN.md §2).

The camera video is written per test with Pillow, because the ticket token exists only once
the test's database has the ticket; so each test launches its own browser with the flags.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.auth.models import Role
from app.checkin.models import CheckIn
from app.events.documents import ticket_pdf_for
from app.events.models import Registration
from app.extensions import db
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.checkin.factories import build_world
from tests.conftest import PASSWORD


def write_y4m(path: Path, rgb: Image.Image, frames: int = 10, fps: int = 10) -> None:
    """A 4:2:0 YUV4MPEG2 video that Chromium's fake capture device plays in a loop."""
    width, height = rgb.size
    luma, cb, cr = rgb.convert("YCbCr").split()
    u = cb.resize((width // 2, height // 2), Image.BOX).tobytes()
    v = cr.resize((width // 2, height // 2), Image.BOX).tobytes()
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + luma.tobytes() + u + v)


@pytest.fixture
def world(app):
    return build_world(app)


@pytest.fixture
def door(create_user) -> str:
    create_user(Role.DOOR, email="door@example.org", name="Dilek Door")
    return "door@example.org"


def open_scanner(page: Page, live_server: str, login_page, door: str, world) -> None:
    login_page(page, door, PASSWORD)
    page.goto(f"{live_server}/checkin/scan/{world.entrance_id}")
    expect(page.locator("h1")).to_have_text("Entrance")


def ticket_frame(app, registration_id: int, tmp_path: Path) -> Image.Image:
    """The QR of the real ticket PDF: rendered by poppler, cut out, scaled into a video frame."""
    with app.app_context():
        registration = db.session.get(Registration, registration_id)
        (tmp_path / "ticket.pdf").write_bytes(ticket_pdf_for(registration))
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            tmp_path / "ticket.pdf",
            tmp_path / "ticket",
        ],
        check=True,
    )
    (png,) = tmp_path.glob("ticket-*.png")
    page = Image.open(png).convert("RGB")
    (found,) = zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)
    corners = [found.position.top_left, found.position.bottom_right]
    left, top = min(p.x for p in corners), min(p.y for p in corners)
    right, bottom = max(p.x for p in corners), max(p.y for p in corners)
    quiet = (right - left) // 6  # keep a white margin around the code
    code = page.crop((left - quiet, top - quiet, right + quiet, bottom + quiet))
    code = code.resize((360, 360), Image.LANCZOS)
    frame = Image.new("RGB", (640, 480), "white")
    frame.paste(code, ((640 - 360) // 2, (480 - 360) // 2))
    return frame


def check_ins(app, ticket_id: int) -> int:
    """Rows in check_ins for the ticket (an undone one would still count)."""
    with app.app_context():
        return db.session.scalar(
            select(func.count(CheckIn.id)).where(CheckIn.ticket_id == ticket_id)
        )


def test_camera_scan_of_the_printed_ticket_checks_in_once_then_the_hand_scanner_works(
    app, launch_browser, live_server, login_page, door, world, check_a11y, tmp_path: Path
) -> None:
    video = tmp_path / "ticket.y4m"
    write_y4m(video, ticket_frame(app, world.ayse.registration_id, tmp_path))
    browser = launch_browser(
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS
        + [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    context = browser.new_context(permissions=["camera"], locale="en-GB")
    page = context.new_page()
    open_scanner(page, live_server, login_page, door, world)
    page.get_by_role("button", name="Start camera").click()
    answer = page.locator("#answer")
    expect(answer).to_be_visible(timeout=15_000)
    expect(answer).to_have_class("answer answer-ok")
    expect(page.locator("#answer-name")).to_have_text("Ayşe Yılmaz")
    expect(page.locator("#answer-sessions")).to_contain_text("AG 1")
    check_a11y(page)  # the green answer screen itself
    # The camera keeps seeing the same code: no second check-in, and the screen clears itself
    expect(answer).to_be_hidden(timeout=10_000)
    page.get_by_role("button", name="Stop camera").click()
    assert check_ins(app, world.ayse.ticket_id) == 1
    # After the camera was stopped, the hand scanner types into the wedge field again
    expect(page.locator("#wedge-input")).to_be_focused()
    page.keyboard.type(world.olena.token)
    page.keyboard.press("Enter")
    expect(page.locator("#answer-name")).to_have_text("Олена Шевченко")
    expect(answer).to_have_class("answer answer-ok")
    assert check_ins(app, world.olena.ticket_id) == 1
    assert check_ins(app, world.ayse.ticket_id) == 1
    context.close()
    browser.close()


def test_two_quick_hand_scans_are_both_checked_in(
    app, page: Page, live_server, login_page, door, world
) -> None:
    open_scanner(page, live_server, login_page, door, world)
    # Two codes and Enter within one task: the second arrives while the first is in flight
    page.evaluate(
        """([first, second]) => {
            const field = document.getElementById('wedge-input');
            const form = document.getElementById('wedge');
            field.value = first; form.requestSubmit();
            field.value = second; form.requestSubmit();
        }""",
        [world.ayse.token, world.fatima.token],
    )
    expect(page.locator("#answer-name")).to_have_text("فاطمة الزهراء")
    expect(page.locator("#answer")).to_have_class("answer answer-ok")
    expect(page.locator("#undo-name")).to_have_text("فاطمة الزهراء")
    assert check_ins(app, world.ayse.ticket_id) == 1
    assert check_ins(app, world.fatima.ticket_id) == 1
    expect(page.locator("#wedge-input")).to_have_value("")


def test_hand_scanner_types_the_token_and_enter(
    page: Page, live_server, login_page, door, world, check_a11y
) -> None:
    open_scanner(page, live_server, login_page, door, world)
    check_a11y(page)
    wedge = page.locator("#wedge-input")
    wedge.fill(world.olena.token)
    wedge.press("Enter")
    expect(page.locator("#answer")).to_have_class("answer answer-ok")
    expect(page.locator("#answer-name")).to_have_text("Олена Шевченко")
    check_a11y(page)
    page.locator("#answer").click()
    wedge.fill(world.olena.token)
    wedge.press("Enter")
    expect(page.locator("#answer")).to_have_class("answer answer-warn")
    expect(page.locator("#answer-first")).to_contain_text("Dilek Door")
    page.locator("#answer").click()
    wedge.fill(world.codes["forged"])
    wedge.press("Enter")
    expect(page.locator("#answer")).to_have_class("answer answer-bad")
    check_a11y(page)


def test_manual_search_and_one_tap_check_in_then_undo(
    page: Page, live_server, login_page, door, world, check_a11y
) -> None:
    open_scanner(page, live_server, login_page, door, world)
    page.fill("#search-input", "fatima")
    page.press("#search-input", "Enter")
    button = page.locator("#search-results button")
    expect(button).to_have_count(1)
    check_a11y(page)
    button.click()
    expect(page.locator("#answer")).to_have_class("answer answer-ok")
    expect(page.locator("#answer-name")).to_have_text("فاطمة الزهراء")
    page.locator("#answer").click()
    expect(page.locator("#search-results .tag")).to_have_count(1)
    page.locator("#undo").click()
    expect(page.locator("#undo-status")).to_contain_text("فاطمة الزهراء")
    expect(page.locator("#undo")).to_be_disabled()


def test_checkpoint_is_remembered_on_the_device(
    page: Page, live_server, login_page, door, world, check_a11y
) -> None:
    login_page(page, door, PASSWORD)
    page.goto(f"{live_server}/checkin/?pick=1")
    check_a11y(page)
    page.get_by_role("link", name="Entrance").click()
    expect(page.locator("h1")).to_have_text("Entrance")
    page.goto(f"{live_server}/checkin/")
    expect(page).to_have_url(f"{live_server}/checkin/scan/{world.entrance_id}")


def test_organiser_pages_are_accessible(
    page: Page, live_server, login_page, world, check_a11y
) -> None:
    login_page(page, "orga-world@example.org", "x" * 12)
    page.goto(f"{live_server}/checkin/devices")
    page.fill("#name", "Tablet Nord")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_contain_text("thd_")
    check_a11y(page)
    page.goto(f"{live_server}/checkin/scan/{world.entrance_id}")
    page.fill("#wedge-input", world.ayse.token)
    page.press("#wedge-input", "Enter")
    expect(page.locator("#answer")).to_have_class("answer answer-ok")
    for path in (
        f"/checkin/events/{world.event_id}/dashboard",
        f"/checkin/events/{world.event_id}/print",
    ):
        page.goto(live_server + path)
        check_a11y(page)
    expect(page.locator("h1")).to_have_text("Badges and attendance lists")
