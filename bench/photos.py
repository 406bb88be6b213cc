"""Candidate photos for the bench: distinct portrait-sized images, stored as the upload
path stores them (``organisations.photos.reencode``: JPEG, at most 800 px, no metadata).

Each photo differs (tint, shapes, grain), so the PDF embeds one image per candidate as it
would with real photos instead of reusing one cached image.
"""

from __future__ import annotations

import io
import random
from functools import cache


@cache
def photo(index: int, size: tuple[int, int] = (600, 800)) -> bytes:
    """A reproducible portrait-like picture: gradient, head and shoulders, some grain."""
    from PIL import Image, ImageDraw, ImageFilter

    from app.organisations.photos import reencode

    rng = random.Random(index)
    width, height = size
    tint = [rng.randrange(60, 200) for _ in range(3)]
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.new("RGB", size, tuple(tint)), 0.6)
    draw = ImageDraw.Draw(image)
    skin = (rng.randrange(120, 230), rng.randrange(90, 190), rng.randrange(70, 160))
    cx, unit = width // 2 + rng.randrange(-40, 40), width // 9
    draw.ellipse((cx - 3 * unit, 2 * unit, cx + 3 * unit, 9 * unit), fill=skin)
    draw.rectangle((cx - 5 * unit, 9 * unit, cx + 5 * unit, height),
                   fill=tuple(255 - t for t in tint))
    grain = Image.effect_noise(size, 48).convert("RGB")
    image = Image.blend(image, grain, 0.2).filter(ImageFilter.GaussianBlur(0.5))
    raw = io.BytesIO()
    image.save(raw, format="PNG")
    return reencode(raw.getvalue())
