"""Dates and times in the reader's language and the office's time zone.

Labels use flask_babel's ``gettext`` directly: outside an application context it returns the
English msgid, so the functions also work in scripts and tests. Dates follow the locale that
flask_babel reports (``force_locale``), German when there is none.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from flask import has_app_context
from flask_babel import get_locale

#: The German offices this is printed for; aware datetimes (stored as UTC) are shown in it.
DISPLAY_TZ = ZoneInfo("Europe/Berlin")
DEFAULT_LOCALE = "de"


def locale() -> str:
    """The active flask_babel locale, German outside an app context or before Babel is set up."""
    if has_app_context():
        try:
            loc = get_locale()
        except KeyError:  # an app without the Babel extension
            loc = None
        if loc is not None:
            return str(loc)
    return DEFAULT_LOCALE


def local(dt: datetime) -> datetime:
    """Convert an aware datetime to the display zone; naive ones are taken as local already."""
    return dt.astimezone(DISPLAY_TZ) if dt.tzinfo is not None else dt


def fmt_date(d: date | datetime) -> str:
    """Long date with weekday, e.g. "Samstag, 14. März 2026"."""
    if isinstance(d, datetime):
        d = local(d).date()
    return _babel_date(d, format="full", locale=locale())


def fmt_short_date(d: date | datetime) -> str:
    """Numeric date, e.g. "14.03.2026"."""
    if isinstance(d, datetime):
        d = local(d).date()
    return _babel_date(d, format="medium" if locale() != "de" else "dd.MM.yyyy", locale=locale())


def fmt_time(dt: datetime) -> str:
    """24-hour time, e.g. "09:30"."""
    return _babel_time(local(dt).time(), format="HH:mm", locale=locale())


def fmt_datetime(dt: datetime) -> str:
    """Short date and time, e.g. "14.03.2026 09:30"."""
    return f"{fmt_short_date(dt)} {fmt_time(dt)}"


def fmt_span(start: datetime, end: datetime | None) -> str:
    """Time span on one day, e.g. "09:30–16:00"."""
    return fmt_time(start) if end is None else f"{fmt_time(start)}–{fmt_time(end)}"
