"""Name badges on A4 sheets: 4 × A6 with cut marks, or common pre-cut label formats."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.data import BadgeData
from app.documents.fonts import FONT, FONT_BOLD, draw_lines, fit, rtl_base, shape, width
from app.documents.pdf import GREY, new_canvas
from app.documents.qr import draw_qr
from app.documents.sheets import A4_4UP_A6, LABEL_2X4, LABEL_3X8, SheetLayout, chunks

#: Layout names the app offers; "a6" = four A6 badges per A4 sheet, cut by hand.
BADGE_LAYOUTS: dict[str, SheetLayout] = {
    "a6": A4_4UP_A6,
    "label-2x4": LABEL_2X4,
    "label-3x8": LABEL_3X8,
}


def badges_pdf(badges: list[BadgeData], layout: str = "a6") -> bytes:
    """Render badges in list order, filling each sheet row by row."""
    sheet = BADGE_LAYOUTS[layout]
    buf = io.BytesIO()
    c = new_canvas(buf, sheet.page, _("Badges"))
    for page in chunks(badges, sheet.per_page) if badges else [[]]:
        for badge, (x, y) in zip(page, sheet.cells(), strict=False):
            _draw_badge(c, badge, x, y, *sheet.cell)
        sheet.draw_cut_marks(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def _text_colour(hex_colour: str) -> tuple[float, float, float]:
    """Black or white, whichever reads better on the band (WCAG relative luminance)."""
    colour = HexColor(hex_colour)
    lum = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue
    return (0, 0, 0) if lum > 0.5 else (1, 1, 1)


def _draw_badge(c: Canvas, badge: BadgeData, x: float, y: float, w: float, h: float) -> None:
    """One badge in its cell; portrait cells stack, landscape cells put the QR on the right."""
    pad = max(min(w, h) * 0.06, 2.5 * mm)
    band = max(h * 0.12, 6 * mm)
    top = y + h - pad

    # 1. Category band across the top
    c.setFillColor(HexColor(badge.category_colour))
    c.rect(x + pad, top - band, w - 2 * pad, band, stroke=0, fill=1)
    c.setFillColorRGB(*_text_colour(badge.category_colour))
    label, size = fit(badge.category, FONT_BOLD, band * 0.5, 5, w - 4 * pad)
    c.setFont(FONT_BOLD, size)
    c.drawCentredString(x + w / 2, top - band / 2 - size * 0.35, label[0])
    c.setFillColorRGB(0, 0, 0)
    top -= band + pad

    # 2. QR: bottom centre on portrait cells, right on landscape ones
    portrait = h > w
    if portrait:
        qr = min(w * 0.55, (top - y - pad) * 0.55)
        draw_qr(c, badge.qr_payload, x + (w - qr) / 2, y + pad, qr, choose_mask=False)
        text_w = w - 2 * pad
    else:
        qr = min(w * 0.38, top - y - pad)
        draw_qr(c, badge.qr_payload, x + w - pad - qr, top - qr, qr, choose_mask=False)
        text_w = w - 3 * pad - qr

    # 3. Name as large as fits (one line unless that gets too small), organisation, event
    scale = min(w, h) / (105 * mm)
    name_size = max(26 * scale, 9)
    one_line = width(shape(badge.name), FONT_BOLD, name_size * 0.7) <= text_w
    name, size = fit(badge.name, FONT_BOLD, name_size, name_size * 0.7 if one_line else 6,
                     text_w, max_lines=1 if one_line else 2)
    base = draw_lines(c, name, x + pad, top - size, text_w, font=FONT_BOLD, size=size,
                      rtl=rtl_base(badge.name))
    if badge.organisation:
        org, size = fit(badge.organisation, FONT, max(13 * scale, 6.5), 5.5, text_w,
                        max_lines=2)
        draw_lines(c, org, x + pad, base - size * 0.3, text_w, font=FONT, size=size,
                   rtl=rtl_base(badge.organisation))
    if badge.event_title and portrait:
        c.setFillColor(GREY)
        event, size = fit(badge.event_title, FONT, max(8 * scale, 6), 5, text_w)
        draw_lines(c, event, x + pad, y + pad + qr + 2 * mm, text_w, font=FONT, size=size,
                   align="center")
        c.setFillColorRGB(0, 0, 0)
