"""What an answer page must and must not show: no internals, the asked-for language.

The msgids are English and the German catalog is complete, so English source text on a page
asked for in German is a message that escaped translation (evaluated too early, built by hand,
or a raw code). Attendee and voter pages must be translated into every offered language.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import wtforms
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
APP_CATALOGS = ROOT / "app" / "translations"
WTFORMS_CATALOGS = Path(wtforms.__file__).parent / "locale"
RTL = {"ar"}
INTERNALS = (
    "Traceback (most recent call last)",
    'File "/',
    "sqlalchemy",
    "psycopg",
    "IntegrityError",
    "OperationalError",
    "DataError",
    "StatementError",
    "UnicodeEncodeError",
    "werkzeug.exceptions",
    "jinja2.exceptions",
    "UndefinedError",
)
#: Where a page says that something was refused
REFUSAL_MARKERS = (
    'class="flash flash-error"',
    'class="flash flash-warning"',
    'class="error"',
    'class="error-summary"',
    'class="ballot-message"',
    'class="result result-bad"',
    'class="result result-warn"',
    'class="report"',
)
_MESSAGE_REGIONS = re.compile(
    r'<p class="flash [^"]*">(.*?)</p>'
    r'|<p class="error"[^>]*>(.*?)</p>'
    r'|<(?:div|section) class="error-summary".*?</(?:div|section)>'
    r'|<p class="ballot-message"[^>]*>(.*?)</p>'
    r'|<p class="answer-title">(.*?)</p>'
    r'|<section class="report".*?</section>',
    re.DOTALL,
)
_PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[sdfr]")
_RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
MIN_PIECE = 14


def _pieces(msgid: str) -> list[str]:
    """The literal parts of a message long enough not to match by accident."""
    return [
        piece.strip()
        for piece in _PLACEHOLDER.split(msgid)
        if len(piece.strip()) >= MIN_PIECE and " " in piece.strip()
    ]


def _read(path: Path) -> dict[str, str]:
    """msgid → translation, empty when untranslated or fuzzy (neither is compiled); plural
    forms as their parts."""
    if not path.exists():
        return {}
    with path.open("rb") as file:
        catalog = read_po(file)
    result: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for number, msgid in enumerate(ids):
            text = strings[min(number, len(strings) - 1)] or ""
            result[msgid] = "" if message.fuzzy or not all(strings) else text
    return result


@cache
def catalog(locale: str) -> dict[str, str]:
    """The app's messages and WTForms' own (which Flask-WTF shows) in ``locale``."""
    app = _read(APP_CATALOGS / locale / "LC_MESSAGES" / "messages.po")
    forms = _read(WTFORMS_CATALOGS / locale / "LC_MESSAGES" / "wtforms.po")
    return {**{k: v for k, v in forms.items() if k not in app}, **app}


@cache
def english(locale: str, *, public: bool) -> tuple[str, ...]:
    """English pieces that must not appear on a page in ``locale``.

    German pages and attendee pages: every English message (the German catalog is complete;
    attendee pages must be complete in every offered language). Staff pages in another
    language: what that locale's catalog translates, unless an untranslated message (shown in
    English by design) contains the same words.
    """
    if locale == "en":
        return ()
    translated = catalog(locale)
    if locale == "de" or public:
        wanted = {msgid for msgid in set(catalog("en")) | _read_source_ids() if _pieces(msgid)}
        untranslated: set[str] = set()
    else:
        wanted = {msgid for msgid, text in translated.items() if text}
        untranslated = {msgid for msgid, text in translated.items() if not text}
    found = {
        piece
        for msgid in wanted
        for piece in _pieces(msgid)
        if piece not in translated.get(msgid, "")
        and not any(piece in other for other in untranslated)
    }
    return tuple(sorted(found))


@cache
def _read_source_ids() -> frozenset[str]:
    """WTForms' English messages (its template)."""
    return frozenset(_read(WTFORMS_CATALOGS / "wtforms.pot"))


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def message_text(page: str) -> str:
    """The text of the flashes, field errors, error summaries and answers on the page."""
    return " ".join(visible_text(match.group(0)) for match in _MESSAGE_REGIONS.finditer(page))


def is_refusal(page: str) -> bool:
    return any(marker in page for marker in REFUSAL_MARKERS)


def problems(page: str, locale: str, *, public: bool, sent: str) -> list[str]:
    """Everything wrong with one HTML answer page asked for in ``locale``; ``sent`` is the text
    the drill sent so far (a page may show it back)."""
    found = [f"internals shown: {word!r}" for word in INTERNALS if word in page]
    head = re.search(r'<html lang="([^"]*)" dir="([^"]*)"', page)
    if head is None:
        return [*found, "no <html lang dir>"]
    if head.group(1) != locale:
        found.append(f"page in {head.group(1)!r}, asked for {locale!r}")
    if head.group(2) != ("rtl" if locale in RTL else "ltr"):
        found.append(f"direction {head.group(2)!r} for {locale!r}")
    text = visible_text(page)
    found += [
        f"English text: {piece!r}"
        for piece in english(locale, public=public)
        if piece in text and piece not in sent  # hypothesis also sends the app's own strings
    ]
    messages = message_text(page)
    found += [
        f"raw code in a message: {code!r}"
        for code in set(_RAW_CODE.findall(messages))
        if code not in sent
    ]
    return found
