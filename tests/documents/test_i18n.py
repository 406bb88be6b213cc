"""Labels are looked up at render time: German under force_locale("de"), English msgids outside."""

from __future__ import annotations

from datetime import datetime

import pytest
from flask_babel import force_locale

from app.documents import attendance_list_pdf, protocol_pdf, ticket_pdf
from app.documents.data import AttendanceRow, TicketData
from tests.documents.conftest import NAMES
from tests.documents.test_protocol import make_protocol


@pytest.fixture
def german_app(app):
    """The real app with its compiled catalogs, rendering in German."""
    with app.app_context(), force_locale("de"):
        yield app


def test_documents_render_in_german(german_app, render, event):
    rows = [AttendanceRow(NAMES[0], "Verein", "Verwaltung", datetime(2026, 3, 14, 9, 5))]
    text = render(attendance_list_pdf(event, None, rows, datetime(2026, 3, 14, 8))).flat()
    for expected in (
        "Teilnehmerliste · Auftaktveranstaltung",
        "Seite 1 von 1",
        "Unterschrift",
        "1 angemeldet, 1 eingelassen",
    ):
        assert expected in text
    ticket = TicketData(event, NAMES[1], "", "MSO", (), "T1:X", "")
    assert "Zeigen Sie diese Karte am Einlass vor" in render(ticket_pdf(ticket)).flat()
    text = render(protocol_pdf(make_protocol())).flat()
    for expected in (
        "Wahlniederschrift",
        "Wahlgang 2: Stichwahl",
        "Abgegebene Stimmzettel",
        "gewählt (Frauensitz)",
        "Wahlleitung: Petra Schulz",
        "Samstag, 20. Juni 2026",
    ):
        assert expected in text


def test_outside_an_app_labels_are_english_and_dates_german(render, event):
    text = render(attendance_list_pdf(event, None, [], datetime(2026, 3, 14, 8))).flat()
    assert "Attendance list" in text and "Page 1 of 1" in text
