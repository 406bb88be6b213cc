"""Form bodies as bytes, the way a browser or a hand-made client puts them on the wire.

Text is UTF-8; a lone surrogate goes out as its raw (invalid) UTF-8 bytes and ``bytes`` values
go out unchanged, so the app meets what it would meet from a real client.
"""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from tests.drills.hostile.fields import Upload
from tests.drills.hostile.values import Pairs, Value

BOUNDARY = "----drill7MA4YWxkTrZu0gW"


def as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def urlencoded(pairs: Pairs) -> bytes:
    parts = []
    for key, value in pairs:
        text = value.filename if isinstance(value, Upload) else value
        name = quote_from_bytes(as_bytes(key), safe="")
        parts.append(f"{name}={quote_from_bytes(as_bytes(text), safe='')}")
    return "&".join(parts).encode("ascii")


def _header_value(text: str | bytes) -> bytes:
    """A name in a Content-Disposition header, escaped as browsers do (quote, CR, LF)."""
    raw = as_bytes(text)
    return raw.replace(b'"', b"%22").replace(b"\r", b"%0D").replace(b"\n", b"%0A")


def multipart(pairs: Pairs) -> bytes:
    out = bytearray()
    for key, value in pairs:
        out += f"--{BOUNDARY}\r\n".encode()
        out += b'Content-Disposition: form-data; name="' + _header_value(key) + b'"'
        if isinstance(value, Upload):
            out += b'; filename="' + _header_value(value.filename) + b'"\r\n'
            out += f"Content-Type: {value.mimetype}\r\n\r\n".encode()
            out += value.content
        else:
            out += b"\r\n\r\n" + as_bytes(value)
        out += b"\r\n"
    out += f"--{BOUNDARY}--\r\n".encode()
    return bytes(out)


def encode(pairs: Pairs, *, files: bool) -> tuple[bytes, str]:
    """The body and its content type: multipart when the form takes files."""
    if files:
        return multipart(pairs), f"multipart/form-data; boundary={BOUNDARY}"
    return urlencoded(pairs), "application/x-www-form-urlencoded"


def shown(pairs: Pairs) -> list[tuple[str, str]]:
    """The payload shortened for an assertion message."""

    def short(value: Value | str) -> str:
        text = repr(value.filename if isinstance(value, Upload) else value)
        return text if len(text) <= 80 else f"{text[:60]}…({len(text)} chars)"

    return [(short(key), short(value)) for key, value in pairs]
