"""Mail each eligible organisation its personal link, in its first language we have a catalog for.

The mail goes through the outbox in the caller's transaction (sent after commit, retried), and a
:class:`LinkMailing` records who queued which mail when, so the links page can show it and
organisers can send again. The link itself is not stored: it is the signed token of
:mod:`app.organisations.links`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from app.auth.models import User
from app.elections.models import Election, LinkMailing, RollEntry
from app.elections.services import ElectionError
from app.extensions import db
from app.mail import outbox
from app.mail.models import OutboxMessage
from app.organisations.links import link_for
from app.organisations.models import Organisation

DEFAULT_LOCALE = "de"
MAIL_KIND = "organisation_link"
#: How organisers write languages in the registry (German, English, native name, code)
LANGUAGE_NAMES = {
    "de": ("de", "deutsch", "german"),
    "en": ("en", "englisch", "english"),
    "tr": ("tr", "türkisch", "turkish", "türkçe"),
    "ar": ("ar", "arabisch", "arabic", "العربية"),
    "uk": ("uk", "ukrainisch", "ukrainian", "українська"),
}


def _fold(text: str) -> str:
    """Case, accents and spacing do not matter: "Türkisch" = "turkisch"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_BY_NAME = {_fold(name): code for code, names in LANGUAGE_NAMES.items() for name in names}


def catalog_locales() -> set[str]:
    """Offered languages that have a catalog (Russian is offered but not translated yet)."""
    folder = Path(current_app.root_path) / "translations"
    return {
        code
        for code in current_app.config["LANGUAGES"]
        if code == DEFAULT_LOCALE or (folder / code / "LC_MESSAGES" / "messages.po").exists()
    }


def mail_locale(languages: str, available: set[str]) -> str:
    """The first language in the registry's list that we can write in; German otherwise."""
    for part in re.split(r"[,;/]| und | and ", languages):
        code = _BY_NAME.get(_fold(part))
        if code in available:
            return code
    return DEFAULT_LOCALE


@dataclass
class SendReport:
    """What a send did: mails queued, and organisations left out for lack of an address."""

    queued: int = 0
    without_email: list[str] = field(default_factory=list)


def _entries(election: Election, organisation_id: int | None) -> list[RollEntry]:
    query = (
        select(RollEntry)
        .join(RollEntry.organisation)
        .options(contains_eager(RollEntry.organisation))
        .where(RollEntry.election_id == election.id, RollEntry.is_eligible.is_(True))
        .order_by(Organisation.normalised_name)
    )
    if organisation_id is not None:
        query = query.where(RollEntry.organisation_id == organisation_id)
    return list(db.session.scalars(query))


def _queue_one(entry: RollEntry, locale: str, *, actor: User, now: datetime) -> None:
    organisation, election = entry.organisation, entry.election
    with force_locale(locale):
        context = {
            "organisation": organisation,
            "election": election,
            "link": link_for(entry),
            "locale": locale,
        }
        text_body = render_template("organisations/public/mail/link.txt", **context)
        html_body = render_template("organisations/public/mail/link.html", **context)
        subject = _("Your personal link: %(election)s", election=election.title)
    message = outbox.queue(
        kind=MAIL_KIND,
        recipient=organisation.email,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        locale=locale,
        event_id=election.event_id,
    )
    db.session.add(
        LinkMailing(
            roll_entry_id=entry.id,
            outbox_message_id=message.id,
            recipient=organisation.email,
            locale=locale,
            link_version=entry.link_version,
            queued_by_id=actor.id,
            queued_at=now,
        )
    )


def send_links(
    election: Election, *, actor: User, now: datetime, organisation_id: int | None = None
) -> SendReport:
    """Queue the link mail for every eligible organisation with an address (or for one).

    Sending again is allowed: each send is a new mail and a new record. Raises
    ``ElectionError("not_eligible")`` when the one organisation asked for is not on the roll.
    """
    entries = _entries(election, organisation_id)
    if organisation_id is not None and not entries:
        raise ElectionError("not_eligible")
    available = catalog_locales()
    report = SendReport()
    for entry in entries:
        if not (entry.organisation.email or "").strip():
            report.without_email.append(entry.organisation.name)
            continue
        _queue_one(
            entry, mail_locale(entry.organisation.languages, available), actor=actor, now=now
        )
        report.queued += 1
    db.session.flush()
    return report


@dataclass(frozen=True)
class LastMailing:
    """The latest link mail of a roll entry, with the outbox's word on it."""

    queued_at: datetime
    recipient: str
    locale: str
    status: str
    sent_at: datetime | None
    queued_by: str
    is_current_link: bool
    times: int


def last_mailings(election: Election) -> dict[int, LastMailing]:
    """Roll entry id -> its latest link mail and how many were sent (for the links page)."""
    rows = db.session.execute(
        select(LinkMailing, OutboxMessage, RollEntry.link_version, User.name)
        .join(RollEntry, RollEntry.id == LinkMailing.roll_entry_id)
        .join(User, User.id == LinkMailing.queued_by_id)
        .outerjoin(OutboxMessage, OutboxMessage.id == LinkMailing.outbox_message_id)
        .where(RollEntry.election_id == election.id)
        .order_by(LinkMailing.id)
    ).all()
    result: dict[int, LastMailing] = {}
    for mailing, message, version, by in rows:
        earlier = result.get(mailing.roll_entry_id)
        result[mailing.roll_entry_id] = LastMailing(
            queued_at=mailing.queued_at,
            recipient=mailing.recipient,
            locale=mailing.locale,
            status=message.status if message else "",
            sent_at=message.sent_at if message else None,
            queued_by=by,
            is_current_link=mailing.link_version == version,
            times=(earlier.times if earlier else 0) + 1,
        )
    return result
