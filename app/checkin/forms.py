"""Forms of the check-in area: they check shape, the services check rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class TokenForm(FlaskForm):
    name = StringField(
        _l("Device name"),
        description=_l("For example “Tablet at the north entrance”."),
        validators=[DataRequired(), Length(max=100)],
    )
