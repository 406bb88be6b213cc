"""Staff forms of the elections area (officials and organisers)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import HiddenInput

from app.forms import Form
from app.ids import MAX_ID


def _event_id(value: object) -> int | None:
    """An empty value means no event; a value that is not a number becomes 0, which no event has."""
    if value is None or value == "" or value == "None":
        return None
    text = str(value).strip()
    return int(text) if text.isdigit() else 0


class ElectionForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    committee_name = StringField(_l("Committee"), validators=[Optional(), Length(max=200)])
    #: Choices come from :func:`app.elections.services.event_choices` (set by the view)
    event_id = SelectField(
        _l("Election assembly (event)"), coerce=_event_id, validate_choice=False, choices=[]
    )
    seats = IntegerField(_l("Seats"), default=2, validators=[InputRequired(), NumberRange(1, 50)])
    finalists = IntegerField(
        _l("Finalists in the runoff"), default=4, validators=[InputRequired(), NumberRange(1, 100)]
    )
    votes_round1 = IntegerField(
        _l("Votes per ballot, round 1"), default=1, validators=[InputRequired(), NumberRange(1, 50)]
    )
    votes_runoff = IntegerField(
        _l("Votes per ballot, runoff"), default=1, validators=[InputRequired(), NumberRange(1, 50)]
    )
    tie_variant = SelectField(
        _l("Tie at the cut-off of round 1"),
        choices=[
            SelectChoice("lot", _l("Drawing of lots")),
            SelectChoice("all_advance", _l("All tied advance")),
        ],
    )
    parity = BooleanField(_l("Parity (women's places)"))
    parity_unused = SelectField(
        _l("Reserved places no woman can take (R8.4)"),
        choices=[
            SelectChoice("fill_openly", _l("are filled openly")),
            SelectChoice("stay_vacant", _l("stay vacant")),
        ],
    )
    ballot_order = SelectField(
        _l("Order of names"),
        choices=[
            SelectChoice("alphabetical", _l("Alphabetical by surname")),
            SelectChoice("lot", _l("By drawing of lots")),
        ],
    )
    allow_replacement = BooleanField(
        _l("A second nomination replaces the first until the deadline")
    )
    nomination_opens_at = DateTimeLocalField(
        _l("Nominations open"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    nomination_closes_at = DateTimeLocalField(
        _l("Nominations close"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    acceptance_deadline_days = IntegerField(
        _l("Days to accept the seat"), default=3, validators=[InputRequired(), NumberRange(0, 60)]
    )

    def with_events(self, events: list[tuple[int, str]]) -> ElectionForm:
        """Offer "none" and the given events; the list also decides what is valid."""
        self.event_id.choices = [
            SelectChoice("", _l("none")),
            *(SelectChoice(i, t) for i, t in events),
        ]
        return self

    def validate_event_id(self, field: SelectField) -> None:
        """A bogus or stale event number gets a form error instead of a foreign-key 500."""
        if field.data is not None and field.data not in {c.value for c in field.choices[1:]}:
            raise ValidationError(_l("Please choose an event from the list."))


class EligibilityForm(Form):
    eligible = RadioField(
        _l("Eligible"),
        choices=[SelectChoice("yes", _l("eligible")), SelectChoice("no", _l("not eligible"))],
        validators=[InputRequired()],
    )
    may_nominate = BooleanField(_l("May nominate a candidate"), default=True)
    reason = StringField(
        _l("Reason"),
        description=_l("E.g. “Statutes checked”"),
        validators=[Optional(), Length(max=500)],
    )


class BulkEligibilityForm(Form):
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])


class DelegatesForm(Form):
    name = StringField(_l("Delegate"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("Delegate's e-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Delegate's phone"), validators=[Optional(), Length(max=50)])
    deputy_name = StringField(_l("Deputy"), validators=[Optional(), Length(max=200)])
    deputy_email = EmailField(
        _l("Deputy's e-mail"), validators=[Optional(), Email(), Length(max=254)]
    )
    deputy_phone = StringField(_l("Deputy's phone"), validators=[Optional(), Length(max=50)])


class DecisionForm(Form):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("confirm", _l("Confirm")), SelectChoice("reject", _l("Reject"))],
        validators=[InputRequired()],
    )
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=1000)])


class OverrideForm(Form):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=1000)])
    hours = IntegerField(
        _l("Valid for (hours)"), default=48, validators=[InputRequired(), NumberRange(1, 336)]
    )


class PaperNominationForm(Form):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    surname = StringField(_l("Surname"), validators=[DataRequired(), Length(max=100)])
    description = TextAreaField(_l("Self-description"), validators=[Optional(), Length(max=1500)])
    photo = FileField(_l("Photo (JPEG, PNG or WebP, at most 5 MB)"))
    consent_signed = BooleanField(
        _l("The candidate's signed consent to stand and to publication was received"),
        validators=[DataRequired()],
    )
    consent_date = DateField(_l("Date of the signature"), validators=[DataRequired()])
    womens_place = BooleanField(_l("She stands for the women's place"))


class LotForm(Form):
    method = RadioField(
        _l("Method"),
        choices=[
            SelectChoice("digital", _l("Digital: seed from a public act (e.g. dice)")),
            SelectChoice("physical", _l("Physical: slips drawn one by one")),
        ],
        default="digital",
        validators=[InputRequired()],
    )
    drawn_by = StringField(_l("Drawn by"), validators=[DataRequired(), Length(max=200)])
    witnesses = StringField(_l("Witnesses"), validators=[Optional(), Length(max=500)])
    seed = StringField(_l("Seed"), validators=[Optional(), Length(max=200)])
    physical_order = StringField(
        _l("Order drawn"),
        description=_l("The numbers of the candidates in the order drawn, e.g. 3, 1, 2"),
        validators=[Optional(), Length(max=500)],
    )


class SendLinksForm(Form):
    """Mail the personal links: to every eligible organisation, or to the one given."""

    organisation_id = IntegerField(
        widget=HiddenInput(), validators=[Optional(), NumberRange(min=1, max=MAX_ID)]
    )
