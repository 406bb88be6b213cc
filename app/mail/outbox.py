"""Queue mails in the outbox and deliver them: SMTP when ``MAIL_SERVER`` is set, else ``.eml``
files in ``MAIL_OUTBOX_DIR``.

Delivery happens after commit: a registration is never lost because SMTP was down, and a mail
is never sent for something that was rolled back. Failures are retried with growing pauses
(:data:`BACKOFF`); after the last one the message is marked failed and organisers may resend it.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from app.db import read_only, utcnow
from app.extensions import db
from app.mail.models import MailStatus, OutboxMessage

log = logging.getLogger(__name__)

#: Pause after the n-th failed attempt; after the last, the message is failed.
BACKOFF = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
Attachment = tuple[str, str, bytes]  # filename, MIME type, content
_PROVIDERS: dict[str, Callable[[Any], Attachment | None]] = {}


def register_attachment(name: str, provider: Callable[[Any], Attachment | None]) -> None:
    """Areas name builders of attachments made at delivery (ticket PDF of a registration id)."""
    _PROVIDERS[name] = provider


def queue(
    *,
    kind: str,
    recipient: str,
    subject: str,
    text_body: str,
    html_body: str = "",
    locale: str = "de",
    attachments: Iterable[dict[str, Any]] = (),
    event_id: int | None = None,
    registration_id: int | None = None,
) -> OutboxMessage:
    """Write a mail into the outbox in the caller's transaction; it is sent after commit."""
    message = OutboxMessage(
        kind=kind,
        recipient=recipient,
        subject=subject[:300],
        text_body=text_body,
        html_body=html_body,
        locale=locale,
        attachments=list(attachments),
        status=MailStatus.PENDING.value,
        attempts=0,
        next_attempt_at=utcnow(),
        event_id=event_id,
        registration_id=registration_id,
    )
    db.session.add(message)
    db.session.flush()
    db.session.info.setdefault("outbox_new_ids", set()).add(message.id)
    return message


def build(message: OutboxMessage) -> EmailMessage:
    """The MIME message: text, HTML alternative, attachments."""
    mail = EmailMessage()
    mail["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    mail["To"] = message.recipient
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = make_msgid(idstring=f"outbox{message.id}")
    mail.set_content(message.text_body)
    if message.html_body:
        mail.add_alternative(message.html_body, subtype="html")
    for spec in message.attachments or []:
        provider = _PROVIDERS.get(spec.get("provider", ""))
        built = provider(spec.get("ref")) if provider else None
        if built is None:
            continue
        filename, mimetype, content = built
        maintype, subtype = mimetype.split("/", 1)
        mail.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    mail["Content-Language"] = message.locale  # after the body: set_content clears Content-*
    return mail


def _send(mail: EmailMessage, message_id: int) -> None:
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        folder = Path(config["MAIL_OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{message_id:07d}.eml").write_bytes(mail.as_bytes())
        return
    host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
    timeout = config.get("MAIL_TIMEOUT", 15)
    if config.get("MAIL_USE_SSL"):
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(mail)


#: A claimed message is left alone by other deliverers for this long (crash safety).
LEASE = timedelta(minutes=10)


def _claim(message_id: int, now: datetime) -> bool:
    """Atomically take a due message for sending; False if another process has it."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == MailStatus.PENDING.value,
            OutboxMessage.next_attempt_at <= now,
            OutboxMessage.recipient.is_not(None),
        )
        .values(next_attempt_at=now + LEASE)
    )
    db.session.commit()
    return claimed.rowcount == 1


def deliver(message_id: int, *, now: datetime | None = None) -> bool:
    """Send one message and record the outcome.

    No transaction is open while SMTP talks: the message is claimed (short transaction), the
    MIME message is built (short transaction), sent, and the result recorded (short
    transaction). On SQLite this keeps the write lock free for registrations.
    """
    now = now or utcnow()
    if not _claim(message_id, now):
        return False
    error: Exception | None = None
    with read_only():  # rendering the ticket PDF must not hold SQLite's write lock
        message = db.session.get(OutboxMessage, message_id)
        try:
            mail = build(message)
        except Exception as problem:  # noqa: BLE001 - a broken attachment is recorded
            error, mail = problem, None
        db.session.commit()
    if mail is not None:
        try:
            _send(mail, message_id)
        except Exception as problem:  # noqa: BLE001 - any failure is recorded and retried
            error = problem
    message = db.session.get(OutboxMessage, message_id)
    message.attempts += 1
    if error is None:
        message.status = MailStatus.SENT.value
        message.sent_at = now
        message.last_error = ""
    else:
        log.warning("mail %s not delivered: %s", message_id, error)
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts > len(BACKOFF):
            message.status = MailStatus.FAILED.value
        else:
            message.next_attempt_at = now + BACKOFF[message.attempts - 1]
    db.session.commit()
    return error is None


def deliver_due(*, now: datetime | None = None, limit: int = 100, ids: Iterable[int] = ()) -> int:
    """Send pending messages that are due (or exactly ``ids``). Returns how many were sent."""
    now = now or utcnow()
    query = select(OutboxMessage.id).where(OutboxMessage.status == MailStatus.PENDING.value)
    wanted = list(ids)
    if wanted:
        query = query.where(OutboxMessage.id.in_(wanted))
    else:
        query = query.where(OutboxMessage.next_attempt_at <= now)
    with read_only():
        due = list(db.session.scalars(query.order_by(OutboxMessage.id).limit(limit)))
        db.session.commit()
    return sum(deliver(message_id, now=now) for message_id in due)


def resend(message: OutboxMessage) -> None:
    """Put a sent or failed message back in the queue, due now."""
    message.status = MailStatus.PENDING.value
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.last_error = ""
