"""Attendance lists: sorted as Germans sort, numbered pages, header and names on every page."""

from __future__ import annotations

from datetime import UTC, datetime

from app.documents import attendance_list_pdf
from app.documents.attendance import sort_key
from app.documents.data import AttendanceRow
from tests.documents.conftest import NAMES

PRINTED = datetime(2026, 3, 14, 8, 0)


def test_sort_key_puts_umlauts_with_their_base_letter():
    names = ["Zoe Zander", "Ömer Öztürk", "olaf Otto", "Anna Ackermann", "Änne Äbel", "Ömer Oz"]
    assert sorted(names, key=sort_key) == [
        "Anna Ackermann",
        "Änne Äbel",
        "olaf Otto",
        "Ömer Oz",
        "Ömer Öztürk",
        "Zoe Zander",
    ]


def test_list_is_sorted_and_keeps_every_script(render, event):
    rows = [
        AttendanceRow(n, "Müller & Söhne <GmbH>", "Verwaltung")
        for n in ("Zoe Zander", *NAMES, "Ömer Öztürk", "Anna Ackermann")
    ]
    text = render(attendance_list_pdf(event, "AG Bildung", rows, PRINTED)).flat()
    order = ["Anna Ackermann", NAMES[1], NAMES[0], "Ömer Öztürk", "Zoe Zander", NAMES[2], NAMES[3]]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)
    assert text.count("Müller & Söhne <GmbH>") == len(rows)
    assert "7 registered, 0 checked in" in text


def test_every_page_has_header_table_head_and_number(render, event):
    rows = [
        AttendanceRow(
            f"Person {i:03d}",
            "Verein",
            "Einwohner*in",
            datetime(2026, 3, 14, 9, 15, tzinfo=UTC) if i % 2 else None,
        )
        for i in range(100)
    ]
    pdf = render(attendance_list_pdf(event, None, rows, PRINTED, room="Raum 118"))
    pages = len(pdf.pages)
    assert pages >= 3
    for page in range(1, pages + 1):
        text = " ".join(pdf.page_text(page, layout=True).split())
        assert f"Page {page} of {pages}" in text
        assert "Attendance list · Auftaktveranstaltung" in text
        assert "Auftaktveranstaltung Integrationskonzept Göttingen" in text
        assert "14.03.2026 09:30–16:00, 15.03.2026 10:00–14:00" in text
        assert "Raum 118" in text and "Ratssaal" not in text
        assert "Name Organisation Category Check-in Signature" in text
    text = pdf.flat()
    assert all(f"Person {i:03d}" in text for i in range(100))
    assert text.count("10:15") == 50  # UTC 09:15 in Berlin winter time
    assert "100 registered, 50 checked in" in text


def test_empty_list_still_prints(render, event):
    pdf = render(attendance_list_pdf(event, "AG Sport", [], PRINTED))
    assert "Page 1 of 1" in pdf.text()
