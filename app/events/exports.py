"""CSV exports for Excel: UTF-8 with BOM, ``;`` as separator, one header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from app.events import categories
from app.events.models import Registration, Session
from app.events.public_texts import STATUS_LABELS


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe(value: object) -> object:
    """Keep spreadsheet formulas out (=, +, -, @ at the start of a cell are neutralised)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _local(moment) -> str:  # noqa: ANN001
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Berlin"))
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M") if moment else ""


def registrations_csv(registrations: Iterable[Registration], questions: Sequence[str]) -> bytes:
    header = [
        _("No."),
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Category"),
        _("Status"),
        _("Sessions"),
        _("Language"),
        _("Photo consent"),
        _("Registered"),
        _("Notes for the door"),
        *questions,
    ]
    rows = (
        [
            r.id,
            r.name,
            r.email or "",
            r.organisation_name,
            categories.label_here(r.category) if r.category else "",
            str(STATUS_LABELS.get(r.status, r.status)),
            ", ".join(s.title for s in r.sessions),
            r.locale,
            _("yes") if r.photo_consent else _("no"),
            _local(r.created_at),
            r.door_notes,
            *[str((r.answers or {}).get(q, "")) for q in questions],
        ]
        for r in registrations
    )
    return _csv(header, rows)


def session_csv(session: Session, registrations: Iterable[Registration]) -> bytes:
    """The attendance list of one session, sorted by name, with a signature column."""
    header = [_("Name"), _("Organisation"), _("Category"), _("E-mail"), _("Signature")]
    people = sorted(registrations, key=lambda r: r.name.casefold())
    rows = (
        [
            r.name,
            r.organisation_name,
            categories.label_here(r.category) if r.category else "",
            r.email or "",
            "",
        ]
        for r in people
    )
    return _csv(header, rows)
