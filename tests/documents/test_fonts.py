"""Shaping and wrapping of right-to-left text, and QR encoding, without rendering."""

from __future__ import annotations

import unicodedata

import pytest

from app.documents.fonts import FONT, fit, has_rtl, shape, wrap
from app.documents.qr import qr_modules
from tests.documents.conftest import ARABIC


def logical(visual: str) -> str:
    """Undo shaping as pdftotext does: presentation forms back to letters, order reversed."""
    return unicodedata.normalize("NFKC", visual)[::-1]


def test_latin_text_is_left_alone():
    assert shape("Jürgen Müller (Köln)") == "Jürgen Müller (Köln)"
    assert not has_rtl("Олена Ayşe")


def test_arabic_is_reversed_into_visual_order():
    assert has_rtl(ARABIC)
    assert logical(shape(ARABIC)) == ARABIC


def test_brackets_in_rtl_runs_are_mirrored():
    # python-bidi 0.6 alone gives ")Verein(" here (no rule L4)
    assert shape(f"{ARABIC} (Verein)").startswith("(Verein) ")
    assert shape("אב (גד)") == "(דג) בא"


def test_wrapped_arabic_keeps_line_order():
    text = " ".join([ARABIC] * 6)
    lines = wrap(text, FONT, 12, 120)
    assert len(lines) > 1
    words = [logical(line).split() for line in lines]
    assert [w for line in words for w in line] == text.split()


def test_fit_shrinks_then_cuts():
    lines, size = fit("Kurz", FONT, 24, 8, 200)
    assert (lines, size) == (["Kurz"], 24)
    lines, size = fit("x" * 500, FONT, 24, 8, 100, max_lines=2)
    assert size == 8 and len(lines) == 1 and lines[0].endswith("…")


@pytest.mark.parametrize("choose_mask", [True, False])
def test_ticket_tokens_encode_compactly(choose_mask):
    # 35 alphanumeric characters fit version 2 (25 modules) at level M; as bytes they need v3
    assert len(qr_modules("T1:7K3QX9ZP2M4B8C6D:0F5A9E2C7B1D3E4F", choose_mask=choose_mask)) == 25
    assert len(qr_modules("t1:7k3qx9zp2m4b8c6d:0f5a9e2c7b1d3e4f", choose_mask=choose_mask)) == 29
