"""Badges: every QR on every sheet decodes to its token, names survive, sheets are cut right."""

from __future__ import annotations

import pytest
from PIL import Image

from app.documents import badges_pdf
from app.documents.data import BadgeData
from tests.documents.conftest import NAMES

COLOURS = ("#1F77B4", "#FFDD00", "#2CA02C", "#D62728")


def make_badges(count: int) -> list[BadgeData]:
    return [
        BadgeData(
            name=NAMES[i % 4],
            organisation="Verein Brücke e.V.",
            category="Migrant*innenorganisation",
            category_colour=COLOURS[i % 4],
            qr_payload=f"T1:{i:06d}ABCDEFGH:0F5A9E2C7B1D3E4F",
            event_title="Integrationskonferenz 2026",
        )
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("layout", "count", "per_page"), [("a6", 9, 4), ("label-2x4", 9, 8), ("label-3x8", 25, 24)]
)
def test_every_badge_scans_in_sheet_order(render, layout, count, per_page):
    badges = make_badges(count)
    pdf = render(badges_pdf(badges, layout=layout))
    expected = [b.qr_payload for b in badges]
    pages = [expected[i : i + per_page] for i in range(0, count, per_page)]
    assert pdf.qr_codes() == pages


@pytest.mark.parametrize("layout", ["a6", "label-2x4", "label-3x8"])
def test_names_and_organisations_survive(render, layout):
    text = render(badges_pdf(make_badges(4), layout=layout)).flat()
    for name in NAMES:
        assert name in text
    assert text.count("Verein Brücke e.V.") == 4
    assert text.count("Migrant*innenorganisation") == 4


def _dark(image: Image.Image, box: tuple[int, int, int, int]) -> bool:
    return image.convert("L").crop(box).getextrema()[0] < 128


def test_a6_sheet_has_cut_marks_labels_have_none(render):
    mm = 150 / 25.4  # pixels per mm at 150 dpi
    a6 = Image.open(render(badges_pdf(make_badges(4), layout="a6")).pages[0])
    x, y = round(105 * mm), round(148.5 * mm)
    assert _dark(a6, (x - 2, 0, x + 3, round(4 * mm)))  # tick at the top edge
    assert _dark(a6, (0, y - 2, round(4 * mm), y + 3))  # tick at the left edge
    assert _dark(a6, (x - 2, y - 2, x + 3, y + 3))  # cross in the middle
    labels = Image.open(render(badges_pdf(make_badges(8), layout="label-2x4")).pages[0])
    assert not _dark(labels, (x - 2, 0, x + 3, round(4 * mm)))


def test_long_name_is_shrunk_not_lost(render):
    long = BadgeData(
        "Maximiliane Alexandra Theodora von Hohenzollern-Sigmaringen",
        "",
        "Presse",
        "#000000",
        "T1:LONGNAME",
    )
    pdf = render(badges_pdf([long], layout="label-3x8"))
    assert pdf.qr_codes() == [["T1:LONGNAME"]]
    assert "Maximiliane" in pdf.flat()


def test_bad_colour_is_refused():
    with pytest.raises(ValueError, match="RRGGBB"):
        BadgeData("A", "", "B", "blue", "T1:X")


def test_no_badges_gives_an_empty_sheet(render):
    assert len(render(badges_pdf([])).pages) == 1
