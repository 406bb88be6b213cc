"""URL converters shared by every area."""

from __future__ import annotations

from typing import Any

from werkzeug import routing


class IntegerConverter(routing.IntegerConverter):
    """``<int:…>`` limited to what a database integer key holds (64-bit signed).

    A larger number in a URL is then a plain 404 instead of an overflow in the driver (500).
    """

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002 - werkzeug's name
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)
