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
from sqlalchemy import select

from app.db import utcnow
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


def deliver(message: OutboxMessage, *, now: datetime | None = None) -> bool:
    """Try to send one message and record the outcome (the caller commits)."""
    now = now or utcnow()
    if message.recipient is None or message.status == MailStatus.SENT:
        return False
    message.attempts += 1
    try:
        _send(build(message), message.id)
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
        log.warning("mail %s not delivered: %s", message.id, error)
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts > len(BACKOFF):
            message.status = MailStatus.FAILED.value
        else:
            message.next_attempt_at = now + BACKOFF[message.attempts - 1]
        return False
    message.status = MailStatus.SENT.value
    message.sent_at = now
    message.last_error = ""
    return True


def deliver_due(*, now: datetime | None = None, limit: int = 100, ids: Iterable[int] = ()) -> int:
    """Send pending messages that are due (or exactly ``ids``); commit after each. Returns sent."""
    now = now or utcnow()
    query = select(OutboxMessage).where(OutboxMessage.status == MailStatus.PENDING.value)
    wanted = list(ids)
    query = (
        query.where(OutboxMessage.id.in_(wanted))
        if wanted
        else query.where(OutboxMessage.next_attempt_at <= now)
    )
    query = query.order_by(OutboxMessage.id).limit(limit)
    if db.engine.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    sent = 0
    for message in db.session.scalars(query).all():
        sent += deliver(message, now=now)
    db.session.commit()
    return sent


def resend(message: OutboxMessage) -> None:
    """Put a sent or failed message back in the queue, due now."""
    message.status = MailStatus.PENDING.value
    message.attempts = 0
    message.next_attempt_at = utcnow()
    message.last_error = ""
