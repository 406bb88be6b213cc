"""Data for the ticket PDF and the calendar file of a registration."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import force_locale

from app.documents.data import EventDay as DayInfo
from app.documents.data import EventInfo, SessionSlot, TicketData
from app.documents.tickets import ticket_pdf
from app.events import links, tickets
from app.events.models import Event, EventKind, Registration
from app.events.public_texts import KIND_LABELS
from app.extensions import db


def kind_label(event: Event) -> str:
    return str(KIND_LABELS.get(EventKind(event.kind), KIND_LABELS[EventKind.OTHER]))


def ticket_data(registration: Registration) -> TicketData:
    """What the ticket shows, in the attendee's language."""
    event = registration.event
    locale = registration.locale
    info = EventInfo(
        title=event.text_in(locale, "title"),
        kind_label=kind_label(event),
        days=tuple(DayInfo(d.starts_at, d.ends_at) for d in event.days),
        venue=event.venue,
    )
    slots = tuple(
        SessionSlot(s.text_in(locale, "title"), s.room, s.starts_at, s.ends_at)
        for s in registration.sessions
    )
    category = registration.category.label(locale) if registration.category else ""
    ticket = registration.ticket or tickets.issue(registration)
    return TicketData(
        event=info,
        attendee_name=registration.name,
        organisation=registration.organisation_name,
        category=category,
        sessions=slots,
        qr_payload=tickets.token_for(ticket),
    )


def ticket_pdf_for(registration: Registration) -> bytes:
    with force_locale(registration.locale):
        return ticket_pdf(ticket_data(registration))


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold_ics_line(line: str, limit: int = 75) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue after CRLF and a space.

    Cut between characters, never inside a multi-byte UTF-8 sequence (Arabic, Cyrillic).
    """
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1  # the continuation's leading space counts as an octet
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _ics_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_for(registration: Registration) -> bytes:
    """An iCalendar file with one entry per day of the event and per booked session."""
    event = registration.event
    title = event.text_in(registration.locale, "title")
    stamp = _ics_time(datetime.now(UTC))
    url = links.absolute("events_public.manage", token=links.manage_token(registration))
    entries = [(f"day{d.id}", title, d.starts_at, d.ends_at, event.venue) for d in event.days]
    entries += [
        (
            f"session{s.id}",
            f"{title}: {s.text_in(registration.locale, 'title')}",
            s.starts_at,
            s.ends_at,
            f"{event.venue} {s.room}".strip(),
        )
        for s in registration.sessions
    ]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//teilhabe//events//DE", "METHOD:PUBLISH"]
    for uid, summary, start, end, place in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:registration{registration.id}-{uid}@teilhabe",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(start)}",
            f"DTEND:{_ics_time(end)}",
            f"SUMMARY:{_ics_text(summary)}",
            f"LOCATION:{_ics_text(place)}",
            f"URL:{url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold_ics_line(line) for line in lines) + "\r\n").encode("utf-8")


def ticket_attachment(registration_id: int) -> tuple[str, str, bytes] | None:
    """Outbox provider: the current ticket PDF, built when the mail is delivered."""
    registration = db.session.get(Registration, int(registration_id))
    if registration is None or registration.status != "confirmed" or registration.email is None:
        return None
    return "ticket.pdf", "application/pdf", ticket_pdf_for(registration)


def ics_attachment(registration_id: int) -> tuple[str, str, bytes] | None:
    registration = db.session.get(Registration, int(registration_id))
    if registration is None or registration.status != "confirmed" or registration.email is None:
        return None
    return "event.ics", "text/calendar", ics_for(registration)
