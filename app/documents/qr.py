"""QR codes as vector paths, using reportlab's own QR encoder with error correction level M.

``QrCodeWidget`` + ``renderPDF.draw`` costs about 20 ms per code (a Drawing, a Group and one
Rect object per run of modules); 10,000 badges would take over three minutes. We take the
module matrix from the same encoder (``reportlab.graphics.barcode.qrencoder``, which picks the
compact alphanumeric mode for ticket tokens by itself) and draw all dark runs as one path.

That encoder still spent four fifths of a code's time on work that is the same for every code
of a version: it rebuilds the Reed–Solomon generator polynomial from scratch for each block and
divides with polynomial objects, and it recomputes where the data modules go. ``_Encoder``
keeps reportlab's matrix (function patterns, format information, masks) and its bit stream,
and does those two parts once per version, with table lookups; the matrix is the same module for
module (``tests/documents/test_qr.py`` compares it with reportlab's).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import chain, cycle, repeat, zip_longest

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks
MIN_SIZE = 2 * cm  # smaller codes stop decoding reliably (TOOLCHAIN.md §5)
LEVEL = qrencoder.QRErrorCorrectLevel.M
_EXP, _LOG = qrencoder.EXP_TABLE, qrencoder.LOG_TABLE
#: The eight bits of each byte value, most significant first
_BITS = tuple(tuple(bool(byte & (0x80 >> i)) for i in range(8)) for byte in range(256))


def qr_modules(payload: str, *, choose_mask: bool = True) -> list[list[bool]]:
    """Encode payload at level M; rows of modules, True = dark.

    ``choose_mask=False`` uses mask 0 instead of scoring all eight masks, which is ten times
    faster (0.4 ms instead of 4 ms for a ticket token). Every mask is valid QR; scoring only
    avoids patterns that slow down weak scanners, so we skip it only for large batches (badges).
    """
    code = _Encoder(None, LEVEL)
    code.addData(payload)
    if choose_mask:
        code.make()
    else:
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
    return [list(map(bool, row)) for row in code.modules]


class _Encoder(qrencoder.QRCode):
    """reportlab's encoder with the codewords and the data placement computed faster."""

    def makeImpl(self, test: bool, maskPattern: int) -> None:
        if self.dataCache is None:  # reportlab's makeImpl would call QRCode.createData
            self.dataCache = _codewords(self.version, self.dataList)
        super().makeImpl(test, maskPattern)

    def mapData(self, data: Sequence[int], maskPattern: int) -> None:
        """As reportlab's: data bits (then light remainder bits) along the placement path."""
        modules = self.modules
        positions, flips = _placement(self.version, maskPattern)
        bits = chain(chain.from_iterable(_BITS[byte] for byte in data), repeat(False))
        for (col, row), flip, dark in zip(positions, flips, bits, strict=False):  # bits: endless
            modules[row][col] = dark ^ flip


def _codewords(version: int, data_list: list) -> list[int]:
    """``QRCode.createData`` at level M: the bit stream as reportlab writes it, terminated and
    padded, split into blocks, each block's error correction appended, interleaved."""
    blocks = qrencoder.QRRSBlock.getRSBlocks(version, LEVEL)
    buffer = qrencoder.QRBitBuffer()
    for data in data_list:
        data.write(buffer, version)
    capacity = 8 * sum(block.dataCount for block in blocks)
    if buffer.getLengthInBits() > capacity:
        raise ValueError(f"code length overflow ({buffer.getLengthInBits()} > {capacity})")
    if buffer.getLengthInBits() + 4 <= capacity:
        buffer.put(0, 4)
    while buffer.getLengthInBits() % 8:
        buffer.putBit(False)
    for pad in cycle((qrencoder.QRCode.PAD0, qrencoder.QRCode.PAD1)):
        if buffer.getLengthInBits() >= capacity:
            break
        buffer.put(pad, 8)
    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = buffer.buffer[offset:offset + block.dataCount]
        offset += block.dataCount
        data_blocks.append(chunk)
        ec_blocks.append(_error_correction(chunk, block.totalCount - block.dataCount))
    interleaved = chain(zip_longest(*data_blocks), zip_longest(*ec_blocks))
    return [d for group in interleaved for d in group if d is not None]


@cache
def _generator_logs(count: int) -> tuple[int, ...]:
    """Logarithms of the generator polynomial's coefficients after the leading 1."""
    generator = qrencoder.QRUtil.getErrorCorrectPolynomial(count)
    return tuple(_LOG[generator.get(i)] for i in range(1, generator.getLength()))


def _error_correction(data: list[int], count: int) -> list[int]:
    """The ``count`` Reed–Solomon codewords: remainder of data · x^count by the generator."""
    generator = _generator_logs(count)
    remainder = [0] * count
    for byte in data:
        factor = byte ^ remainder.pop(0)
        remainder.append(0)
        if factor:
            shift = _LOG[factor]
            for i, log in enumerate(generator):
                remainder[i] ^= _EXP[(log + shift) % 255]
    return remainder


@cache
def _placement(version: int, mask: int) -> tuple[tuple[tuple[int, int], ...], tuple[bool, ...]]:
    """Where the data modules go (column, row) and whether the mask flips each of them."""
    probe = qrencoder.QRCode(version, LEVEL)
    probe.moduleCount = version * 4 + 17
    positions = tuple(probe._dataPosIterator())
    flip = qrencoder.QRUtil.getMask(mask)
    return positions, tuple(bool(flip(row, col)) for col, row in positions)


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
