"""Voting cards (ELECTION.md R10.1): one secret token per card, as text and QR, not personalised."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.data import VotingCardData
from app.documents.fonts import FONT, FONT_BOLD, FONT_MONO, draw_lines, fit, rtl_base, wrap
from app.documents.pdf import GREY, new_canvas
from app.documents.qr import draw_qr
from app.documents.sheets import A4_4UP_A6, SINGLE_A6, SheetLayout, chunks

#: "a6" = one card per A6 page (card stock), "a4-4up" = four per A4 sheet with cut marks.
VOTING_CARD_LAYOUTS: dict[str, SheetLayout] = {"a6": SINGLE_A6, "a4-4up": A4_4UP_A6}

#: Fixed texts, not gettext: every card carries all four, whatever the officials' language.
INSTRUCTIONS = (
    "Scannen Sie den Code mit Ihrem Handy oder nutzen Sie das Tablet am Wahltisch. "
    "Halten Sie diese Karte geheim. Eine Karte = eine Stimme pro Wahlgang.",
    "Scan the code with your phone or use the tablet at the voting desk. "
    "Keep this card secret. One card = one vote per round.",
    "Kodu telefonunuzla okutun veya oy verme masasındaki tableti kullanın. "
    "Bu kartı gizli tutun. Bir kart = her turda bir oy.",
    "امسح الرمز بهاتفك أو استخدم الجهاز اللوحي عند طاولة التصويت. "
    "حافظ على سرية هذه البطاقة. بطاقة واحدة = صوت واحد في كل جولة.",
)


def group_token(token: str, size: int = 4) -> str:
    """Show the token in groups of four (XXXX-XXXX-XXXX) so it can be typed without slips."""
    plain = token.replace("-", "").replace(" ", "")
    return "-".join(plain[i:i + size] for i in range(0, len(plain), size))


def short_fingerprint(fingerprint: str) -> str:
    """First 16 hex digits in groups of four; enough to compare with the protocol by eye."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, 16, 4))


def voting_cards_pdf(cards: list[VotingCardData], layout: str = "a4-4up") -> bytes:
    """Render the batch; cards are identical apart from token and QR."""
    sheet = VOTING_CARD_LAYOUTS[layout]
    buf = io.BytesIO()
    c = new_canvas(buf, sheet.page, _("Voting cards"))
    for page in chunks(cards, sheet.per_page) if cards else [[]]:
        for card, (x, y) in zip(page, sheet.cells(), strict=False):
            _draw_card(c, card, x, y, *sheet.cell)
        sheet.draw_cut_marks(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def _draw_card(c: Canvas, card: VotingCardData, x: float, y: float, w: float, h: float) -> None:
    """Title, rounds, QR, token, fingerprint and the four-language instructions, top down."""
    pad = 7 * mm
    box = w - 2 * pad
    top = y + h - pad
    c.setFillColor(GREY)
    c.setFont(FONT, 8)
    c.drawString(x + pad, top - 8, _("Voting card"))
    c.setFillColorRGB(0, 0, 0)
    title, size = fit(card.election_name, FONT_BOLD, 12, 8, box, max_lines=2)
    top = draw_lines(c, title, x + pad, top - 10 - size, box, font=FONT_BOLD, size=size)
    rounds = _("Valid once in each round: %(rounds)s", rounds=" · ".join(card.round_names))
    top = draw_lines(c, wrap(rounds, FONT, 7.5, box)[:2], x + pad, top, box, font=FONT,
                     size=7.5)

    qr = 42 * mm
    draw_qr(c, card.qr_payload, x + (w - qr) / 2, top - qr, qr)
    top -= qr + 1 * mm
    token, size = fit(group_token(card.token), FONT_MONO, 12, 7, box)
    c.setFont(FONT_MONO, size)
    c.drawCentredString(x + w / 2, top - size, token[0])
    c.setFillColor(GREY)
    c.setFont(FONT, 6.5)
    fingerprint = _("Fingerprint: %(fp)s", fp=short_fingerprint(card.fingerprint))
    c.drawCentredString(x + w / 2, top - size - 10, fingerprint)
    c.setFillColorRGB(0, 0, 0)

    top -= size + 12 + 3 * mm
    for text in INSTRUCTIONS:
        rtl = rtl_base(text)
        top = draw_lines(c, wrap(text, FONT, 7.5, box), x + pad, top, box, font=FONT, size=7.5,
                         leading=9, rtl=rtl) - 2.5
