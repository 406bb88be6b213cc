"""The attendee's ticket: what to show at the entrance, printed or on a phone."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.data import EventInfo, TicketData
from app.documents.fonts import (
    FONT,
    FONT_BOLD,
    FONT_MONO,
    draw_lines,
    draw_text,
    fit,
    rtl_base,
    wrap,
)
from app.documents.i18n import fmt_date, fmt_span
from app.documents.pdf import GREY, new_canvas
from app.documents.qr import draw_qr

QR_SIZE = 5.5 * cm  # about 5 cm of symbol inside the quiet zone
MARGIN = 20 * mm


def event_lines(event: EventInfo) -> list[str]:
    """Date lines and place lines for a header, unshaped."""
    lines = [f"{fmt_date(d.starts_at)}, {fmt_span(d.starts_at, d.ends_at)}" for d in event.days]
    lines += event.venue.splitlines()
    if event.room:
        lines.append(_("Room: %(room)s", room=event.room))
    return lines


def ticket_pdf(ticket: TicketData) -> bytes:
    """Render one ticket on an A4 page; the upper half is enough when folded."""
    buf = io.BytesIO()
    c = new_canvas(buf, A4, _("Ticket: %(event)s", event=ticket.event.title))
    width, height = A4
    inner = width - 2 * MARGIN
    y = height - MARGIN

    # 1. Header: kind, title, days, venue
    c.setFillColor(GREY)
    y = draw_lines(c, wrap(ticket.event.kind_label, FONT, 10, inner), MARGIN, y - 10, inner,
                   font=FONT, size=10)
    c.setFillColorRGB(0, 0, 0)
    title, size = fit(ticket.event.title, FONT_BOLD, 22, 14, inner, max_lines=3)
    y = draw_lines(c, title, MARGIN, y - size + 8, inner, font=FONT_BOLD, size=size)
    for line in event_lines(ticket.event):
        y = draw_lines(c, wrap(line, FONT, 11, inner), MARGIN, y - 2, inner, font=FONT, size=11)
    c.setLineWidth(0.5)
    c.line(MARGIN, y, width - MARGIN, y)

    # 2. Right column: QR, token, hint
    qr_x = width - MARGIN - QR_SIZE
    qr_top = y - 8 * mm
    draw_qr(c, ticket.qr_payload, qr_x, qr_top - QR_SIZE, QR_SIZE)
    token_lines = wrap(ticket.qr_payload, FONT_MONO, 7.5, QR_SIZE)
    below = draw_lines(c, token_lines, qr_x, qr_top - QR_SIZE - 10, QR_SIZE, font=FONT_MONO,
                       size=7.5, align="center")
    hint = wrap(_("Show this ticket at the entrance, printed or on your phone."), FONT_BOLD, 9,
                QR_SIZE)
    below = draw_lines(c, hint, qr_x, below - 4, QR_SIZE, font=FONT_BOLD, size=9, align="center")

    # 3. Left column: who, sessions, notes
    left = inner - QR_SIZE - 10 * mm
    y = _draw_attendee(c, ticket, MARGIN, qr_top, left)
    y = _draw_sessions(c, ticket, MARGIN, y, left)
    if ticket.notes:
        y = min(y, below) - 8 * mm
        draw_text(c, _("Notes"), MARGIN, y, inner, font=FONT_BOLD, size=10)
        draw_lines(c, wrap(ticket.notes, FONT, 10, inner), MARGIN, y - 13, inner, font=FONT,
                   size=10, rtl=rtl_base(ticket.notes))
    c.showPage()
    c.save()
    return buf.getvalue()


def _draw_attendee(c: Canvas, ticket: TicketData, x: float, top: float, box: float) -> float:
    """Name large, then organisation and category; return the next baseline."""
    c.setFillColor(GREY)
    draw_text(c, _("Ticket for"), x, top - 9, box, font=FONT, size=9)
    c.setFillColorRGB(0, 0, 0)
    name, size = fit(ticket.attendee_name, FONT_BOLD, 20, 11, box, max_lines=2)
    y = draw_lines(c, name, x, top - 12 - size, box, font=FONT_BOLD, size=size)
    for line in (ticket.organisation, ticket.category):
        if line:
            y = draw_lines(c, wrap(line, FONT, 12, box), x, y - 2, box, font=FONT, size=12)
    return y - 6 * mm


def _draw_sessions(c: Canvas, ticket: TicketData, x: float, y: float, box: float) -> float:
    """The booked sessions with time and room, one block each."""
    if not ticket.sessions:
        return y
    draw_text(c, _("Your sessions"), x, y, box, font=FONT_BOLD, size=11)
    y -= 15
    for s in ticket.sessions:
        when = f"{fmt_date(s.starts_at)}, {fmt_span(s.starts_at, s.ends_at)}"
        y = draw_lines(c, wrap(s.title, FONT_BOLD, 10, box), x, y, box, font=FONT_BOLD, size=10)
        room = _("Room: %(room)s", room=s.room)
        detail = f"{when} · {room}" if s.room else when
        y = draw_lines(c, wrap(detail, FONT, 9, box), x, y, box, font=FONT, size=9) - 4
    return y
