"""Attendance lists (Teilnehmerliste) per event or session, with a signature column."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents.data import AttendanceRow, EventInfo
from app.documents.fonts import FONT, FONT_BOLD, draw_lines, fit, markup, shape, width, wrap
from app.documents.i18n import fmt_datetime, fmt_short_date, fmt_span, fmt_time
from app.documents.pdf import GREY, LIGHT, build, styles

HEADER = 30 * mm  # space for the page header drawn on every page
COLUMNS = (9 * mm, 45 * mm, 42 * mm, 30 * mm, 19 * mm, 35 * mm)
CELL_SIZE, CELL_LEADING, CELL_PADDING = 8.5, 10.5, 6  # padding: reportlab's default, each side


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical as a German reader expects: Ä with A, ß as ss, case ignored."""
    folded = name.casefold()
    base = "".join(ch for ch in unicodedata.normalize("NFD", folded)
                   if not unicodedata.combining(ch))
    return base, folded


def attendance_list_pdf(event: EventInfo, session_title: str | None,
                        rows: Iterable[AttendanceRow], generated_at: datetime, *,
                        room: str | None = None) -> bytes:
    """Render the list sorted by name; ``room`` overrides the event's room for a session."""
    people = sorted(rows, key=lambda r: sort_key(r.name))
    title = session_title or event.title
    room = event.room if room is None else room
    st = styles()
    arrived = sum(1 for r in people if r.checked_in_at is not None)
    summary = _("%(total)s registered, %(arrived)s checked in", total=len(people),
                arrived=arrived)
    story = [Paragraph(markup(summary), st["small"]), Spacer(1, 3 * mm), _table(people)]

    def header(c: Canvas, doc: SimpleDocTemplate) -> None:
        _draw_header(c, doc, event, session_title, room)

    footer = _("Printed %(when)s · %(title)s", when=fmt_datetime(generated_at), title=title)
    return build(story, title=_("Attendance list: %(title)s", title=title), footer=footer,
                 on_page=header, top_margin=15 * mm + HEADER)


def _table(people: list[AttendanceRow]) -> Table:
    """One row per person; the header row repeats on every page."""
    st = styles()
    head = ["#", _("Name"), _("Organisation"), _("Category"), _("Check-in"), _("Signature")]
    data: list[list] = [[Paragraph(markup(h), st["th"]) for h in head]]
    for number, row in enumerate(people, start=1):
        when = fmt_time(row.checked_in_at) if row.checked_in_at else ""
        data.append([str(number), _cell(row.name, COLUMNS[1], st),
                     _cell(row.organisation, COLUMNS[2], st),
                     _cell(row.category, COLUMNS[3], st), when, ""])
    table = Table(data, colWidths=COLUMNS, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE, CELL_LEADING),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, CELL_SIZE, CELL_LEADING),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TEXTCOLOR", (0, 1), (0, -1), GREY),
        # room to sign: about 9 mm per one-line row; longer names make the row grow
        ("TOPPADDING", (0, 1), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 8),
    ]))
    return table


def _cell(text: str, column: float, st: dict) -> str | Paragraph:
    """The shaped text itself when it fits on one line, else a Paragraph that wraps it.

    A Paragraph per cell made a 10,000-row list take ten times the bare drawing; most names
    fit, and a plain cell looks the same (same font, size and leading).
    """
    shaped = shape(text)
    if "\n" not in text and width(shaped, FONT, CELL_SIZE) <= column - 2 * CELL_PADDING:
        return shaped
    return Paragraph(markup(text), st["cell"])


def _draw_header(c: Canvas, doc: SimpleDocTemplate, event: EventInfo,
                 session_title: str | None, room: str) -> None:
    """List title, event, session, days and room at the top of every page."""
    x, box = doc.leftMargin, doc.width
    y = doc.pagesize[1] - 15 * mm
    c.saveState()
    c.setFillColor(GREY)
    c.setFont(FONT, 8.5)
    label = _("Attendance list")
    c.drawString(x, y, f"{label} · {event.kind_label}")
    c.setFillColorRGB(0, 0, 0)
    lines, size = fit(event.title, FONT_BOLD, 14, 9, box)
    y = draw_lines(c, lines, x, y - size - 1, box, font=FONT_BOLD, size=size)
    if session_title:
        lines, size = fit(session_title, FONT_BOLD, 11, 8, box)
        y = draw_lines(c, lines, x, y, box, font=FONT_BOLD, size=size)
    days = ", ".join(f"{fmt_short_date(d.starts_at)} {fmt_span(d.starts_at, d.ends_at)}"
                     for d in event.days)
    place = " · ".join(p for p in (event.venue.replace("\n", ", "), room) if p)
    for line in (days, place):
        y = draw_lines(c, wrap(line, FONT, 8.5, box)[:1], x, y, box, font=FONT, size=8.5)
    c.restoreState()
