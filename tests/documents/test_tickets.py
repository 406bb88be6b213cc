"""Tickets: the QR scans back to the exact token and every script survives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.documents import ticket_pdf
from app.documents.data import SessionSlot, TicketData
from tests.documents.conftest import ARABIC, NAMES

TOKEN = "T1:7K3QX9ZP2M4B8C6D:0F5A9E2C7B1D3E4F"


@pytest.fixture
def ticket(event):
    def _ticket(name: str, **kw) -> TicketData:
        fields = dict(
            event=event,
            attendee_name=name,
            organisation="Deutsch-Türkischer Verein e.V.",
            category="Migrant*innenorganisation",
            sessions=(
                SessionSlot(
                    "AG Bildung & Sprache",
                    "Raum 118",
                    datetime(2026, 3, 14, 13, 0),
                    datetime(2026, 3, 14, 15, 0),
                ),
            ),
            qr_payload=TOKEN,
            notes="Bitte Ausweis mitbringen.",
        )
        return TicketData(**{**fields, **kw})

    return _ticket


@pytest.mark.parametrize("name", NAMES)
def test_ticket_scans_and_keeps_the_name(render, ticket, name):
    pdf = render(ticket_pdf(ticket(name)))
    assert len(pdf.pages) == 1
    assert pdf.qr_codes() == [[TOKEN]]
    text = pdf.flat()
    assert name in text
    for expected in (
        "Auftaktveranstaltung Integrationskonzept Göttingen",
        "Ratssaal",
        "Hiroshimaplatz 1–4, 37083 Göttingen",
        "Deutsch-Türkischer Verein e.V.",
        "AG Bildung & Sprache",
        "Raum 118",
        "13:00–15:00",
        "09:30–16:00",
        "Bitte Ausweis mitbringen.",
        "Samstag, 14. März 2026",
        "Sonntag, 15. März 2026",
    ):
        assert expected in text


def test_ticket_embeds_dejavu(render, ticket):
    fonts = render(ticket_pdf(ticket(ARABIC))).fonts()
    assert "DejaVuSans" in fonts
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows)  # embedded, subset, unicode


def test_ticket_shows_aware_times_in_berlin(render, ticket, event):
    utc_slot = SessionSlot("Podium", "Foyer", datetime(2026, 7, 1, 16, 0, tzinfo=UTC))
    text = render(ticket_pdf(ticket("A B", sessions=(utc_slot,)))).text()
    assert "18:00" in text  # CEST = UTC+2


def test_ticket_long_title_and_name_stay_on_the_page(render, ticket):
    name = "Maximiliane Alexandra Theodora von und zu Hohenzollern-Sigmaringen-Lüdenscheidt"
    pdf = render(ticket_pdf(ticket(name, organisation="x" * 200)))
    assert len(pdf.pages) == 1
    assert pdf.qr_codes() == [[TOKEN]]
    assert "Maximiliane" in pdf.text()


def test_ticket_without_sessions_or_notes(render, ticket):
    pdf = render(ticket_pdf(ticket(NAMES[1], sessions=(), notes="")))
    assert pdf.qr_codes() == [[TOKEN]]
