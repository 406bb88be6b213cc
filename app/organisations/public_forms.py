"""Forms an organisation fills in through its personal link (translated for attendees)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.forms import Form

#: Languages a self-description may be translated into (besides the original)
TRANSLATION_LANGUAGES = ("de", "en", "tr", "ar", "uk")


class DelegatesForm(Form):
    name = StringField(_l("Delegate: name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Delegate: e-mail"), validators=[Optional(), Email(), Length(max=254)])
    phone = StringField(_l("Delegate: phone"), validators=[Optional(), Length(max=50)])
    deputy_name = StringField(
        _l("Deputy: name"),
        description=_l("Optional. The deputy votes only if the delegate cannot come."),
        validators=[Optional(), Length(max=200)],
    )
    deputy_email = EmailField(
        _l("Deputy: e-mail"), validators=[Optional(), Email(), Length(max=254)]
    )
    deputy_phone = StringField(_l("Deputy: phone"), validators=[Optional(), Length(max=50)])


class NominationForm(Form):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    surname = StringField(_l("Surname"), validators=[DataRequired(), Length(max=100)])
    description = TextAreaField(
        _l("Short self-description"),
        description=_l("At most 1,500 characters. It is published with the candidate list."),
        validators=[Optional(), Length(max=1500)],
    )
    translation_de = TextAreaField(
        _l("Translation into German"), validators=[Optional(), Length(max=1500)]
    )
    translation_en = TextAreaField(
        _l("Translation into English"), validators=[Optional(), Length(max=1500)]
    )
    translation_tr = TextAreaField(
        _l("Translation into Turkish"), validators=[Optional(), Length(max=1500)]
    )
    translation_ar = TextAreaField(
        _l("Translation into Arabic"), validators=[Optional(), Length(max=1500)]
    )
    translation_uk = TextAreaField(
        _l("Translation into Ukrainian"), validators=[Optional(), Length(max=1500)]
    )
    photo = FileField(
        _l("Photo (optional)"),
        description=_l("JPEG, PNG or WebP, at most 5 MB. It is reduced in size and published."),
    )
    consent_to_stand = BooleanField(
        _l("The candidate agrees to stand for election."), validators=[DataRequired()]
    )
    consent_to_publish = BooleanField(
        _l(
            "The candidate agrees that the name, organisation, self-description and photo are "
            "published with the candidate list."
        ),
        validators=[DataRequired()],
    )
    womens_place = BooleanField(
        _l("The candidate stands for the women's place (seen only by the election officials).")
    )

    def translations(self) -> dict[str, str]:
        return {code: self[f"translation_{code}"].data or "" for code in TRANSLATION_LANGUAGES}


class WithdrawForm(Form):
    """A button that takes the nomination back."""
