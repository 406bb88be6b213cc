"""Messages for election error codes: shown to staff and to organisations on their
personal page, so they are translated like every public text."""

from __future__ import annotations

from flask_babel import gettext as _


def error_message(code: str) -> str:
    """Words for an ElectionError code (staff pages and the public link share them)."""
    messages = {
        "empty_title": _("Please enter a title."),
        "bad_seats": _("There must be at least one seat and at least as many finalists as seats."),
        "bad_votes": _("Each ballot must allow at least one vote."),
        "bad_choice": _("Please choose one of the options."),
        "unknown_event": _("Please choose an event from the list."),
        "bad_window": _("The nomination period must end in the future and after it starts."),
        "frozen": _("The election is frozen; its configuration can no longer change."),
        "not_draft": _("Nominations have already been opened."),
        "not_mso": _("Only migrant organisations (MSO) can be eligible."),
        "not_eligible": _("The organisation is not eligible in this election."),
        "may_not_nominate": _("The organisation may vote but not nominate."),
        "name_missing": _("Please enter the candidate's first name and surname."),
        "consent_missing": _("The candidate must consent to stand and to publication."),
        "nominations_not_open": _("Nominations are not open yet."),
        "nominations_closed": _(
            "The nomination period has ended. Changes need a recorded decision of the officials."
        ),
        "already_nominated": _(
            "Your organisation has already nominated a candidate. Each organisation may "
            "nominate only one."
        ),
        "published": _("The candidate list is published; nominations can no longer change."),
        "no_nomination": _("There is no nomination to withdraw."),
        "withdrawn": _("The nomination was withdrawn."),
        "reason_missing": _("Please give a reason."),
        "bad_hours": _("The override may be valid for 1 to 336 hours."),
        "no_candidates": _("There are not enough confirmed candidates."),
        "drawn_by_missing": _("Please say who drew the lots."),
        "bad_order": _("The order drawn must name every candidate exactly once."),
        "seed_missing": _("Please enter the seed."),
        "pending_nominations": _("Some nominations are not decided yet."),
        "lot_missing": _("The order of names has to be drawn by lot first."),
    }
    return messages.get(code, code)
