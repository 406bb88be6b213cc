"""The floor of the printing scenario: one plain SELECT from the same database, then bare
reportlab drawing the same number of things (QR codes, text lines, photos), with no layout
logic, no shaping, no ORM and no Flask — the least any program printing these must do.

Badges and attendance lists draw what the existing floor drew (the same QR encoder, mask 0,
one path per code; one row of text cells per person). The protocol's floor counts the
ballots with ``Counter`` and draws as many text lines on as many pages as the app's PDF
has; the candidate list's draws each photo, name, organisation and wrapped description.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import Engine, Row, create_engine, text

FONT = "FloorSans"
TOP, BOTTOM = A4[1] - 20 * mm, 20 * mm


def prepare(job: str, database_url: str, target: int, lines: int = 0,
            pages: int = 1) -> Callable[[], bytes]:
    """Register the font (as the app's server would have); returns the timed job."""
    pdfmetrics.registerFont(TTFont(FONT, "DejaVuSans.ttf"))
    engine = create_engine(database_url)
    jobs: dict[str, Callable[[], bytes]] = {
        "badges": lambda: badges(engine, target),
        "attendance": lambda: attendance(engine, target, pages),
        "protocol": lambda: protocol(engine, target, lines, pages),
        "candidates": lambda: candidates(engine, target),
    }
    return jobs[job]


def _rows(engine: Engine, sql: str, **params: object) -> list[Row]:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def qr_modules(payload: str) -> list[list[bool]]:
    """The app's QR encoder at level M with mask 0, without the app around it."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return code.modules


def badges(engine: Engine, event_id: int) -> bytes:
    """Four badges per A4 page: name, organisation, category, QR code of the ticket."""
    people = _rows(engine, """
        SELECT r.name, r.organisation_name, t.id, t.nonce FROM registrations r
        JOIN tickets t ON t.registration_id = r.id
        WHERE r.event_id = :event AND r.status = 'confirmed' ORDER BY r.name""", event=event_id)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    w, h = A4[0] / 2, A4[1] / 2
    for i, (name, organisation, ticket_id, nonce) in enumerate(people):
        x, y = (i % 2) * w, ((i // 2) % 2) * h
        c.setFont(FONT, 20)
        c.drawString(x + 10 * mm, y + h - 20 * mm, name)
        c.setFont(FONT, 11)
        c.drawString(x + 10 * mm, y + h - 30 * mm, organisation)
        c.drawString(x + 10 * mm, y + 12 * mm, "Migrant*innenorganisation")
        box = 40 * mm / 41
        path = c.beginPath()
        # a token of the app's length and alphabet, so the code has the app's QR version
        for r, row in enumerate(qr_modules(f"T1-{ticket_id}-{nonce}-{nonce}")):
            for col, dark in enumerate(row):
                if dark:
                    path.rect(x + 50 * mm + col * box, y + 20 * mm + r * box, box, box)
        c.drawPath(path, stroke=0, fill=1)
        if i % 4 == 3:
            c.showPage()
    c.save()
    return buf.getvalue()


def attendance(engine: Engine, event_id: int, pages: int) -> bytes:
    """One row per person (number, name, organisation, category, check-in time, a rule),
    spread over as many pages as the app's list has."""
    people = _rows(engine, """
        SELECT r.name, r.organisation_name, pc.labels, first.at FROM registrations r
        JOIN tickets t ON t.registration_id = r.id
        LEFT JOIN participant_categories pc ON pc.id = r.category_id
        LEFT JOIN (SELECT ticket_id, MIN(at) AS at FROM check_ins WHERE undone_at IS NULL
                   GROUP BY ticket_id) first ON first.ticket_id = t.id
        WHERE r.event_id = :event AND r.status = 'confirmed' ORDER BY r.name""", event=event_id)
    per_page = -(-len(people) // max(pages, 1))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for i, (name, organisation, labels, arrived) in enumerate(people):
        labels = json.loads(labels) if isinstance(labels, str) else labels or {}
        y = TOP - (i % per_page) * (TOP - BOTTOM) / per_page
        c.setFont(FONT, 9)
        for x, cell in ((15, str(i + 1)), (25, name), (80, organisation),
                        (125, labels.get("de", "")), (155, str(arrived or "")[11:16])):
            c.drawString(x * mm, y, cell)
        c.line(15 * mm, y - 2 * mm, 195 * mm, y - 2 * mm)
        if i % per_page == per_page - 1:
            c.showPage()
    c.save()
    return buf.getvalue()


def protocol(engine: Engine, election_id: int, lines: int, pages: int) -> bytes:
    """Count each round's marks, then draw ``lines`` lines over ``pages`` pages."""
    marks = _rows(engine, """
        SELECT rd.number, b.marks FROM ballots b JOIN rounds rd ON rd.id = b.round_id
        WHERE rd.election_id = :election AND rd.status = 'closed'""", election=election_id)
    votes: Counter[tuple[int, str]] = Counter()
    for number, raw in marks:
        for mark in json.loads(raw) if isinstance(raw, str) else raw:
            votes[number, mark] += 1
    text_lines = [f"Wahlgang {n}: Kandidat*in {m} erhielt {v} Stimmen"
                  for (n, m), v in sorted(votes.items())]
    text_lines += [f"Zeile {i}: Wahlniederschrift, Angaben nach R11.5 der Wahlordnung, "
                   f"Abgleich und Unterschriften" for i in range(len(text_lines), lines)]
    per_page = -(-len(text_lines) // max(pages, 1))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    for start in range(0, len(text_lines), per_page):
        c.setFont(FONT, 9.5)
        for n, line in enumerate(text_lines[start:start + per_page]):
            c.drawString(15 * mm, TOP - n * 4.5 * mm, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def candidates(engine: Engine, election_id: int) -> bytes:
    """Photo, number and name, organisation, wrapped description and translations."""
    rows = _rows(engine, """
        SELECT n.first_name, n.surname, o.name, n.description, n.description_translations,
               n.photo FROM nominations n JOIN organisations o ON o.id = n.organisation_id
        WHERE n.election_id = :election AND n.status = 'confirmed'
        ORDER BY n.surname, n.first_name""", election=election_id)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    y = TOP
    for number, (first, surname, org, description, translations, photo) in enumerate(rows, 1):
        translations = json.loads(translations) if isinstance(translations, str) else translations
        texts = [f"{number}. {first} {surname}", org]
        for body in (description, *(translations or {}).values()):
            texts += simpleSplit(body, FONT, 9.5, 135 * mm)
        height = max(40 * mm, len(texts) * 4.5 * mm) + 4 * mm
        if y - height < BOTTOM:
            c.showPage()
            y = TOP
        if photo is not None:
            c.drawImage(ImageReader(io.BytesIO(photo)), 15 * mm, y - 40 * mm, 30 * mm, 40 * mm)
        c.setFont(FONT, 9.5)
        for n, line in enumerate(texts):
            c.drawString(51 * mm, y - 4 * mm - n * 4.5 * mm, line)
        y -= height
    c.save()
    return buf.getvalue()
