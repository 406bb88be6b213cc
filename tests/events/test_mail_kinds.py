"""Promotion, change, cancellation, invitation and reminder mails through a real SMTP server.

Each arrives as text and HTML in the recipient's language; promotion and change carry the
current ticket PDF (read back with pdftotext) and the calendar file, cancellation does not.
"""

from __future__ import annotations

import email.message
import shutil
import subprocess
from pathlib import Path

import pytest
from flask import Flask

from app.db import utcnow
from app.events import invitations, services
from app.events.models import Event, Invitation
from app.extensions import db
from app.mail import outbox
from tests.events.conftest import NOW, person, session_ids


def _deliver(app: Flask, smtpd) -> list[email.message.EmailMessage]:  # noqa: ANN001
    """Deliver everything due and hand back (and forget) what the server received."""
    with app.app_context():
        outbox.deliver_due()
    received = list(smtpd.inbox)
    smtpd.inbox.clear()
    return received


def _parts(mail: email.message.EmailMessage) -> tuple[str, str, dict[str, bytes | str]]:
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    return text, html, {p.get_filename(): p.get_content() for p in mail.iter_attachments()}


def _pdf_text(content: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler-utils")
    pdf = tmp_path / "ticket.pdf"
    pdf.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_cancellation_then_promotion_with_ticket(
    app: Flask, smtpd, make_event, tmp_path: Path
) -> None:
    event_id = make_event(capacity=1)
    with app.app_context():
        event = db.session.get(Event, event_id)
        first = services.register(event, person(1), now=NOW, locale="de").registration
        services.register(event, person(2, name="Олена Шевченко"), now=NOW, locale="uk")
        db.session.commit()
    assert len(_deliver(app, smtpd)) == 2  # confirmation and waiting list
    with app.app_context():
        services.cancel(db.session.merge(first), now=utcnow())
        db.session.commit()
    mails = {m["To"]: m for m in _deliver(app, smtpd)}
    cancelled, promoted = mails["person1@example.org"], mails["person2@example.org"]

    text, html, attached = _parts(cancelled)
    assert cancelled["Content-Language"] == "de" and "storniert" in cancelled["Subject"]
    assert '<html lang="de"' in html and "Integrationskonferenz Mitte" in text
    assert attached == {}  # no ticket for a cancelled registration

    text, html, attached = _parts(promoted)
    assert promoted["Content-Language"] == "uk"
    assert promoted["Subject"].startswith("Для Вас звільнилося місце")
    assert '<html lang="uk"' in html and "/r/" in text
    assert set(attached) == {"ticket.pdf", "event.ics"}
    assert "Олена Шевченко" in _pdf_text(attached["ticket.pdf"], tmp_path)


def test_change_mail_carries_the_new_session_on_the_ticket(
    app: Flask, smtpd, make_event, tmp_path: Path
) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 10), ("Arbeitsmarkt", 0, 10)])
    bildung, arbeit = session_ids(app, event_id)
    with app.app_context():
        event = db.session.get(Event, event_id)
        registration = services.register(
            event, person(1, name="Ayşe Yılmaz", session_ids=[bildung]), now=NOW, locale="tr"
        ).registration
        db.session.commit()
    _deliver(app, smtpd)
    with app.app_context():
        services.change(db.session.merge(registration), session_ids=[arbeit], now=utcnow())
        db.session.commit()
    (changed,) = _deliver(app, smtpd)
    text, html, attached = _parts(changed)
    assert changed["Content-Language"] == "tr" and '<html lang="tr"' in html
    assert "Arbeitsmarkt" in text
    assert set(attached) == {"ticket.pdf", "event.ics"}
    ticket = _pdf_text(attached["ticket.pdf"], tmp_path)
    assert "Arbeitsmarkt" in ticket and "Bildung" not in ticket


def test_turkish_invitation_and_reminder(app: Flask, smtpd, make_event) -> None:
    event_id = make_event(
        translations={"tr": {"title": "Entegrasyon Konferansı", "description": ""}}
    )
    with app.app_context():
        db.session.add_all(
            [
                Invitation(
                    event_id=event_id,
                    name="Mehmet Kaya",
                    email="mehmet@example.org",
                    locale="tr",
                    nonce="nonce-mehmet",
                ),
                Invitation(
                    event_id=event_id,
                    name="Anna Schmidt",
                    email="anna@example.org",
                    locale="de",
                    nonce="nonce-anna",
                ),
            ]
        )
        db.session.flush()
        assert invitations.send(db.session.get(Event, event_id), category_code=None, now=NOW) == 2
        db.session.commit()
    mails = {m["To"]: m for m in _deliver(app, smtpd)}
    turkish = mails["mehmet@example.org"]
    text, html, attached = _parts(turkish)
    assert turkish["Subject"] == "Davet: Entegrasyon Konferansı"
    assert turkish["Content-Language"] == "tr" and '<html lang="tr"' in html
    assert "Mehmet Kaya" in text and "/i/" in text and "/i/" in html
    assert attached == {}
    assert mails["anna@example.org"]["Content-Language"] == "de"

    with app.app_context():
        event = db.session.get(Event, event_id)
        assert invitations.remind(event, category_code=None, now=utcnow()) == 2
        db.session.commit()
    reminders = {m["To"]: m for m in _deliver(app, smtpd)}
    reminder = reminders["mehmet@example.org"]
    text, html, _ = _parts(reminder)
    assert reminder["Subject"] == "Hatırlatma: Entegrasyon Konferansı davetiyesi"
    assert '<html lang="tr"' in html and "/i/" in text
