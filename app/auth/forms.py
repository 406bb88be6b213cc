"""Forms of the accounts area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.auth.models import Role
from app.forms import Form

ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.ORGANISER: _l("Organiser"),
    Role.DOOR: _l("Door (check-in)"),
    Role.OFFICIAL: _l("Election official"),
}
MIN_PASSWORD = 12


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Stay logged in on this device"))


class RoleChoices(SelectMultipleField):
    """Roles as a group of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _role_choices() -> list[tuple[str, str]]:
    return [(role.value, str(label)) for role, label in ROLE_LABELS.items()]


class UserForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    #: No Optional(): an empty first value would skip the check of the others (Role(x) → 500)
    roles = RoleChoices(_l("Roles"))
    is_active_account = BooleanField(_l("Account active"), default=True)
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. Leave empty to keep the current password."),
        validators=[Optional(), Length(min=MIN_PASSWORD, max=200)],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.roles.choices = _role_choices()


class PasswordChangeForm(Form):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200)]
    )
    repeat = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new", message=_l("The passwords do not match."))],
    )


class ConfirmForm(Form):
    """An empty form: a button that carries only the CSRF token."""
