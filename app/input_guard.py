"""Refuse text that no database column can hold: NUL characters and lone surrogates.

PostgreSQL rejects NUL in text and UTF-8 cannot encode a lone surrogate, so such input would
otherwise fail deep inside a transaction as a 500. One check at the door answers every form and
API route with a clear 400 (HTML) or 422 (JSON) instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, UnprocessableEntity

MESSAGE = _l("The input contains characters that cannot be stored. Please check it.")


def _unstorable(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _strings(value: object) -> Iterable[str]:
    """Every string inside a decoded JSON value, keys included."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _check_request() -> None:
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        values: Iterable[str] = request.args.values()
    elif request.is_json:
        values = _strings(request.get_json(silent=True))
    else:
        values = [*request.args.values(), *request.form.values()]
    if any(_unstorable(v) for v in values) or _unstorable(request.path):
        error = UnprocessableEntity() if request.path.startswith("/api/") else BadRequest()
        error.user_message = str(MESSAGE)  # type: ignore[attr-defined]  (shown by app.errors)
        raise error


def init_app(app: Flask) -> None:
    app.before_request(_check_request)
