"""Texts attendees see outside templates: mail subjects, kinds of event, error messages.

Kept in a ``public_`` file so the translation check asks for Turkish, Arabic and Ukrainian.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.events.models import EventKind

KIND_LABELS = {
    EventKind.CONFERENCE: _l("Integration conference"),
    EventKind.KICKOFF: _l("Kickoff event"),
    EventKind.ELECTION_ASSEMBLY: _l("Election assembly"),
    EventKind.PODIUM: _l("Podium discussion"),
    EventKind.OTHER: _l("Event"),
}

STATUS_LABELS = {
    "confirmed": _l("Confirmed"),
    "waitlisted": _l("On the waiting list"),
    "cancelled": _l("Cancelled"),
}

QUESTION_LABELS = {
    "interpreting": _l("Do you need interpreting? Into which language?"),
    "accessibility": _l("Accessibility needs (e.g. wheelchair, sign language, induction loop)"),
    "childcare": _l("Do you need childcare? Number and age of the children"),
    "dietary": _l("Dietary needs (e.g. vegetarian, halal, allergies)"),
}

#: Registration error codes → message for people
ERRORS = {
    "registration_not_open": _l("Registration has not opened yet."),
    "registration_closed": _l("Registration for this event is closed."),
    "invitation_required": _l("This event is by invitation only. Please use your personal link."),
    "invitation_used": _l("Somebody has already registered with this invitation."),
    "consent_required": _l("Please agree to the privacy notice."),
    "unknown_category": _l("Please choose one of the categories offered."),
    "unknown_session": _l("This session does not belong to the event."),
    "session_conflict": _l("Please choose at most one session per time slot."),
    "session_full": _l("This session is full. Please choose another one."),
    "invalid_answer": _l("This answer is too long or not valid."),
    "invalid_name": _l("Please enter your name (at most 200 characters)."),
    "invalid_email": _l("Please enter a valid e-mail address."),
    "invalid_capacity": _l("The capacity must be zero or more."),
    "unknown_organisation": _l(
        "This organisation is not in our list. Please choose one from the list or type its name."
    ),
    "delegate_link_invalid": _l(
        "This delegate link is no longer valid. Please open it again from your organisation's page."
    ),
    "cancelled": _l("This registration was cancelled."),
    "not_found": _l("This event does not exist."),
    "duplicate": _l("This e-mail address is already registered; we sent the ticket again."),
}


def error_message(code: str) -> str:
    return str(ERRORS.get(code, _l("This could not be done.")))


def subject(kind: str, title: str) -> str:
    """The subject line of a mail of ``kind`` in the current locale."""
    subjects = {
        "confirmation": _("Your registration: %(title)s", title=title),
        "duplicate": _("You are already registered: %(title)s", title=title),
        "waitlisted": _("Waiting list: %(title)s", title=title),
        "promoted": _("A place became free for you: %(title)s", title=title),
        "changed": _("Your registration was changed: %(title)s", title=title),
        "cancelled": _("Your registration was cancelled: %(title)s", title=title),
        "invitation": _("Invitation: %(title)s", title=title),
        "reminder": _("Reminder: invitation to %(title)s", title=title),
    }
    return subjects[kind]
