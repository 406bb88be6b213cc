"""Invitations: CSV import with a validation report, sending per category, reminders, counts.

A file with errors imports nothing unless the organiser confirms the good rows (the page sends
the checked file back with ``accept_good_rows=True``).
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from sqlalchemy import func, select

from app.events import categories, mails
from app.events.models import Event, Invitation, ParticipantCategory, Registration
from app.extensions import db

COLUMNS = ("name", "email", "organisation", "category", "language")
MAX_ROWS = 5000


@dataclass
class ImportReport:
    """Rows that can be imported and problems as (row number, problem code, detail)."""

    good: list[dict[str, str]] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    imported: int = 0


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def check_csv(event: Event, raw: bytes) -> ImportReport:
    """Validate a contacts file row by row; nothing is stored."""
    report = ImportReport()
    text = _decode(raw).replace("\0", "")  # no database column holds NUL (PostgreSQL refuses it)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        headers = [h.strip().lower() for h in (reader.fieldnames or [])]
        reader.fieldnames = headers
        rows = list(reader)
    except csv.Error:  # e.g. a cell longer than csv.field_size_limit()
        report.problems.append((1, "unreadable", ""))
        return report
    missing = [c for c in ("name", "email") if c not in headers]
    if missing:
        report.problems.append((1, "missing_columns", ", ".join(missing)))
        return report
    known = {c.code for c in categories.active()}
    invited = set(
        db.session.scalars(select(Invitation.email).where(Invitation.event_id == event.id))
    )
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            report.problems.append((number, "too_many_rows", str(MAX_ROWS)))
            break
        problem = _check_row(row, known, invited | seen)
        if problem:
            report.problems.append((number, *problem))
            continue
        cleaned = {c: (row.get(c) or "").strip() for c in COLUMNS}
        cleaned["email"] = cleaned["email"].lower()
        cleaned["language"] = cleaned["language"].lower() or "de"
        seen.add(cleaned["email"])
        report.good.append(cleaned)
    return report


def _check_row(row: dict, known: set[str], taken: set[str]) -> tuple[str, str] | None:  # noqa: ANN001
    name = (row.get("name") or "").strip()
    email = (row.get("email") or "").strip().lower()
    if None in row:
        return "too_many_columns", ""
    if not name or len(name) > 200:
        return "invalid_name", name[:50]
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return "invalid_email", email[:80]
    if email in taken:
        return "duplicate_email", email
    category = (row.get("category") or "").strip()
    if category and category not in known:
        return "unknown_category", category[:40]
    language = (row.get("language") or "").strip().lower()
    if language and language not in current_app.config["LANGUAGES"]:  # mails need a catalog
        return "unknown_language", language[:10]
    if len((row.get("organisation") or "").strip()) > 200:
        return "invalid_organisation", ""
    return None


def import_rows(
    event: Event, report: ImportReport, *, accept_good_rows: bool, now: datetime
) -> int:
    """Store the good rows; refuses (returns 0) when there were problems and no confirmation."""
    if report.problems and not accept_good_rows:
        return 0
    codes = {c.code: c.id for c in categories.active()}
    for row in report.good:
        db.session.add(
            Invitation(
                event_id=event.id,
                name=row["name"],
                email=row["email"],
                organisation_name=row["organisation"],
                category_id=codes.get(row["category"]),
                locale=row["language"] or "de",
                nonce=secrets.token_urlsafe(24),
                created_at=now,
            )
        )
    db.session.flush()
    report.imported = len(report.good)
    return report.imported


def _open_invitations(event: Event, category_code: str | None):  # noqa: ANN202
    query = select(Invitation).where(Invitation.event_id == event.id, Invitation.email.is_not(None))
    if category_code:
        query = query.join(ParticipantCategory).where(ParticipantCategory.code == category_code)
    return query.order_by(Invitation.id)


def send(event: Event, *, category_code: str | None, now: datetime) -> int:
    """Send invitations that were not sent yet (to one category or all)."""
    count = 0
    for invitation in db.session.scalars(
        _open_invitations(event, category_code).where(Invitation.sent_at.is_(None))
    ):
        mails.invitation_mail(invitation, "invitation")
        invitation.sent_at = now
        count += 1
    return count


def answers(event: Event) -> dict[int, str]:
    """How each invitation was answered; the one rule for reminders and statistics.

    "registered": an active registration through the link or with the same e-mail (on a
    public event people may register without their link); "declined": declined, or
    registered and cancelled since. Unanswered invitations are missing.
    """
    active_ids, active_emails, cancelled_ids, cancelled_emails = set(), set(), set(), set()
    rows = db.session.execute(
        select(Registration.invitation_id, Registration.email, Registration.status).where(
            Registration.event_id == event.id
        )
    )
    for invitation_id, email, status in rows:
        ids, emails = (
            (cancelled_ids, cancelled_emails)
            if status == "cancelled"
            else (active_ids, active_emails)
        )
        ids.add(invitation_id)
        emails.add(email)
    result = {}
    invitations = db.session.execute(
        select(Invitation.id, Invitation.email, Invitation.declined_at).where(
            Invitation.event_id == event.id
        )
    )
    for invitation_id, email, declined_at in invitations:
        if invitation_id in active_ids or (email and email in active_emails):
            result[invitation_id] = "registered"
        elif declined_at or invitation_id in cancelled_ids or (email and email in cancelled_emails):
            result[invitation_id] = "declined"
    return result


def remind(event: Event, *, category_code: str | None, now: datetime) -> int:
    """Remind those invited who neither registered nor declined (see :func:`answers`)."""
    answered = answers(event)
    query = _open_invitations(event, category_code).where(Invitation.sent_at.is_not(None))
    count = 0
    for invitation in db.session.scalars(query):
        if invitation.id in answered:
            continue
        mails.invitation_mail(invitation, "reminder")
        invitation.reminded_at = now
        count += 1
    return count


def counts_by_category(event: Event) -> list[dict[str, object]]:
    """Invited / registered / declined per category (see :func:`answers`)."""
    answered = answers(event)
    rows: dict[str, dict[str, object]] = {}
    labels = {c.id: categories.label_here(c) for c in categories.active()}
    for invitation in db.session.scalars(select(Invitation).where(Invitation.event_id == event.id)):
        label = labels.get(invitation.category_id, "—")
        row = rows.setdefault(
            label, {"category": label, "invited": 0, "registered": 0, "declined": 0}
        )
        row["invited"] += 1  # type: ignore[operator]
        answer = answered.get(invitation.id)
        if answer:
            row[answer] += 1  # type: ignore[operator]
    return sorted(rows.values(), key=lambda r: str(r["category"]))


def total(event: Event) -> int:
    return (
        db.session.scalar(select(func.count(Invitation.id)).where(Invitation.event_id == event.id))
        or 0
    )
