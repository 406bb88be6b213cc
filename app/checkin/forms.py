"""Forms of the check-in area: they check shape, the services check rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.forms import Form


class TokenForm(Form):
    name = StringField(
        _l("Device name"),
        description=_l("For example “Tablet at the north entrance”."),
        validators=[DataRequired(), Length(max=100)],
    )


class ScanForm(Form):
    code = StringField(_l("Ticket code"), validators=[DataRequired(), Length(max=512)])


class WalkInForm(Form):
    """A person who registers at the door; the events area checks the rules."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    category = SelectField(_l("Category"), validators=[Optional()], validate_choice=True)
