"""Candidate photos: fakes are refused, big images are re-encoded small, EXIF is gone."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select

from app.elections.models import Nomination
from app.extensions import db
from app.organisations.photos import MAX_SIDE, PhotoError, reencode
from tests.organisations.helpers import nomination_data, png_bytes


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (1200, 900), "blue")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_large_png_is_reencoded_to_a_small_jpeg() -> None:
    data = reencode(png_bytes(3000, 2000))
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) == MAX_SIDE
        assert image.size == (800, 533)


def test_exif_is_stripped_and_orientation_applied() -> None:
    data = reencode(jpeg_with_exif())
    assert b"SecretCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (600, 800)  # turned upright before the metadata was dropped


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"GIF89a this is not really an image", "not_an_image"),
        (b"<script>alert(1)</script>", "not_an_image"),
        (png_bytes()[:60], "not_an_image"),
        (b"\x89PNG" + b"\0" * (6 * 1024 * 1024), "too_large"),
    ],
    ids=["fake-gif", "script", "truncated", "too-large"],
)
def test_bad_uploads_are_refused(data: bytes, code: str) -> None:
    with pytest.raises(PhotoError) as excinfo:
        reencode(data)
    assert excinfo.value.code == code


def test_other_image_formats_are_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(PhotoError) as excinfo:
        reencode(out.getvalue())
    assert excinfo.value.code == "format"


def test_fake_photo_through_the_link_is_refused_and_nothing_stored(
    client, make_election, make_organisation, eligible
) -> None:
    token = eligible(make_election(), make_organisation("A e.V."))
    response = client.post(
        f"/o/{token}/nomination",
        data=nomination_data(photo=(io.BytesIO(b"not an image at all"), "me.jpg")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "not a photo we can read" in response.text
    with client.application.app_context():
        assert db.session.scalar(select(Nomination)) is None


def test_photo_through_the_link_is_stored_reencoded(
    client, make_election, make_organisation, eligible
) -> None:
    token = eligible(make_election(), make_organisation("A e.V."))
    response = client.post(
        f"/o/{token}/nomination",
        data=nomination_data(photo=(io.BytesIO(png_bytes(1600, 1600)), "me.png")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    with client.application.app_context():
        nomination = db.session.scalar(select(Nomination))
        assert nomination.has_photo and nomination.photo[:3] == b"\xff\xd8\xff"
