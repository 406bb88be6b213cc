"""Organisers' forms: events, sessions, registrations by hand, filters, invitation import."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.events import organisation_choice
from app.events.categories import label_here
from app.events.models import EventKind, Question
from app.events.public_texts import KIND_LABELS, QUESTION_LABELS, STATUS_LABELS
from app.forms import Form

DAY_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$")


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Berlin"))


def parse_days(text: str) -> list[tuple[datetime, datetime]]:
    """Lines ``2026-12-05 09:00-17:00`` (local time) → UTC-aware (start, end) pairs."""
    days = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = DAY_LINE.match(line)
        if match is None:
            raise ValueError(number)
        date, start, end = match.groups()
        try:
            begins = datetime.strptime(f"{date} {start}", "%Y-%m-%d %H:%M")
            ends = datetime.strptime(f"{date} {end}", "%Y-%m-%d %H:%M")
        except ValueError:
            raise ValueError(number) from None
        if ends <= begins:
            ends += timedelta(days=1)
        zone = local_zone()
        days.append((begins.replace(tzinfo=zone), ends.replace(tzinfo=zone)))
    return days


def format_days(days: list) -> str:  # noqa: ANN001
    zone = local_zone()
    return "\n".join(
        f"{d.starts_at.astimezone(zone):%Y-%m-%d %H:%M}-{d.ends_at.astimezone(zone):%H:%M}"
        for d in days
    )


class Checkboxes(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MultiCheckboxField(Checkboxes):
    """Rendered by the ``field`` macro as a fieldset of checkboxes."""


#: Languages besides German that titles and descriptions may be given in
TRANSLATED = ("en", "tr", "ar", "uk")


class TranslationFields(Form):
    """Title and description in the attendees' other languages (events and sessions)."""

    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Length(max=10000)])
    title_tr = StringField(_l("Title (Turkish)"), validators=[Optional(), Length(max=200)])
    description_tr = TextAreaField(_l("Description (Turkish)"), validators=[Length(max=10000)])
    title_ar = StringField(_l("Title (Arabic)"), validators=[Optional(), Length(max=200)])
    description_ar = TextAreaField(_l("Description (Arabic)"), validators=[Length(max=10000)])
    title_uk = StringField(_l("Title (Ukrainian)"), validators=[Optional(), Length(max=200)])
    description_uk = TextAreaField(_l("Description (Ukrainian)"), validators=[Length(max=10000)])

    def translations(self) -> dict[str, dict[str, str]]:
        """``{"tr": {"title": …, "description": …}}`` for the languages filled in."""
        result = {}
        for locale in TRANSLATED:
            title = (self[f"title_{locale}"].data or "").strip()
            description = (self[f"description_{locale}"].data or "").strip()
            if title or description:
                result[locale] = {"title": title, "description": description}
        return result

    def show_translations(self, translations: dict[str, Any] | None) -> None:
        """Fill the fields from a stored ``translations`` mapping."""
        for locale in TRANSLATED:
            stored = (translations or {}).get(locale, {})
            self[f"title_{locale}"].data = stored.get("title")
            self[f"description_{locale}"].data = stored.get("description")


