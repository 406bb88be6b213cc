"""Languages: choosing the locale, the switch on every page, text direction.

The choice is remembered in a cookie for a year, so a delegate who picked Arabic on the
ballot page keeps it on every following page, logged in or not.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, redirect, request
from flask_babel import Babel, get_locale
from werkzeug.wrappers import Response

from config import RTL_LANGUAGES

LANG_COOKIE = "lang"
TRANSLATIONS_DIR = "translations"


def supported() -> list[str]:
    return list(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """Explicit ?lang=, then the remembered cookie, then the browser's wish, then German."""
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in current_app.config["LANGUAGES"]:
            return candidate
    return (
        request.accept_languages.best_match(supported())
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


def text_direction(locale: str | None = None) -> str:
    return "rtl" if (locale or str(get_locale())) in RTL_LANGUAGES else "ltr"


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Only same-site paths are followed after a switch or login (no open redirects)."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def switch_language(code: str) -> Response:
    """Remember the chosen language and go back to the page the user came from."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")))
    response.set_cookie(
        LANG_COOKIE,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )
    return response


def _template_globals() -> dict[str, Any]:
    locale = str(get_locale())
    return {
        "current_locale": locale,
        "text_direction": text_direction(locale),
        "languages": current_app.config["LANGUAGES"],
    }


def init_app(app: Flask, babel: Babel) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=TRANSLATIONS_DIR,
    )
    app.context_processor(_template_globals)
    app.add_url_rule("/lang/<code>", "switch_language", switch_language)
