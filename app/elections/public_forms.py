"""Forms the voter sees on the ballot pages (translated into Turkish, Arabic, Ukrainian too)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.forms import Form


class CardCodeForm(Form):
    token = StringField(_l("Code on your voting card"),
                        validators=[DataRequired(), Length(max=64)],
                        description=_l("16 letters and digits; spaces and dashes do not matter."))


class BallotForm(Form):
    """Only the CSRF token; the choices are read from the request as the round allows."""


class TrackingLookupForm(Form):
    class Meta:
        csrf = False  # a GET search that changes nothing

    code = StringField(_l("Tracking code"), validators=[DataRequired(), Length(max=40)])


#: What a voter reads when the service refuses (codes of ``app.elections.ledger.ElectionError``)
BALLOT_ERRORS = {
    "unknown_token": _l("This code is not a valid voting card. Please check it or ask at the "
                        "voting desk."),
    "token_used": _l("This voting card has already been used in this round. Your ballot was "
                     "recorded once; nothing more is needed."),
    "no_open_round": _l("No round is open for voting at the moment. Please wait until the "
                        "returning officer opens the round."),
    "round_closed": _l("This round is closed. Your ballot was not recorded."),
    "bad_ballot": _l("This ballot is not possible: please mark at most the allowed number of "
                     "candidates."),
    "confirm_empty": _l("You marked nobody. Please confirm that you abstain, or go back."),
}

#: What the kiosk says when it forgets a held card (ballot_views: cancel, idle expiry)
BALLOT_NOTICES = {
    "cancelled": _l("Cancelled. Nothing was cast; this device no longer holds a voting card."),
    "expired": _l("Nothing happened for a while, so this device forgot the voting card. Please "
                  "scan your card again."),
}
