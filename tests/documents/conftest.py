"""Real round trips for printed documents: poppler renders and extracts, zxing-cpp decodes."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from app.documents.data import EventDay, EventInfo

# Names that break naive PDF code: umlauts, Turkish dotless i, Cyrillic, Arabic (RTL, joined).
GERMAN = "Jürgen Müller-Lüdenscheidt"
TURKISH = "Ayşe Yılmaz"
CYRILLIC = "Олена Шевченко"
ARABIC = "فاطمة الزهراء"
NAMES = (GERMAN, TURKISH, CYRILLIC, ARABIC)


@dataclass
class Pdf:
    """A rendered PDF: its pages as images and its text, extracted by poppler."""

    path: Path
    pages: list[Path]

    def text(self, layout: bool = False) -> str:
        """pdftotext output, NFKC-normalised and without the RTL embedding marks."""
        args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), self.path, "-"]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return unicodedata.normalize("NFKC", out).replace("\u202b", "").replace("\u202c", "")

    def flat(self) -> str:
        """The text with every run of whitespace collapsed, for phrases that may wrap."""
        return " ".join(self.text().split())

    def page_text(self, page: int, layout: bool = False) -> str:
        """Text of one page (1-based)."""
        args = [
            "pdftotext",
            "-enc",
            "UTF-8",
            *(["-layout"] if layout else []),
            "-f",
            str(page),
            "-l",
            str(page),
            self.path,
            "-",
        ]
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        return unicodedata.normalize("NFKC", out).replace("\u202b", "").replace("\u202c", "")

    def qr_codes(self) -> list[list[str]]:
        """Decoded QR payloads per page, in reading order (top to bottom, left to right)."""
        result = []
        for png in self.pages:
            found = zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)
            found = sorted(
                found, key=lambda b: (round(b.position.top_left.y / 50), b.position.top_left.x)
            )
            result.append([b.text for b in found])
        return result

    def fonts(self) -> str:
        """pdffonts output, to check that fonts are embedded."""
        return subprocess.run(
            ["pdffonts", self.path], check=True, capture_output=True, text=True
        ).stdout


@pytest.fixture
def render(tmp_path: Path):
    """Write PDF bytes, render every page at 150 dpi (TOOLCHAIN.md §5) and wrap the result."""
    counter = iter(range(1000))

    def _render(data: bytes) -> Pdf:
        assert data.startswith(b"%PDF-")
        stem = tmp_path / f"doc{next(counter)}"
        pdf = stem.with_suffix(".pdf")
        pdf.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "150", "-png", pdf, stem], check=True)
        pages = sorted(
            tmp_path.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-")[-1])
        )
        return Pdf(pdf, pages)

    return _render


@pytest.fixture
def event() -> EventInfo:
    """A two-day kickoff with a room."""
    return EventInfo(
        title="Auftaktveranstaltung Integrationskonzept Göttingen",
        kind_label="Auftaktveranstaltung",
        days=(
            EventDay(datetime(2026, 3, 14, 9, 30), datetime(2026, 3, 14, 16, 0)),
            EventDay(datetime(2026, 3, 15, 10, 0), datetime(2026, 3, 15, 14, 0)),
        ),
        venue="Neues Rathaus\nHiroshimaplatz 1–4, 37083 Göttingen",
        room="Ratssaal",
    )
