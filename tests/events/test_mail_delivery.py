"""Mails reach a real SMTP server on loopback (aiosmtpd), in the recipient's language,
with text, HTML and the ticket PDF; SMTP failures are retried, and files are written without
a server."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from app.db import utcnow
from app.events import services
from app.events.models import Event
from app.extensions import db
from app.mail import outbox
from app.mail.models import OutboxMessage
from tests.events.conftest import NOW, free_port, person, session_ids


def test_confirmation_arrives_in_turkish_with_ticket_pdf(app: Flask, smtpd, make_event) -> None:
    event_id = make_event(
        sessions=[("Bildung", 0, 10)],
        translations={"tr": {"title": "Entegrasyon Konferansı", "description": ""}},
    )
    (bildung,) = session_ids(app, event_id)
    with app.app_context():
        event = db.session.get(Event, event_id)
        data = person(1, name="Ayşe Yılmaz", session_ids=[bildung])
        services.register(event, data, now=NOW, locale="tr")
        db.session.commit()
        assert outbox.deliver_due() == 1
    (mail,) = smtpd.inbox
    assert mail["To"] == "person1@example.org"
    assert "Entegrasyon Konferansı" in mail["Subject"]
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Ayşe Yılmaz" in text and "Bildung" in text and "/r/" in text
    assert '<html lang="tr"' in html
    names = {part.get_filename(): part for part in mail.iter_attachments()}
    assert names["ticket.pdf"].get_content().startswith(b"%PDF")
    assert "BEGIN:VCALENDAR" in names["event.ics"].get_content()


def test_waiting_list_mail_in_german_has_no_ticket(app: Flask, smtpd, make_event) -> None:
    event_id = make_event(capacity=0)
    with app.app_context():
        services.register(db.session.get(Event, event_id), person(1), now=NOW, locale="de")
        db.session.commit()
        outbox.deliver_due()
    (mail,) = smtpd.inbox
    assert mail["Content-Language"] == "de"
    assert '<html lang="de"' in mail.get_body(("html",)).get_content()
    assert not list(mail.iter_attachments())  # no ticket while waiting


def test_mail_written_by_a_request_is_delivered_after_commit(
    app: Flask, client, smtpd, make_event
) -> None:
    event_id = make_event()
    response = client.post(
        f"/events/{event_id}/register?lang=en",
        data={
            "name": "Olena Shevchenko",
            "email": "olena@example.org",
            "category": "resident",
            "consent": "y",
        },
    )
    assert response.status_code == 302
    (mail,) = smtpd.inbox
    assert mail["Subject"].startswith("Your registration")


def test_smtp_failure_is_retried_with_backoff_then_marked_failed(app: Flask, make_event) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    event_id = make_event()
    with app.app_context():
        services.register(db.session.get(Event, event_id), person(1), now=NOW)
        db.session.commit()
        now = utcnow()
        assert outbox.deliver_due(now=now) == 0
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == "pending" and message.attempts == 1 and message.last_error
        assert message.next_attempt_at > now
        assert outbox.deliver_due(now=now) == 0  # not due yet
        assert message.attempts == 1
        for _ in outbox.BACKOFF:
            now += timedelta(days=1)
            outbox.deliver_due(now=now)
        assert message.status == "failed"


def test_without_mail_server_mails_are_eml_files(app: Flask, make_event, runner) -> None:
    event_id = make_event()
    with app.app_context():
        services.register(db.session.get(Event, event_id), person(1), now=NOW)
        db.session.commit()
    result = runner.invoke(args=["mail", "deliver"])
    assert "1 sent" in result.output
    from pathlib import Path

    files = list(Path(app.config["MAIL_OUTBOX_DIR"]).glob("*.eml"))
    assert len(files) == 1
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "person1@example.org"


def test_rolled_back_registration_sends_nothing(app: Flask, smtpd, make_event) -> None:
    event_id = make_event()
    with app.app_context():
        services.register(db.session.get(Event, event_id), person(1), now=NOW)
        db.session.rollback()
        assert outbox.deliver_due() == 0
    assert smtpd.inbox == []


def test_a_claimed_message_is_not_sent_twice(app: Flask, make_event) -> None:
    event_id = make_event()
    with app.app_context():
        services.register(db.session.get(Event, event_id), person(1), now=NOW)
        db.session.commit()
        message_id = db.session.scalar(select(OutboxMessage.id))
        assert outbox._claim(message_id, utcnow()) is True
        assert outbox._claim(message_id, utcnow()) is False  # another worker has it
        assert outbox.deliver_due() == 0


def test_organiser_sees_failed_mail_and_resends_it(
    app: Flask, client, login, smtpd, make_event
) -> None:
    from app.auth.models import Role

    event_id = make_event()
    with app.app_context():
        services.register(db.session.get(Event, event_id), person(1), now=NOW)
        db.session.commit()
        message = db.session.scalar(select(OutboxMessage))
        message.status, message.last_error = "failed", "SMTPServerDisconnected: gone"
        db.session.commit()
        message_id = message.id
    login(Role.ORGANISER)
    page = client.get("/staff/mail/?status=failed&lang=en")
    assert "SMTPServerDisconnected" in page.text
    assert client.post(f"/staff/mail/{message_id}/resend").status_code == 302
    assert len(smtpd.inbox) == 1
    with app.app_context():
        assert db.session.get(OutboxMessage, message_id).status == "sent"
