"""Paper ballots for one round (ELECTION.md R10.8): identical copies, no serial numbers."""

from __future__ import annotations

import io

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.documents.data import BallotPaperData
from app.documents.fonts import FONT, FONT_BOLD, draw_lines, draw_text, fit, wrap
from app.documents.pdf import GREY, new_canvas
from app.documents.voting_cards import short_fingerprint

MARGIN = 18 * mm
BOX = 7 * mm
MIN_ROW = 7 * mm


def ballot_papers_pdf(ballot: BallotPaperData, copies: int) -> bytes:
    """Render ``copies`` identical pages; nothing on a page can tell one copy from another."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    buf = io.BytesIO()
    c = new_canvas(buf, A4, _("Ballot paper: %(round)s", round=ballot.round_name))
    for _copy in range(copies):
        _draw_ballot(c, ballot)
        c.showPage()
    c.save()
    return buf.getvalue()


def _instruction(ballot: BallotPaperData) -> str:
    """How to mark, with k from the frozen configuration (R0.6: using fewer is allowed)."""
    if ballot.yes_no:
        return _("Mark yes, no or abstain for each candidate.")
    return ngettext("Mark at most %(num)s candidate with a cross.",
                    "Mark at most %(num)s candidates with a cross, one per candidate.",
                    ballot.votes_allowed)


def _draw_ballot(c: Canvas, ballot: BallotPaperData) -> None:
    """Header, candidate rows with boxes, abstain row, configuration footer."""
    width, height = A4
    inner = width - 2 * MARGIN
    y = height - MARGIN
    c.setFont(FONT_BOLD, 20)
    c.drawString(MARGIN, y - 20, _("Ballot paper"))
    title, size = fit(ballot.election_name, FONT_BOLD, 13, 9, inner, max_lines=2)
    y = draw_lines(c, title, MARGIN, y - 40, inner, font=FONT_BOLD, size=size)
    round_line = _("Round %(number)s: %(name)s", number=ballot.round_number,
                   name=ballot.round_name)
    y = draw_lines(c, [round_line], MARGIN, y - 4, inner, font=FONT_BOLD, size=15) - 2
    c.setFillColor(GREY)
    official = _("Official ballot paper for this round only · configuration %(fp)s",
                 fp=short_fingerprint(ballot.fingerprint))
    y = draw_lines(c, wrap(official, FONT, 8.5, inner), MARGIN, y, inner, font=FONT, size=8.5)
    c.setFillColorRGB(0, 0, 0)
    y = draw_lines(c, wrap(_instruction(ballot), FONT_BOLD, 11, inner), MARGIN, y - 8, inner,
                   font=FONT_BOLD, size=11) - 4

    footer = [_("Fold the ballot paper so that your marks cannot be seen."),
              *ballot.config_lines]
    footer_h = 10 * len(footer) + 6
    rows = len(ballot.candidates) + (0 if ballot.yes_no else 1)
    row_h = min(16 * mm, (y - MARGIN - footer_h) / max(rows, 1))
    if row_h < MIN_ROW:
        raise ValueError(f"{len(ballot.candidates)} candidates do not fit on one ballot page")
    boxes = [_("Yes"), _("No"), _("Abstain")] if ballot.yes_no else [""]
    if ballot.yes_no:
        _draw_box_heads(c, boxes, width - MARGIN, y)
    for candidate in ballot.candidates:
        y = _draw_row(c, candidate.name, candidate.organisation, y, row_h, len(boxes))
    if not ballot.yes_no:
        _draw_row(c, _("Abstain (I vote for no candidate)"), "", y, row_h, 1)
    c.setFont(FONT, 7.5)
    c.setFillColor(GREY)
    for i, line in enumerate(footer):
        draw_text(c, line, MARGIN, MARGIN + 10 * (len(footer) - 1 - i), inner, size=7.5)
    c.setFillColorRGB(0, 0, 0)


def _box_x(right: float, index: int, count: int) -> float:
    """Left edge of box ``index`` of ``count`` boxes that end at ``right``."""
    return right - (count - index) * (BOX + 8 * mm) + 8 * mm


def _draw_box_heads(c: Canvas, labels: list[str], right: float, y: float) -> None:
    """Column heads above yes / no / abstain boxes."""
    c.setFont(FONT_BOLD, 8)
    for i, label in enumerate(labels):
        c.drawCentredString(_box_x(right, i, len(labels)) + BOX / 2, y + 2, label)


def _draw_row(c: Canvas, name: str, organisation: str, y: float, row_h: float,
              boxes: int) -> float:
    """One line: name, organisation, then the box(es) on the right; return the next top."""
    width = A4[0]
    right = width - MARGIN
    name_w = (width - 2 * MARGIN - boxes * (BOX + 8 * mm)) * 0.55
    org_w = (width - 2 * MARGIN - boxes * (BOX + 8 * mm)) * 0.42
    c.setLineWidth(0.4)
    c.line(MARGIN, y - row_h, right, y - row_h)
    mid = y - row_h / 2
    size = min(12, row_h / mm * 1.6)
    lines, fitted = fit(name, FONT_BOLD, size, 7, name_w)
    draw_lines(c, lines, MARGIN, mid - fitted * 0.35, name_w, font=FONT_BOLD, size=fitted)
    if organisation:
        lines, fitted = fit(organisation, FONT, size - 1, 6.5, org_w)
        draw_lines(c, lines, right - boxes * (BOX + 8 * mm) - org_w, mid - fitted * 0.35, org_w,
                   font=FONT, size=fitted)
    c.setLineWidth(1)
    for i in range(boxes):
        c.rect(_box_x(right, i, boxes), mid - BOX / 2, BOX, BOX)
    return y - row_h
