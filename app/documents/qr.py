"""QR codes as vector paths, using reportlab's own QR encoder with error correction level M.

``QrCodeWidget`` + ``renderPDF.draw`` costs about 20 ms per code (a Drawing, a Group and one
Rect object per run of modules); 10,000 badges would take over three minutes. We take the
module matrix from the same encoder (``reportlab.graphics.barcode.qrencoder``, which picks the
compact alphanumeric mode for ticket tokens by itself) and draw all dark runs as one path.
"""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks
MIN_SIZE = 2 * cm  # smaller codes stop decoding reliably (TOOLCHAIN.md §5)


def qr_modules(payload: str, *, choose_mask: bool = True) -> list[list[bool]]:
    """Encode payload at level M; rows of modules, True = dark.

    ``choose_mask=False`` uses mask 0 instead of scoring all eight masks, which is six times
    faster (0.8 ms instead of 4.6 ms). Every mask is valid QR; scoring only avoids patterns
    that slow down weak scanners, so we skip it only for large batches (badges).
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    if choose_mask:
        code.make()
    else:
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
    return [list(map(bool, row)) for row in code.modules]


def draw_qr(c: Canvas, payload: str, x: float, y: float, size: float, *,
            choose_mask: bool = True) -> None:
    """Draw the code with its quiet zone into the square (x, y, size), white background."""
    if size < MIN_SIZE:
        raise ValueError(f"QR code of {size / cm:.1f} cm is below the 2 cm minimum")
    modules = qr_modules(payload, choose_mask=choose_mask)
    count = len(modules)
    box = size / (count + 2 * QUIET_ZONE)
    c.saveState()
    c.setFillColorRGB(1, 1, 1)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    path = c.beginPath()
    top = y + size - QUIET_ZONE * box
    for r, row in enumerate(modules):
        row_y = top - (r + 1) * box
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + (QUIET_ZONE + start) * box, row_y, (col - start) * box, box)
                start = None
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
