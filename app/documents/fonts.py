"""Embedded Unicode fonts and right-to-left shaping for every piece of user-supplied text.

Helvetica covers only WinAnsi, so names in Turkish, Cyrillic or Arabic need an embedded TTF.
reportlab cannot shape Arabic itself without ``rlbidi`` (not on PyPI), so we reshape and reorder
with arabic-reshaper + python-bidi (TOOLCHAIN.md §5).
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_MONO = "DejaVuSansMono"

# reportlab finds these by file name in /usr/share/fonts/truetype/dejavu (fonts-dejavu-core).
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_MONO: "DejaVuSansMono.ttf"}
_registered = False

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def register_fonts() -> None:
    """Register the DejaVu family once per process; parsing a TTF is the slow part."""
    global _registered
    if _registered:
        return
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, filename))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)
    _registered = True


def has_rtl(text: str) -> bool:
    """Tell whether the text contains Hebrew or Arabic letters and so needs reordering."""
    return bool(_RTL.search(text))


def rtl_base(text: str) -> bool:
    """Tell whether a paragraph reads right to left (its first strong letter is RTL)."""
    return _base_dir(text) == "R"


def _base_dir(text: str) -> str:
    """Paragraph direction from the first strong character, as the Unicode bidi rules do."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "L"


def _levels(text: str, base: str) -> list[int] | None:
    """Resolved bidi level per character, read from python-bidi's debug output (None if unknown).

    python-bidi 0.6 (Rust) resolves bracket pairs correctly but does not mirror "(" to ")"
    in right-to-left runs (rule L4), and it exposes the levels only in its debug dump.
    """
    dump = str(get_display(text, base_dir=base, debug=True))
    block = dump.partition("levels:")[2].partition("paragraphs:")[0]
    per_byte = [int(n) for n in re.findall(r"Level\(\s*(\d+),?\s*\)", block)]
    if len(per_byte) != len(text.encode()):
        return None
    levels, pos = [], 0
    for ch in text:
        levels.append(per_byte[pos])
        pos += len(ch.encode())
    return levels


def _visual(text: str, base: str) -> str:
    """Reorder one line (rule L2) and mirror brackets at odd levels (rule L4)."""
    levels = _levels(text, base)
    if levels is None or "\n" in text:
        return get_display(text, base_dir=base)
    chars = [MIRRORED.get(ch, ch) if lv % 2 else ch for ch, lv in zip(text, levels, strict=True)]
    odd = [lv for lv in levels if lv % 2]
    for level in range(max(levels), (min(odd) if odd else 1) - 1, -1):
        i = 0
        while i < len(chars):
            if levels[i] >= level:
                j = i
                while j < len(chars) and levels[j] >= level:
                    j += 1
                chars[i:j] = chars[i:j][::-1]
                levels[i:j] = levels[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(chars)


def shape(text: str) -> str:
    """Return the visual-order string to draw; unchanged for text without RTL letters."""
    if not text or not has_rtl(text):
        return text
    return _visual(arabic_reshaper.reshape(text), _base_dir(text))


def markup(text: str) -> str:
    """Shape and escape user text for a platypus Paragraph (names may contain & or <)."""
    return escape(shape(text)).replace("\n", "<br/>")


def width(text: str, font: str, size: float) -> float:
    """Width of already shaped text."""
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Break text into shaped lines no wider than max_width.

    RTL text is wrapped in logical order first and reordered line by line, otherwise the
    lines of a multi-line Arabic paragraph would come out in the wrong order.
    """
    if not has_rtl(text):
        return [line for part in text.split("\n")
                for line in (simpleSplit(part, font, size, max_width) or [""])]
    lines: list[str] = []
    base = _base_dir(text)
    for part in arabic_reshaper.reshape(text).split("\n"):
        current = ""
        for word in part.split():
            candidate = f"{current} {word}" if current else word
            if current and width(candidate, font, size) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return [_visual(line, base) for line in lines]


def ellipsize(shaped: str, font: str, size: float, max_width: float) -> str:
    """Cut a shaped line to max_width with an ellipsis; the last resort for overlong words."""
    if width(shaped, font, size) <= max_width:
        return shaped
    while shaped and width(shaped + "…", font, size) > max_width:
        shaped = shaped[:-1]
    return shaped + "…"


def fit(text: str, font: str, max_size: float, min_size: float, max_width: float,
        max_lines: int = 1) -> tuple[list[str], float]:
    """Find the largest size (in half points) at which text fits in max_lines lines.

    Badges print names as large as possible; a name too long even at min_size is cut.
    """
    size = max_size
    min_size = min(min_size, max_size)
    while True:
        lines = wrap(text, font, size, max_width)
        fits = len(lines) <= max_lines and all(width(ln, font, size) <= max_width for ln in lines)
        if fits:
            return lines, size
        if size - 0.5 < min_size:
            kept = lines[:max_lines]
            if len(lines) > max_lines:
                kept[-1] += " …"
            return [ellipsize(ln, font, size, max_width) for ln in kept], size
        size -= 0.5


def draw_text(c: Canvas, text: str, x: float, y: float, box_width: float, *, font: str = FONT,
              size: float = 10, align: str = "left", rtl_aware: bool = True) -> None:
    """Draw one line of user text in a box starting at x; RTL text flips "left" to "right"."""
    shaped = shape(text)
    if rtl_aware and align == "left" and rtl_base(text):
        align = "right"
    c.setFont(font, size)
    if align == "right":
        c.drawRightString(x + box_width, y, shaped)
    elif align == "center":
        c.drawCentredString(x + box_width / 2, y, shaped)
    else:
        c.drawString(x, y, shaped)


def draw_lines(c: Canvas, lines: list[str], x: float, y: float, box_width: float, *,
               font: str, size: float, leading: float | None = None, align: str = "left",
               rtl: bool = False) -> float:
    """Draw already shaped lines downwards from baseline y; return the baseline after the last."""
    leading = leading or size * 1.2
    c.setFont(font, size)
    for line in lines:
        if align == "center":
            c.drawCentredString(x + box_width / 2, y, line)
        elif align == "right" or rtl:
            c.drawRightString(x + box_width, y, line)
        else:
            c.drawString(x, y, line)
        y -= leading
    return y
