"""The audit export's file text (R11.4): indented JSON, one ballot per line.

The layout is ``json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)``, except that
each item of a ``"ballots"`` list is written on a line of its own as its canonical JSON
(``voting.canonical``): the very bytes the round's commitment hashes (R11.2). A round of a
million ballots is then half the size (100 MB, not 200), quicker to write and to parse, and
``grep -c`` counts ballots.

With ``indent`` set, Python's json module leaves its C encoder for a pure-Python one: 15 s for a
million ballots. Here containers are laid out in a few lines of Python and every scalar goes
through the C encoder; a list that repeats one object (``build_export`` shares a content dict
among identical ballots, in sorted order) encodes it once and writes each run of it at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

#: The list whose items are written one per line, canonically
LINES_KEY = "ballots"


def export_text(data: Any) -> str:
    """``data`` as the export file holds it (see the module's docstring)."""
    return "".join(_pieces(data))


def write_export(data: Any, path: Path) -> None:
    """Write ``export_text(data)`` to ``path`` as UTF-8 without first making one large string."""
    with path.open("w", encoding="utf-8", newline="\n") as file:
        file.writelines(_pieces(data))


def _pieces(data: Any) -> Iterator[str]:
    out: list[str] = []
    _write(data, 0, out)
    return iter(out)


def _write(value: Any, level: int, out: list[str]) -> None:
    """Append the pieces of ``value``'s text to ``out``: no large string is built twice."""
    if isinstance(value, dict):
        _object(value, level, out)
    elif isinstance(value, list | tuple):
        _array(value, level, out)
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _object(value: dict[Any, Any], level: int, out: list[str]) -> None:
    if not value:
        out.append("{}")
    elif not all(type(key) is str for key in value):  # json converts such keys after sorting
        out.append(_indented(value, level))
    else:
        inner = "\n" + " " * (level + 1)
        separator = "{" + inner
        for key, item in sorted(value.items()):
            out.append(separator + encode_basestring(key) + ": ")
            if key == LINES_KEY and isinstance(item, list | tuple) and item:
                _lines(item, level + 1, out)
            else:
                _write(item, level + 1, out)
            separator = "," + inner
        out.append("\n" + " " * level + "}")


def _array(value: list[Any] | tuple[Any, ...], level: int, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = "\n" + " " * (level + 1)
    if set(map(type, value)) == {str}:
        parts = list(map(encode_basestring, value))
    else:  # each distinct object once, by id(): the list holds every item alive meanwhile
        ids = list(map(id, value))
        distinct = dict(zip(ids, value, strict=True))
        texts = {key: _text(item, level + 1) for key, item in distinct.items()}
        parts = list(map(texts.__getitem__, ids))
    out.append("[" + inner)
    out.append(("," + inner).join(parts))
    out.append("\n" + " " * level + "]")


def _lines(value: list[Any] | tuple[Any, ...], level: int, out: list[str]) -> None:
    """A list with each item's canonical JSON on a line; a run of one object written at once."""
    inner = "\n" + " " * (level + 1)
    separator = "," + inner
    texts: dict[int, str] = {}  # the list holds every item alive meanwhile: ids stay unique
    out.append("[" + inner)
    first = True
    for key, run in groupby(value, key=id):
        items = list(run)
        count = len(items)
        if key not in texts:
            texts[key] = json.dumps(items[0], sort_keys=True, separators=(",", ":"),
                                    ensure_ascii=False, allow_nan=False)
        line = texts[key]
        if first:
            out.append(line)
            count -= 1
            first = False
        out.append((separator + line) * count)
    out.append("\n" + " " * level + "]")


def _text(value: Any, level: int) -> str:
    if type(value) is str:
        return encode_basestring(value)
    out: list[str] = []
    _write(value, level, out)
    return "".join(out)


def _indented(value: Any, level: int) -> str:
    """The json module's own text, shifted to ``level``."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n" + " " * level)
