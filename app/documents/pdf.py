"""Shared PDF plumbing: canvases with our fonts, paragraph styles, "Page x of y" footers."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from app.documents.fonts import FONT, FONT_BOLD, markup, register_fonts, rtl_base, shape, wrap

GREY = colors.Color(0.4, 0.4, 0.4)
LIGHT = colors.Color(0.92, 0.92, 0.92)


def new_canvas(buf: io.BytesIO, pagesize: tuple[float, float], title: str) -> Canvas:
    """A canvas with embedded fonts registered and reproducible output (``invariant``)."""
    register_fonts()
    c = Canvas(buf, pagesize=pagesize, pageCompression=1, invariant=1, initialFontName=FONT)
    c.setTitle(title)
    c.setCreator("teilhabe")
    return c


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in DejaVu; user text in them must go through ``fonts.markup``."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "cell_r": ParagraphStyle("cell_r", parent=body, fontSize=8.5, leading=10.5,
                                 alignment=TA_RIGHT),
        "th": ParagraphStyle("th", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=16,
                                leading=20, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=12, leading=15,
                             spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=2),
    }


def para(text: str, style: str = "body", width: float | None = None) -> Paragraph:
    """A paragraph of user text; RTL text is wrapped here (in logical order) and right-aligned.

    Paragraph would wrap the already reordered string and so print Arabic lines in the
    wrong order; for RTL text we pass the lines ready-made and ``width`` must be given.
    """
    st = styles()[style]
    if width is None or not rtl_base(text):
        return Paragraph(markup(text), st)
    lines = wrap(text, st.fontName, st.fontSize, width - 2)
    right = ParagraphStyle(f"{style}_rtl", parent=st, alignment=TA_RIGHT)
    return Paragraph("<br/>".join(escape(line) for line in lines), right)


class NumberedCanvas(Canvas):
    """Canvas that knows the page count at the end and prints "Page x of y" on every page."""

    def __init__(self, *args, footer: str = "", **kwargs) -> None:
        super().__init__(*args, **{**kwargs, "initialFontName": FONT})
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:
        """Keep the page's state instead of emitting it, until the total is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Emit every kept page with its footer now that the count is known."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _height = self._pagesize
        self.setFont(FONT, 7.5)
        self.setFillColor(GREY)
        self.drawString(15 * mm, 8 * mm, shape(self._footer))
        label = _("Page %(page)s of %(pages)s", page=self._pageNumber, pages=total)
        self.drawRightString(width - 15 * mm, 8 * mm, label)


def build(story: Sequence[Flowable], *, title: str, footer: str = "",
          pagesize: tuple[float, float] = A4,
          on_page: Callable[[Canvas, SimpleDocTemplate], None] | None = None,
          top_margin: float = 15 * mm) -> bytes:
    """Lay out a platypus story on numbered pages and return the PDF."""
    register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=pagesize, title=title, creator="teilhabe",
                            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=top_margin,
                            bottomMargin=16 * mm, invariant=1, pageCompression=1)
    hook = on_page or (lambda c, d: None)

    def make_canvas(*args, **kwargs) -> NumberedCanvas:
        return NumberedCanvas(*args, footer=footer, **kwargs)

    doc.build(list(story), onFirstPage=hook, onLaterPages=hook, canvasmaker=make_canvas)
    return buf.getvalue()
