"""Staff forms of the registry."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional

from app.forms import Form
from app.organisations.models import OrganisationKind

KIND_LABELS = {
    OrganisationKind.MSO: _l("Migrant organisation (MSO)"),
    OrganisationKind.UMBRELLA: _l("Umbrella organisation"),
    OrganisationKind.NGO: _l("NGO / welfare organisation"),
    OrganisationKind.RELIGIOUS: _l("Religious community"),
    OrganisationKind.AUTHORITY: _l("Authority"),
    OrganisationKind.OTHER: _l("Other"),
}


def kind_choices() -> list[SelectChoice]:
    return [SelectChoice(kind.value, str(label)) for kind, label in KIND_LABELS.items()]


class OrganisationForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    kind = SelectField(_l("Kind"), validators=[DataRequired()])
    contact_person = StringField(_l("Contact person"), validators=[Optional(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=50)])
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=1000)])
    languages = StringField(
        _l("Languages"),
        description=_l("Separated by commas, e.g. Turkish, Kurdish, German"),
        validators=[Optional(), Length(max=300)],
    )
    website = StringField(_l("Website"), validators=[Optional(), Length(max=300)])
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=5000)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices()


class ImportForm(Form):
    file = FileField(
        _l("CSV file"),
        description=_l(
            "Columns: name, kind, contact_person, email, phone, address, languages, website, "
            "notes (only name is required). Separated by semicolons or commas, UTF-8."
        ),
        validators=[FileRequired()],
    )


class ConfirmImportForm(Form):
    """Sends the checked file back so that only its good rows are imported."""

    content = HiddenField(validators=[DataRequired()])
