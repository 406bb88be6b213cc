"""The ticket PDF of a registration: its QR code scans back to a token the check-in accepts,
and non-Latin names come out as text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from flask import Flask
from PIL import Image

from app.events import documents, services, tickets
from app.events.models import Event
from app.extensions import db
from tests.events.conftest import NOW, person, session_ids

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")


@pytest.mark.parametrize("name", ["Jürgen Müller-Lüdenscheidt", "Олена Шевченко", "Ayşe Yılmaz"])
def test_ticket_pdf_qr_resolves_and_shows_the_name(
    app: Flask, make_event, tmp_path: Path, name: str
) -> None:
    event_id = make_event(sessions=[("Wirtschaft", 0, 10)])
    (wirtschaft,) = session_ids(app, event_id)
    with app.app_context():
        event = db.session.get(Event, event_id)
        data = person(1, name=name, session_ids=[wirtschaft])
        registration = services.register(event, data, now=NOW, locale="de").registration
        pdf = tmp_path / "ticket.pdf"
        pdf.write_bytes(documents.ticket_pdf_for(registration))
        subprocess.run(
            ["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True
        )
        page = next(tmp_path.glob("page*.png"))
        (code,) = zxingcpp.read_barcodes(Image.open(page))
        assert tickets.resolve(code.text).registration.id == registration.id
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
        extracted = " ".join(text.stdout.decode().split())  # long names wrap
        assert name in extracted and "Wirtschaft" in extracted
        db.session.rollback()
