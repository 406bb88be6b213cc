"""Badges and attendance lists, tested for real: pdftoppm renders, zxing-cpp decodes every QR,
the check-in API admits the right person with it, and pdftotext finds every name."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.auth.models import Role
from tests.checkin.factories import bearer, build_world, device_token
from tests.conftest import log_in

NAMES = ["Ayşe Yılmaz", "Олена Шевченко", "فاطمة الزهراء"]


@pytest.fixture
def world(app):
    return build_world(app)


@pytest.fixture
def organiser(client, world):
    log_in(client, world.organiser_id)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def qr_codes(pdf: bytes, tmp_path: Path) -> list[str]:
    """Every QR code on every page at 150 dpi."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", source, tmp_path / "page"], check=True)
    found = []
    for png in sorted(tmp_path.glob("page-*.png")):
        found += [r.text for r in zxingcpp.read_barcodes(Image.open(png))]
    return found


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "text.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", source, "-"], check=True, capture_output=True)
    text = unicodedata.normalize("NFKC", out.stdout.decode())
    return text.replace("\u202b", "").replace("\u202c", "")


def contains_name(text: str, name: str) -> bool:
    """pdftotext may give right-to-left words in visual order; accept either order."""
    return name in text or " ".join(reversed(name.split())) in text


@pytest.mark.parametrize("layout", ["a6", "label-2x4", "label-3x8"])
def test_every_badge_qr_admits_its_holder(app, organiser, world, tmp_path, layout) -> None:
    response = organiser.get(f"/checkin/events/{world.event_id}/badges.pdf?layout={layout}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    codes = qr_codes(response.data, tmp_path)
    assert len(codes) == 3
    auth = bearer(device_token(app, world.organiser_id))
    admitted = []
    for code in codes:
        answer = organiser.post(
            "/api/v1/checkin",
            json={"ticket": code, "checkpoint": str(world.entrance_id)},
            headers=auth,
        ).json
        assert answer["status"] == "ok", answer
        admitted.append(answer["attendee"]["name"])
    assert sorted(admitted) == sorted(NAMES)
    text = pdf_text(response.data, tmp_path)
    for name in NAMES:
        assert contains_name(text, name), (name, text)


def test_badges_for_a_category_and_for_one_person(organiser, world, tmp_path) -> None:
    url = f"/checkin/events/{world.event_id}/badges.pdf?category={world.category_ids['mso']}"
    (tmp_path / "mso").mkdir()
    codes = qr_codes(organiser.get(url).data, tmp_path / "mso")
    assert sorted(codes) == sorted([world.ayse.token, world.fatima.token])
    (tmp_path / "session").mkdir()
    url = f"/checkin/events/{world.event_id}/badges.pdf?session={world.session_ids[1]}"
    assert qr_codes(organiser.get(url).data, tmp_path / "session") == [world.olena.token]
    one = organiser.get(f"/checkin/registrations/{world.olena.registration_id}/badge.pdf")
    (tmp_path / "one").mkdir()
    assert qr_codes(one.data, tmp_path / "one") == [world.olena.token]


def test_bad_print_arguments_are_400_not_500(organiser, world) -> None:
    base = f"/checkin/events/{world.event_id}"
    assert organiser.get(f"{base}/badges.pdf?layout=nonsense").status_code == 400
    assert organiser.get(f"{base}/badges.pdf?category=x").status_code == 400
    assert organiser.get(f"{base}/attendance.pdf?session=99999999999").status_code == 400
    assert organiser.get(f"{base}/attendance.pdf?session=999").status_code == 404
    assert organiser.get("/checkin/events/999/badges.pdf").status_code == 404


def test_attendance_list_names_everybody_with_check_in_time(app, organiser, world, tmp_path):
    auth = bearer(device_token(app, world.organiser_id))
    organiser.post(
        "/api/v1/checkin",
        json={"ticket": world.ayse.token, "checkpoint": str(world.entrance_id)},
        headers=auth,
    )
    response = organiser.get(f"/checkin/events/{world.event_id}/attendance.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data, tmp_path)
    for name in NAMES:
        assert contains_name(text, name), (name, text)
    assert "Max Abgesagt" not in text  # cancelled registrations are not on the list
    assert "Integrationskonferenz 2026" in text
    assert "3 registered, 1 checked in" in text


def test_session_attendance_list_has_only_its_registrations(organiser, world, tmp_path) -> None:
    session_id = world.session_ids[1]
    response = organiser.get(
        f"/checkin/events/{world.event_id}/attendance.pdf?session={session_id}"
    )
    text = pdf_text(response.data, tmp_path)
    assert contains_name(text, "Олена Шевченко")
    assert "Ayşe" not in text
    assert "AG 2 Arbeit" in text and "R 102" in text


def test_door_account_prints_one_badge_but_not_all(client, create_user, world) -> None:
    log_in(client, create_user(Role.DOOR))
    assert (
        client.get(f"/checkin/registrations/{world.ayse.registration_id}/badge.pdf").status_code
        == 200
    )
    assert client.get(f"/checkin/events/{world.event_id}/badges.pdf").status_code == 403
