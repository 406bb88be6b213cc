"""The base class of every form: Flask-WTF, with WTForms' own messages complete in every
offered language.

WTForms' catalogs have gaps the app's users meet: German marks the message for an unknown
choice of a multiple select as fuzzy (so it is shown in English), Arabic lacks four of the six
plural forms of the length messages. The app's catalogs translate those messages (listed in
``COMPLETED`` so that extraction finds them); a form looks there first, then in WTForms' own.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import get_translations, lazy_ngettext
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations

COMPLETED = (
    lazy_ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    lazy_ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    lazy_ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    ),
)


class Messages:
    """WTForms' gettext: the app's translation where it has one, else WTForms' own."""

    def gettext(self, string: str) -> str:
        translated = get_translations().ugettext(string)
        return translated if translated != string else wtforms_translations.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        translated = get_translations().ungettext(singular, plural, n)
        if translated not in (singular, plural):
            return translated
        return wtforms_translations.ngettext(singular, plural, n)


MESSAGES = Messages()


class Form(FlaskForm):
    """Every form of the app derives from this (``tests/test_forms.py`` checks it)."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form: Any) -> Any:
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return MESSAGES
