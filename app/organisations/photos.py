"""Candidate photos: checked, re-encoded to a small JPEG without EXIF or other metadata."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
#: Larger images are refused before decoding (decompression bombs)
MAX_PIXELS = 40_000_000


class PhotoError(Exception):
    """The upload is not a usable photo; ``code`` is "too_large" | "not_an_image" | "format"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def reencode(data: bytes) -> bytes:
    """Return the photo as a JPEG of at most 800 × 800 px, upright, with no metadata."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoError("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format
                if probe.width * probe.height > MAX_PIXELS:
                    raise PhotoError("too_large")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning):
        raise PhotoError("not_an_image") from None
    if kind not in ALLOWED_FORMATS:
        raise PhotoError("format")
    rgb = _flatten(upright)
    rgb.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    rgb.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent areas become white; everything becomes RGB."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
