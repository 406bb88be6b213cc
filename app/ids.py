"""Ids that arrive as text (form fields, query strings, link tokens).

PostgreSQL refuses to compare an INTEGER key with a number it cannot hold, and ``int()`` refuses
some text that ``str.isdigit()`` accepts ("²"); either way the request used to end in a 500.
An id from a request is ASCII digits and at most :data:`MAX_ID`, or it names nothing.
"""

from __future__ import annotations

import re

#: The largest value of an INTEGER key (PostgreSQL, and the migrations' SQLite tables)
MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")


def parse_id(text: object) -> int | None:
    """The id ``text`` names, or None when it cannot name a row."""
    raw = str(text) if text is not None else ""
    if not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None
