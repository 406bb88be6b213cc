"""CSV import with a validation report, and CSV export (UTF-8 with BOM, for Excel).

An import never stores part of a file by accident: a file with problems is imported only when
the organiser confirms the good rows, and the rows go in with one bulk insert in one
transaction (a clash with a concurrent change fails the whole import).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import insert, select

from app.auth.models import User
from app.extensions import db
from app.organisations.models import KIND_VALUES, Organisation, OrganisationChange
from app.organisations.names import fold, normalise_name
from app.organisations.services import FIELDS

MAX_ROWS = 2000
MAX_LENGTHS = {
    "name": 300,
    "kind": 20,
    "contact_person": 200,
    "email": 254,
    "phone": 50,
    "languages": 300,
    "website": 300,
}
#: Header names accepted besides the field names (German column titles, folded)
HEADER_ALIASES = {
    "organisation": "name",
    "organization": "name",
    "art": "kind",
    "typ": "kind",
    "ansprechperson": "contact_person",
    "ansprechpartner": "contact_person",
    "ansprechpartnerin": "contact_person",
    "kontaktperson": "contact_person",
    "contact": "contact_person",
    "e-mail": "email",
    "mail": "email",
    "telefon": "phone",
    "adresse": "address",
    "anschrift": "address",
    "sprachen": "languages",
    "webseite": "website",
    "internet": "website",
    "notizen": "notes",
    "bemerkungen": "notes",
}
#: Kind values accepted besides the codes (folded German words)
KIND_ALIASES = {
    "migrantenorganisation": "mso",
    "migrant*innenorganisation": "mso",
    "migrantinnenorganisation": "mso",
    "dachorganisation": "umbrella",
    "dachverband": "umbrella",
    "wohlfahrtsverband": "ngo",
    "religionsgemeinschaft": "religious",
    "religiose gemeinschaft": "religious",
    "gemeinde": "religious",
    "behorde": "authority",
    "verwaltung": "authority",
    "sonstige": "other",
    "andere": "other",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """One finding of the validation: the file's row number (header = 1) and a stable code."""

    row: int
    code: str  # "columns" | "no_rows" | "too_many_rows" | "empty_name" | "bad_email" | …
    detail: str = ""


@dataclass
class ImportReport:
    """The outcome of reading a CSV file: rows that can be imported, and problems."""

    good: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: A problem with the whole file (wrong columns, too many rows): nothing can be imported
    fatal: bool = False

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header_field(title: str) -> str | None:
    key = fold(title).strip().replace(" ", "_")
    if key in FIELDS:
        return key
    return HEADER_ALIASES.get(key.replace("_", " ")) or HEADER_ALIASES.get(key)


def _unformula(value: str) -> str:
    """Undo the apostrophe the export puts before cells that look like formulas."""
    if value.startswith("'") and value[1:2] in _FORMULA_START:
        return value[1:]
    return value


def _kind(value: str) -> str | None:
    folded = fold(value).strip()
    if not folded:
        return "mso"
    if folded in KIND_VALUES:
        return folded
    return KIND_ALIASES.get(folded)


def _check_row(number: int, values: dict[str, str], report: ImportReport) -> bool:
    before = len(report.problems)
    if not normalise_name(values["name"]):
        report.problems.append(Problem(number, "empty_name"))
    kind = _kind(values["kind"])
    if kind is None:
        report.problems.append(Problem(number, "bad_kind", values["kind"]))
    else:
        values["kind"] = kind
    if values["email"]:
        try:
            validate_email(values["email"], check_deliverability=False)
        except EmailNotValidError:
            report.problems.append(Problem(number, "bad_email", values["email"]))
        values["email"] = values["email"].lower()
    for name, limit in MAX_LENGTHS.items():
        if len(values[name]) > limit:
            report.problems.append(Problem(number, "too_long", name))
    return len(report.problems) == before


def read_csv(data: bytes, *, max_rows: int = MAX_ROWS) -> ImportReport:
    """Validate a CSV file against the registry; stores nothing."""
    report = ImportReport()
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text.replace("\0", "")), dialect))
    except csv.Error:  # e.g. a cell longer than csv.field_size_limit()
        report.fatal = True
        report.problems.append(Problem(1, "unreadable"))
        return report
    header = [_header_field(title) for title in (rows[0] if rows else [])]
    unknown = [t for t, f in zip(rows[0] if rows else [], header, strict=True) if not f and t]
    if (
        "name" not in header
        or unknown
        or len(set(filter(None, header))) != len(list(filter(None, header)))
    ):
        report.fatal = True
        report.problems.append(Problem(1, "columns", ", ".join(unknown)))
        return report
    body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]
    if not body:
        report.fatal = True
        report.problems.append(Problem(1, "no_rows"))
        return report
    if len(body) > max_rows:
        report.fatal = True
        report.problems.append(Problem(1, "too_many_rows", str(max_rows)))
        return report
    _check_rows(body, header, report)
    return report


def _check_rows(body: list[tuple[int, list[str]]], header: list, report: ImportReport) -> None:
    seen: dict[str, int] = {}
    candidates: list[tuple[int, dict[str, str], str]] = []
    for number, row in body:
        if len(row) > len(header):
            report.problems.append(Problem(number, "extra_cells"))
            continue
        values = dict.fromkeys(FIELDS, "")
        for title, cell in zip(header, row, strict=False):
            if title:
                values[title] = _unformula(cell.strip())
        if not _check_row(number, values, report):
            continue
        key = normalise_name(values["name"])
        if key in seen:
            report.problems.append(Problem(number, "duplicate_in_file", str(seen[key])))
            continue
        seen[key] = number
        candidates.append((number, values, key))
    existing = _registered(key for _, _, key in candidates)
    for number, values, key in candidates:
        if key in existing:
            report.problems.append(Problem(number, "duplicate_in_registry", existing[key]))
        else:
            report.good.append((number, values))


def _registered(keys: Iterable[str]) -> dict[str, str]:
    """Registered names by normalised key, for the given keys (in chunks, for big files)."""
    keys = list(keys)
    found: dict[str, str] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        rows = db.session.execute(
            select(Organisation.normalised_name, Organisation.name).where(
                Organisation.normalised_name.in_(chunk)
            )
        )
        found.update({key: name for key, name in rows})
    return found


def import_rows(report: ImportReport, *, actor: User | None, now: datetime) -> int:
    """Insert the report's good rows in bulk, with a history entry each; returns the count.

    The caller commits; an IntegrityError (a name registered meanwhile) must roll back all.
    """
    if report.fatal or not report.good:
        return 0
    rows = [
        {
            **values,
            "normalised_name": normalise_name(values["name"]),
            "created_at": now,
            "updated_at": now,
        }
        for _, values in report.good
    ]
    ids = db.session.scalars(
        insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True), rows
    ).all()
    db.session.execute(
        insert(OrganisationChange),
        [
            {
                "organisation_id": organisation_id,
                "action": "imported",
                "details": {"row": number},
                "changed_by_id": actor.id if actor else None,
                "changed_at": now,
            }
            for organisation_id, (number, _) in zip(ids, report.good, strict=True)
        ],
    )
    return len(ids)


def _safe_cell(value: str) -> str:
    """Cells that a spreadsheet would run as a formula get a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(organisations: Iterable[Organisation]) -> bytes:
    """The registry as CSV: UTF-8 with BOM and semicolons, as German Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(FIELDS)
    for organisation in organisations:
        writer.writerow([_safe_cell(str(getattr(organisation, f) or "")) for f in FIELDS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
