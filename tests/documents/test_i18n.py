"""Labels are looked up at render time: German under force_locale("de"), English msgids outside."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import NAMES
from flask import Flask
from flask_babel import Babel, force_locale
from test_protocol import make_protocol

from app.documents import attendance_list_pdf, protocol_pdf, ticket_pdf
from app.documents.data import AttendanceRow, TicketData

DOCS = Path(__file__).parents[2] / "app" / "documents"


def catalog():
    with open(DOCS / "messages_de.po", "rb") as f:
        return read_po(f)


def test_catalog_covers_every_label():
    used = {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(DOCS)}
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog() if m.id}
    assert used - translated == set()
    assert all(m.string for m in catalog() if m.id)


@pytest.fixture
def german_app(tmp_path):
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as f:
        write_mo(f, catalog())
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(tmp_path)
    Babel(app)
    with app.app_context(), force_locale("de"):
        yield app


def test_documents_render_in_german(german_app, render, event):
    rows = [AttendanceRow(NAMES[0], "Verein", "Verwaltung", datetime(2026, 3, 14, 9, 5))]
    text = render(attendance_list_pdf(event, None, rows, datetime(2026, 3, 14, 8))).flat()
    for expected in ("Teilnehmerliste · Auftaktveranstaltung", "Seite 1 von 1", "Unterschrift",
                     "1 angemeldet, 1 eingelassen"):
        assert expected in text
    ticket = TicketData(event, NAMES[1], "", "MSO", (), "T1:X", "")
    assert "Zeigen Sie diese Karte am Einlass vor" in render(ticket_pdf(ticket)).flat()
    text = render(protocol_pdf(make_protocol())).flat()
    for expected in ("Wahlniederschrift", "Wahlgang 2: Stichwahl", "Abgegebene Stimmzettel",
                     "gewählt (Frauensitz)", "Wahlleitung: Petra Schulz", "Samstag, 20. Juni 2026"):
        assert expected in text


def test_outside_an_app_labels_are_english_and_dates_german(render, event):
    text = render(attendance_list_pdf(event, None, [], datetime(2026, 3, 14, 8))).flat()
    assert "Attendance list" in text and "Page 1 of 1" in text
