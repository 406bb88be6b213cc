"""A minimal candidate list PDF (reportlab, DejaVu for all scripts).

Stand-in until branch ``documents`` is merged. TODO(lead): after the merge, call
``app.documents.candidate_list.candidate_list_pdf(election.title, entries, order_note)`` in
:mod:`app.elections.public_views` with ``entries = [CandidateListEntry(name=n.full_name,
organisation=n.organisation.name, description=n.description, photo=n.photo) for n in
candidates]`` and delete this module. Arabic is not shaped here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from flask_babel import format_datetime
from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.elections.models import Election, Nomination

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, "DejaVuSans-Bold.ttf"))


def candidate_list_pdf(election: Election, candidates: Sequence[Nomination]) -> bytes:
    """The published candidates in order, with organisation, photo and self-description."""
    _fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
    name = ParagraphStyle("name", fontName=FONT_BOLD, fontSize=12, leading=15)
    title = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20)
    story: list = [Paragraph(escape(election.title), title), Spacer(1, 3 * mm)]
    story.append(Paragraph(escape(_("Candidates")), body))
    if election.candidates_published_at:
        published = format_datetime(election.candidates_published_at, "short")
        story.append(Paragraph(escape(_("Published on %(date)s", date=published)), body))
    story.append(Spacer(1, 6 * mm))
    for number, nomination in enumerate(candidates, start=1):
        text = [
            Paragraph(f"{number}. {escape(nomination.full_name)}", name),
            Paragraph(escape(nomination.organisation.name), body),
            Spacer(1, 2 * mm),
            Paragraph(escape(nomination.description).replace("\n", "<br/>"), body),
        ]
        photo = (
            Image(io.BytesIO(nomination.photo), width=30 * mm, height=30 * mm, kind="proportional")
            if nomination.photo
            else ""
        )
        row = Table([[photo, text]], colWidths=[35 * mm, 135 * mm])
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [row, Spacer(1, 5 * mm)]
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=A4, title=election.title, leftMargin=20 * mm, rightMargin=20 * mm
    ).build(story)
    return out.getvalue()