class EventForm(TranslationFields):
    kind = SelectField(_l("Kind"), choices=[], validators=[InputRequired()])
    title = StringField(_l("Title (German)"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description (German)"), validators=[Length(max=10000)])
    days = TextAreaField(
        _l("Days"),
        description=_l("One line per day, local time, e.g. 2026-12-05 09:00-17:00"),
        validators=[DataRequired(), Length(max=2000)],
    )
    venue = TextAreaField(_l("Venue and address"), validators=[Length(max=300)])
    accessibility = TextAreaField(_l("Accessibility"), validators=[Length(max=2000)])
    capacity = IntegerField(
        _l("Places"),
        description=_l("Leave empty for no limit."),
        validators=[Optional(), NumberRange(min=0, max=100000)],
    )
    registration_opens_at = DateTimeLocalField(
        _l("Registration opens"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    registration_closes_at = DateTimeLocalField(
        _l("Registration closes"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    is_invite_only = BooleanField(_l("By invitation only"))
    allows_walk_ins = BooleanField(_l("Admit people without registration at the door"))
    is_published = BooleanField(_l("Show on the public pages"), default=True)
    questions = MultiCheckboxField(_l("Questions on the form"), choices=[])
    category_codes = MultiCheckboxField(
        _l("Participant categories offered"),
        description=_l("None ticked: all categories."),
        choices=[],
    )
    retention_days = IntegerField(
        _l("Keep personal data for (days after the event)"),
        default=180,
        validators=[InputRequired(), NumberRange(min=1, max=3650)],
    )

    def __init__(self, *args: object, categories: list | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k.value, str(KIND_LABELS[k])) for k in EventKind]
        self.questions.choices = [(q.value, str(QUESTION_LABELS[q.value])) for q in Question]
        self.category_codes.choices = [(c.code, label_here(c)) for c in categories or []]

    def validate_days(self, field: StringField) -> None:
        try:
            days = parse_days(field.data or "")
        except ValueError as error:
            raise ValidationError(
                str(_l("Line %(n)s: write e.g. 2026-12-05 09:00-17:00", n=error.args[0]))
            ) from None
        if not days:
            raise ValidationError(str(_l("Give at least one day.")))


class SessionForm(TranslationFields):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    room = StringField(_l("Room"), validators=[Length(max=120)])
    starts_at = DateTimeLocalField(
        _l("Starts"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()]
    )
    ends_at = DateTimeLocalField(_l("Ends"), format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    capacity = IntegerField(
        _l("Places"),
        description=_l("Leave empty for no limit."),
        validators=[Optional(), NumberRange(min=0, max=100000)],
    )

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(str(_l("The end must be after the start.")))


class RegistrationFilterForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search name, e-mail, organisation"), validators=[Length(max=200)])
    status = SelectField(_l("Status"), choices=[], validators=[Optional()])
    category = SelectField(_l("Category"), choices=[], validators=[Optional()])
    session = SelectField(_l("Session"), choices=[], validators=[Optional()])

    def __init__(self, *args: object, event=None, categories=(), **kwargs: object) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        everyone = [("", str(_l("all")))]
        self.status.choices = everyone + [(k, str(v)) for k, v in STATUS_LABELS.items()]
        self.category.choices = everyone + [(c.code, label_here(c)) for c in categories]
        self.session.choices = everyone + [
            (str(s.id), s.title) for s in (event.sessions if event else [])
        ]


def _optional_id(value: object) -> int | str | None:
    """A chosen organisation id; "" or None is no choice, anything else is kept for the service."""
    if value is None or value == "" or value == "None":
        return None
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 12 else text


class StaffRegistrationForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    organisation_id = SelectField(
        _l("Organisation from the registry"),
        choices=[],
        coerce=_optional_id,
        validate_choice=False,  # the service refuses unknown ids with a clear message
        validators=[Optional()],
    )
    organisation_name = StringField(
        _l("Organisation as written"),
        description=_l("Free text; left empty, the registry name is used."),
        validators=[Length(max=200)],
    )
    category = SelectField(_l("Category"), choices=[], validators=[Optional()])
    locale = SelectField(_l("Language"), choices=[], validators=[InputRequired()])
    sessions = MultiCheckboxField(_l("Sessions"), choices=[], coerce=int)
    door_notes = TextAreaField(_l("Notes for the door"), validators=[Length(max=2000)])

    def __init__(self, *args: object, event=None, categories=(), **kwargs: object) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.category.choices = [("", "—")] + [(c.code, label_here(c)) for c in categories]
        self.organisation_id.choices = organisation_choice.choices()
        self.locale.choices = list(current_app.config["LANGUAGES"].items())
        self.sessions.choices = [
            (s.id, f"{s.title} ({s.starts_at.astimezone(local_zone()):%d.%m. %H:%M})")
            for s in (event.sessions if event else [])
        ]


class ImportForm(Form):
    file = FileField(
        _l("CSV file"),
        description=_l("Columns: name, email, organisation, category, language (UTF-8)."),
        validators=[FileRequired()],
    )


class ConfirmImportForm(Form):
    """Carries the checked file back so the organiser can import the good rows."""

    payload = StringField(validators=[DataRequired(), Length(max=2_000_000)])


class SendInvitationsForm(Form):
    category = SelectField(_l("Send to category"), choices=[], validators=[Optional()])

    def __init__(self, *args: object, categories=(), **kwargs: object) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.category.choices = [("", str(_l("all categories")))] + [
            (c.code, label_here(c)) for c in categories
        ]


class ActionForm(Form):
    """A button carrying only the CSRF token."""
