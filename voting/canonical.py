"""Canonical JSON: one byte string per value, so digests can be recomputed anywhere.

ELECTION.md R0.1 and R11.2 hash "the canonical JSON" of their data; this is it. The description
below is copied into every audit export (R11.4) so an auditor can re-implement it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, is_dataclass
from typing import Any

DESCRIPTION = (
    "UTF-8 encoded JSON as produced by Python json.dumps(value, sort_keys=True, "
    "separators=(',', ':'), ensure_ascii=False, allow_nan=False): object keys sorted, no "
    "whitespace, non-ASCII characters written as themselves, no trailing newline. Digests are "
    "SHA-256 of those bytes, written as 64 lowercase hex digits."
)


def plain(value: Any) -> Any:
    """Turn dataclasses and tuples into JSON's dicts and lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def canonical(value: Any) -> bytes:
    """The canonical serialisation of `value` (see DESCRIPTION)."""
    return canonical_plain(plain(value))


def canonical_plain(value: Any) -> bytes:
    """`canonical` of a value that is already JSON data (`plain(value)` would only copy it)."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def digest(value: Any) -> str:
    """SHA-256 hex digest of the canonical serialisation."""
    return hashlib.sha256(canonical(value)).hexdigest()
