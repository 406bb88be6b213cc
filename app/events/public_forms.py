"""Forms attendees fill in: registration, changing a registration, cancelling.

The registration form is built per event: one radio group per time slot (with "none"), one
field per question the event asks, and the categories it offers. Forms check the shape;
:mod:`app.events.services` checks the rules.
"""

from __future__ import annotations

from typing import Any

from flask_babel import format_time
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from app.events.models import Event, ParticipantCategory, Session
from app.events.public_texts import QUESTION_LABELS
from app.forms import Form


def time_slots(event: Event) -> list[list[Session]]:
    """Sessions grouped into time slots: overlapping sessions share a slot."""
    slots: list[list[Session]] = []
    for session in sorted(event.sessions, key=lambda s: (s.starts_at, s.id)):
        for slot in slots:
            if any(session.overlaps(other) for other in slot):
                slot.append(session)
                break
        else:
            slots.append([session])
    return slots


def _session_label(session: Session, locale: str) -> str:
    left = session.places_left
    text = session.text_in(locale, "title")
    if session.room:
        text += f" ({session.room})"
    if left is not None:
        text += " — " + str(_l("%(n)s places left", n=left) if left else _l("full"))
    return text


def _slot_label(slot: list[Session]) -> str:
    start = min(s.starts_at for s in slot)
    end = max(s.ends_at for s in slot)
    return str(
        _l(
            "Session %(start)s–%(end)s",
            start=format_time(start, "short"),
            end=format_time(end, "short"),
        )
    )


class PersonFields(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    organisation_name = StringField(
        _l("Organisation"),
        description=_l(
            "Start typing to choose from the organisations we know, or write the name. "
            "Leave empty if you come as a private person."
        ),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "organisation-names"},
    )
    category = SelectField(_l("I take part as"), validators=[InputRequired()])

    consent = BooleanField(
        _l("I have read the privacy notice and agree that my data is processed for this event."),
        validators=[DataRequired(message=_l("Please agree to the privacy notice."))],
    )
    photo_consent = BooleanField(_l("Photos of me taken at the event may be published."))


def _add_event_fields(cls: type, event: Event, locale: str) -> list[str]:
    """Add one radio group per slot and one field per question; return the slot field names."""
    names = []
    for number, slot in enumerate(time_slots(event), start=1):
        choices = [("", str(_l("No session")))]
        choices += [(str(s.id), _session_label(s, locale)) for s in slot]
        name = f"slot_{number}"
        setattr(
            cls,
            name,
            RadioField(_slot_label(slot), choices=choices, default="", validators=[Optional()]),
        )
        names.append(name)
    for code in event.questions or []:
        if code in QUESTION_LABELS:
            setattr(
                cls,
                f"q_{code}",
                TextAreaField(QUESTION_LABELS[code], validators=[Optional(), Length(max=500)]),
            )
    return names


def registration_form(
    event: Event, categories: list[ParticipantCategory], locale: str, **kwargs: Any
) -> Form:
    """The registration form of ``event`` in ``locale``."""

    class RegistrationForm(PersonFields):
        pass

    RegistrationForm.slot_names = _add_event_fields(RegistrationForm, event, locale)
    form = RegistrationForm(**kwargs)
    allowed = set(event.category_codes or [])
    form.category.choices = [("", str(_l("Please choose")))] + [
        (c.code, c.label(locale)) for c in categories if not allowed or c.code in allowed
    ]
    return form


def change_form(event: Event, locale: str, **kwargs: Any) -> Form:
    """Sessions and answers of an existing registration."""

    class ChangeForm(Form):
        photo_consent = BooleanField(_l("Photos of me taken at the event may be published."))

    ChangeForm.slot_names = _add_event_fields(ChangeForm, event, locale)
    return ChangeForm(**kwargs)


def chosen_sessions(form: Form) -> list[int]:
    ids = []
    for name in form.slot_names:
        value = form[name].data
        if value and str(value).isdigit():
            ids.append(int(value))
    return ids


def answers(form: Form, event: Event) -> dict[str, str]:
    return {
        code: form[f"q_{code}"].data or "" for code in event.questions or [] if f"q_{code}" in form
    }


def slot_field_for(form: Form, session_id: int) -> str | None:
    """The radio group that offers ``session_id`` (to attach a service error to it)."""
    for name in form.slot_names:
        if any(value == str(session_id) for value, _ in form[name].choices):
            return name
    return None


class CancelForm(Form):
    confirm = BooleanField(
        _l("Yes, cancel my registration."),
        validators=[DataRequired(message=_l("Please confirm the cancellation."))],
    )


class DeclineForm(Form):
    """A button carrying only the CSRF token."""
