"""Mails about registrations and invitations, written in the recipient's language.

Each mail is rendered under ``force_locale`` from ``templates/events/public/mail/`` as text and HTML
and put into the outbox in the caller's transaction; the ticket PDF and the calendar file are
attached at delivery, so they show the state at the time of sending.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from app.events import links
from app.events.models import Invitation, Registration
from app.events.public_texts import subject
from app.mail import outbox

WITH_TICKET = {"confirmation", "duplicate", "promoted", "changed"}


def registration_mail(registration: Registration, kind: str) -> None:
    """Queue the mail of ``kind`` for ``registration`` (see :data:`WITH_TICKET`)."""
    if registration.email is None:
        return
    confirmed = registration.status == "confirmed"
    if kind == "duplicate" and not confirmed:
        kind = "waitlisted" if registration.status == "waitlisted" else kind
    with force_locale(registration.locale):
        title = registration.event.text_in(registration.locale, "title")
        context = {
            "kind": kind,
            "registration": registration,
            "event": registration.event,
            "title": title,
            "locale": registration.locale,
            "link": links.absolute("events_public.manage", token=links.manage_token(registration)),
        }
        text_body = render_template("events/public/mail/registration.txt", **context)
        html_body = render_template("events/public/mail/registration.html", **context)
        subject_line = subject(kind, title)
    attachments = []
    if kind in WITH_TICKET and confirmed:
        attachments = [
            {"provider": "ticket_pdf", "ref": registration.id},
            {"provider": "ics", "ref": registration.id},
        ]
    outbox.queue(
        kind=kind,
        recipient=registration.email,
        subject=subject_line,
        text_body=text_body,
        html_body=html_body,
        locale=registration.locale,
        attachments=attachments,
        event_id=registration.event_id,
        registration_id=registration.id,
    )


def invitation_mail(invitation: Invitation, kind: str = "invitation") -> None:
    """Queue a personal invitation or a reminder."""
    if invitation.email is None:
        return
    with force_locale(invitation.locale):
        title = invitation.event.text_in(invitation.locale, "title")
        context = {
            "kind": kind,
            "invitation": invitation,
            "event": invitation.event,
            "title": title,
            "locale": invitation.locale,
            "link": links.absolute(
                "events_public.invitation", token=links.invitation_token(invitation)
            ),
        }
        text_body = render_template("events/public/mail/invitation.txt", **context)
        html_body = render_template("events/public/mail/invitation.html", **context)
        subject_line = subject(kind, title)
    outbox.queue(
        kind=kind,
        recipient=invitation.email,
        subject=subject_line,
        text_body=text_body,
        html_body=html_body,
        locale=invitation.locale,
        event_id=invitation.event_id,
    )
