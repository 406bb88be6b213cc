"""Officials' forms of the held election: shape only; the services decide (DEVELOPING.md)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.elections.cards import MAX_BATCH
from app.forms import Form


class ActionForm(Form):
    """A button that only needs the CSRF token."""


class ConfirmActionForm(Form):
    confirm = BooleanField(_l("I confirm this step"), validators=[DataRequired()])


class ProtocolInfoForm(Form):
    place = StringField(_l("Place"), validators=[Length(max=300)])
    returning_officer = StringField(_l("Returning officer"), validators=[Length(max=200)])
    assessors = StringField(_l("Assessors (comma-separated)"), validators=[Length(max=500)])
    recorder = StringField(_l("Recorder"), validators=[Length(max=200)])


class CardBatchForm(Form):
    count = IntegerField(_l("Number of cards"),
                         validators=[InputRequired(), NumberRange(min=1, max=MAX_BATCH)])
    layout = SelectField(_l("Layout"), choices=[("a4-4up", _l("Four per A4 page")),
                                                ("a6", _l("One per A6 page"))])


class TokenForm(Form):
    token = StringField(_l("Code on the returned card"),
                        validators=[DataRequired(), Length(max=64)])


class ReasonForm(Form):
    reason = TextAreaField(_l("Reason / decision of the officials"),
                           validators=[DataRequired(), Length(max=2000)])


class LotForm(Form):
    method = RadioField(_l("How the lot is drawn"), default="physical",
                        choices=[("physical", _l("Physical: slips drawn one by one")),
                                 ("digital", _l("Digital: seed from a public act"))])
    drawn_by = StringField(_l("Drawn by"), validators=[DataRequired(), Length(max=200)])
    witnesses = StringField(_l("Witnesses (comma-separated)"), validators=[Length(max=500)])
    seed = StringField(_l("Seed (e.g. the dice rolled, 3-5-1-6)"),
                       validators=[Optional(), Length(max=200)])


class WithdrawalForm(Form):
    candidate = SelectField(_l("Candidate"), validators=[DataRequired()])
    note = StringField(_l("Note"), validators=[Length(max=500)])


class AcceptanceForm(Form):
    candidate = SelectField(_l("Candidate"), validators=[DataRequired()])
    decision = RadioField(_l("Declaration"), validators=[DataRequired()],
                          choices=[("accept", _l("Accepts the election")),
                                   ("decline", _l("Declines"))])


class DeadlineForm(Form):
    """R7.1: record that an elected person did not declare by the deadline."""

    candidate = SelectField(_l("Candidate"), validators=[DataRequired()])
    confirm = BooleanField(_l("The deadline has passed without a declaration."),
                           validators=[DataRequired()])


class PresenceForm(Form):
    """R0.3: the officials' "delegate present" override needs a reason."""

    reason = StringField(_l("Why present without a check-in"),
                         validators=[DataRequired(), Length(max=500)])


class RemarkForm(Form):
    kind = SelectField(_l("Kind"), choices=[("correction", _l("Correction (R9)")),
                                             ("objection", _l("Objection")),
                                             ("incident", _l("Incident")),
                                             ("substitute", _l("Substitute delegate"))])
    round_number = IntegerField(_l("Round (optional)"),
                                validators=[Optional(), NumberRange(min=1, max=20)])
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=2000)])


class CommitteeForm(Form):
    term = StringField(_l("Term, e.g. 2026–2029"), validators=[DataRequired(), Length(max=50)])


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PaperBallotForm(Form):
    """One paper ballot as read aloud (R10.8, R5.2)."""

    marks = MultiCheckboxField(_l("Marked candidates"), choices=[], validate_choice=False)
    invalid_reason = SelectField(_l("Invalid because"), validators=[Optional()], choices=[
        ("", _l("— valid ballot —")),
        ("not_official_ballot", _l("not this round's official ballot")),
        ("too_many_marks", _l("more marks than allowed")),
        ("unclear_will", _l("will unclear")),
        ("identifying_marks", _l("identifying marks")),
    ])
    doubtful_no = IntegerField(_l("Doubtful ballot number (if decided by the officials)"),
                               validators=[Optional(), NumberRange(min=1, max=10_000)])
    doubtful_reason = TextAreaField(_l("Reason for the officials' decision on the doubtful "
                                       "ballot"), validators=[Optional(), Length(max=500)])


class CorrectionForm(Form):
    """R9.1: a keyed-in paper ballot as it should have been recorded, and why."""

    ballot = SelectField(_l("Paper ballot recorded as"), validators=[DataRequired()],
                         choices=[])
    marks = MultiCheckboxField(_l("Marked candidates"), choices=[], validate_choice=False)
    invalid_reason = SelectField(_l("Invalid because"), validators=[Optional()],
                                 choices=PaperBallotForm.invalid_reason.kwargs["choices"])
    reason = TextAreaField(_l("Reason for the correction"),
                           validators=[DataRequired(), Length(max=2000)])
