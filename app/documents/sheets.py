"""Sheet layouts for cards and badges: several items per page, cut marks where needed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

CUT_MARK = 5 * mm
T = TypeVar("T")


@dataclass(frozen=True)
class SheetLayout:
    """A grid of equal cells on a page; the grid is centred on the page."""

    #: Page size in points (width, height)
    page: tuple[float, float]
    cols: int
    rows: int
    #: One cell (badge, card, label) in points
    cell: tuple[float, float]
    #: Draw cut marks on the cell boundaries (plain paper; pre-cut labels need none)
    cut_marks: bool = False

    @property
    def per_page(self) -> int:
        """How many items fit on one sheet."""
        return self.cols * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """Bottom-left corner of the grid."""
        return ((self.page[0] - self.cols * self.cell[0]) / 2,
                (self.page[1] - self.rows * self.cell[1]) / 2)

    def cells(self) -> Iterator[tuple[float, float]]:
        """Bottom-left corners of the cells in reading order (top left first)."""
        x0, y0 = self.origin
        for row in range(self.rows):
            for col in range(self.cols):
                yield x0 + col * self.cell[0], y0 + (self.rows - 1 - row) * self.cell[1]

    def draw_cut_marks(self, c: Canvas) -> None:
        """Ticks at the page edges and crosses where inner cut lines meet, outside the content."""
        if not self.cut_marks:
            return
        x0, y0 = self.origin
        width, height = self.page
        xs = [x0 + i * self.cell[0] for i in range(1, self.cols)]
        ys = [y0 + j * self.cell[1] for j in range(1, self.rows)]
        c.saveState()
        c.setLineWidth(0.3)
        c.setStrokeGray(0.3)
        for x in xs:
            c.line(x, 0, x, CUT_MARK)
            c.line(x, height - CUT_MARK, x, height)
        for y in ys:
            c.line(0, y, CUT_MARK, y)
            c.line(width - CUT_MARK, y, width, y)
        for x in xs:
            for y in ys:
                c.line(x - CUT_MARK / 2, y, x + CUT_MARK / 2, y)
                c.line(x, y - CUT_MARK / 2, x, y + CUT_MARK / 2)
        c.restoreState()


#: A4 with four A6 cells (2 × 2) and cut marks.
A4_4UP_A6 = SheetLayout(page=A4, cols=2, rows=2, cell=A6, cut_marks=True)
#: One A6 item per page, for A6 card stock.
SINGLE_A6 = SheetLayout(page=A6, cols=1, rows=1, cell=A6)
#: 24 labels of 70 × 37 mm on A4 (e.g. Zweckform 3474 / Avery 3474).
LABEL_3X8 = SheetLayout(page=A4, cols=3, rows=8, cell=(70 * mm, 37 * mm))
#: 8 labels of 105 × 74 mm on A4 (e.g. Zweckform 3427 / Avery L7169-style badge labels).
LABEL_2X4 = SheetLayout(page=A4, cols=2, rows=4, cell=(105 * mm, 74 * mm))


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """Split items into pages of at most size."""
    for i in range(0, len(items), size):
        yield items[i:i + size]
