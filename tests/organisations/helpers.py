"""Test data shared by the organisations tests."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image


def png_bytes(width: int = 40, height: int = 30, color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def nomination_data(**extra: Any) -> dict[str, Any]:
    return {
        "first_name": "Ayşe",
        "surname": "Yılmaz",
        "description": "Elternarbeit seit 15 Jahren.",
        "consent_to_stand": "y",
        "consent_to_publish": "y",
        **extra,
    }
