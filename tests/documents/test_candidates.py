"""Candidate list with photos and descriptions; the German consent form."""

from __future__ import annotations

import io
import subprocess
from datetime import date

from PIL import Image

from app.documents import candidate_list_pdf, consent_form_pdf
from app.documents.data import CandidateListEntry
from tests.documents.conftest import ARABIC, NAMES


def photo(fmt: str, size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buf, fmt)
    return buf.getvalue()


def test_candidate_list_keeps_order_text_and_photos(render):
    long_arabic = " ".join([ARABIC, "تعمل في مجال التعليم والاندماج منذ عشر سنوات"] * 3)
    entries = [
        CandidateListEntry(
            NAMES[0],
            "Verein Brücke e.V.",
            "Lehrer & Elternvertreter <seit 2010>.",
            photo("JPEG", (300, 400)),
        ),
        CandidateListEntry(
            NAMES[1], "Türkischer Elternverein", "Sozialarbeiterin.", photo("PNG", (400, 300))
        ),
        CandidateListEntry(NAMES[2], "Ukrainischer Kulturverein", "Ärztin.", None),
        CandidateListEntry(NAMES[3], "جمعية الأمل", long_arabic, None),
    ]
    pdf = render(
        candidate_list_pdf(
            "Wahl der MSO-Vertretung 2026", entries, "Reihenfolge: alphabetisch nach Nachnamen"
        )
    )
    text = pdf.flat()
    positions = [text.index(e.name) for e in entries]
    assert positions == sorted(positions)
    for expected in (
        "Wahl der MSO-Vertretung 2026",
        "Reihenfolge: alphabetisch nach Nachnamen",
        "Lehrer & Elternvertreter <seit 2010>.",
        "جمعية الأمل",
        "Sozialarbeiterin.",
    ):
        assert expected in text
    assert all(word in text for word in long_arabic.split())
    images = subprocess.run(
        ["pdfimages", "-list", pdf.path], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert len(images) == 2


def test_empty_candidate_list(render):
    assert "No candidates have been admitted." in render(candidate_list_pdf("Wahl", [], "")).flat()


def test_consent_form_is_german_and_prefilled(render):
    text = render(
        consent_form_pdf(
            "Wahl der MSO-Vertretung 2026",
            "Lenkungsgruppe Integration",
            organisation="Deutsch-Türkischer Verein e.V.",
            candidate_name=NAMES[1],
            deadline=date(2026, 5, 31),
            parity=True,
        )
    ).flat()
    for expected in (
        "Zustimmungserklärung der Kandidatin / des Kandidaten",
        "Wahl: Wahl der MSO-Vertretung 2026",
        "Gremium: Lenkungsgruppe Integration",
        NAMES[1],
        "Deutsch-Türkischer Verein e.V.",
        "31.05.2026",
        "Ich stimme zu, für die oben genannte Wahl",
        "veröffentlicht werden",
        "Frauenplatz",
        "Unterschrift der Kandidatin / des Kandidaten",
        "Ort, Datum",
    ):
        assert expected in text, expected
    blank = render(consent_form_pdf("Wahl", "Gremium")).flat()
    assert "zum Ende der Vorschlagsfrist" in blank and "Frauenplatz" not in blank
