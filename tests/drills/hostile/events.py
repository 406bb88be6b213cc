"""Events: the attendees' forms (register, change, cancel, decline) and the organisers' back
office (events, sessions, registrations by hand, categories, invitations, purge, mail)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from app.auth.models import Role
from app.events import forms
from app.events.category_views import CategoryForm
from app.events.models import EventKind, Question
from app.events.public_forms import CancelForm, DeclineForm, PersonFields
from app.mail.views import ResendForm
from config import LANGUAGES
from tests.drills.hostile.case import FormCase, World
from tests.drills.hostile.fields import Field, form_fields, raw
from tests.drills.hostile.uploads import CELL, EMAILS, FRESH_EMAIL, SHORT, base64_of, csv_upload
from tests.drills.hostile.values import PEOPLE
from tests.drills.hostile.worlds import event_world, rotate

ORGANISER = Role.ORGANISER
CONTACTS = {
    "name": st.sampled_from(PEOPLE[:6]),
    "email": FRESH_EMAIL,
    "organisation": SHORT,
    "category": st.sampled_from(["", "resident", "migrant_organisation"]),
    "language": st.sampled_from(["de", "ar", "uk", ""]),
}
BAD_CONTACTS = {"name": CELL, "email": EMAILS, "organisation": CELL, "category": CELL,
                "language": st.sampled_from(["xx", "DE", "\x00"])}


def _day_lines() -> st.SearchStrategy[list[object]]:
    """The days field as organisers write it: ``2026-12-05 09:00-17:00`` per line."""
    line = st.builds(
        lambda d, h, length: f"{d:%Y-%m-%d} {h:02d}:00-{(h + length) % 24:02d}:30",
        st.dates(date(2026, 12, 6), date(2029, 12, 31)),
        st.integers(0, 23),
        st.integers(1, 10),
    )
    return st.lists(line, min_size=1, max_size=3).map(lambda lines: ["\n".join(lines)])


def _start_end() -> st.SearchStrategy[tuple[datetime, datetime]]:
    start = st.datetimes(datetime(2026, 12, 6), datetime(2029, 12, 31))
    return st.tuples(start, st.integers(30, 600)).map(
        lambda p: (p[0], p[0] + timedelta(minutes=p[1]))
    )


def _slots(world: World) -> list[Field]:
    """The per-event part of the attendee forms: one radio group per slot, one per question."""
    result = [
        raw(f"slot_{n}", "choice", ["", *ids], foreign=tuple(world["foreign_sessions"]))
        for n, ids in enumerate(world["slots"], start=1)
    ]
    result += [raw(f"q_{code}", "text", max_len=500) for code in world["questions"]]
    return result


def _registration_fields(world: World) -> list[Field]:
    return form_fields(PersonFields, choices={"category": world["categories"]}) + _slots(world)


def _change_fields(world: World) -> list[Field]:
    return [raw("photo_consent", "bool"), *_slots(world)]


def _event_fields(world: World) -> list[Field]:
    return form_fields(
        forms.EventForm,
        choices={
            "kind": [k.value for k in EventKind],
            "questions": [q.value for q in Question],
            "category_codes": world["categories"],
        },
        good={"days": _day_lines()},
    )


def _session_fields(_world: World) -> list[Field]:
    times = _start_end()
    fields = form_fields(forms.SessionForm)
    good = {
        "starts_at": times.map(lambda p: [p[0].strftime("%Y-%m-%dT%H:%M")]),
        "ends_at": times.map(lambda p: [p[1].strftime("%Y-%m-%dT%H:%M")]),
    }
    return [replace(f, good=good.get(f.name, f.good)) for f in fields]


def _staff_registration_fields(world: World) -> list[Field]:
    return form_fields(
        forms.StaffRegistrationForm,
        choices={
            "category": ["", *world["categories"]],
            "locale": list(LANGUAGES),
            "sessions": world["sessions"],
            "organisation_id": world["organisations"],
        },
        foreign={"sessions": world["foreign_sessions"], "organisation_id": ["999999", "0"]},
    )


def _category_fields(_world: World) -> list[Field]:
    return form_fields(CategoryForm)


def _invitation_category(world: World) -> list[Field]:
    return form_fields(forms.SendInvitationsForm, choices={"category": ["", *world["categories"]]})


def _nothing(_world: World) -> list[Field]:
    return []


PUBLIC = {"world": event_world, "public": True}
STAFF = {"world": event_world, "role": ORGANISER}

CASES = [
    FormCase("events_public.register", "/events/<int:event_id>/register",
             "/events/{event}/register", fields=_registration_fields, examples=15, **PUBLIC),
    FormCase("events_public.manage", "/r/<token>", "/r/{token}", fields=_change_fields,
             prepare=rotate("token", "tokens"), **PUBLIC),
    FormCase("events_public.cancel", "/r/<token>/cancel", "/r/{token}/cancel",
             fields=lambda w: form_fields(CancelForm), prepare=rotate("token", "tokens"),
             **PUBLIC),
    FormCase("events_public.decline_invitation", "/i/<token>/decline", "/i/{invitation}/decline",
             fields=lambda w: form_fields(DeclineForm), examples=6, **PUBLIC),
    FormCase("events_admin.create_event", "/staff/events/new", "/staff/events/new",
             fields=_event_fields, examples=15, **STAFF),
    FormCase("events_admin.edit_event", "/staff/events/<int:event_id>/edit",
             "/staff/events/{event}/edit", fields=_event_fields, examples=15, **STAFF),
    FormCase("events_admin.edit_session", "/staff/events/<int:event_id>/sessions/new",
             "/staff/events/{event}/sessions/new", fields=_session_fields, **STAFF),
    FormCase("events_admin.edit_session",
             "/staff/events/<int:event_id>/sessions/<int:session_id>",
             "/staff/events/{event}/sessions/{session}", fields=_session_fields, **STAFF),
    FormCase("events_admin.add_registration", "/staff/events/<int:event_id>/registrations/new",
             "/staff/events/{event}/registrations/new", fields=_staff_registration_fields,
             examples=15, **STAFF),
    FormCase("events_admin.edit_registration",
             "/staff/events/registrations/<int:registration_id>",
             "/staff/events/registrations/{registration}", fields=_staff_registration_fields,
             prepare=rotate("registration", "registrations"), examples=15, **STAFF),
    FormCase("events_admin.cancel_registration",
             "/staff/events/registrations/<int:registration_id>/cancel",
             "/staff/events/registrations/{registration}/cancel",
             fields=lambda w: form_fields(forms.ActionForm),
             prepare=rotate("registration", "registrations"), examples=6, **STAFF),
    FormCase("events_admin.edit_categories", "/staff/events/categories",
             "/staff/events/categories", fields=_category_fields, **STAFF),
    FormCase("events_admin.edit_categories", "/staff/events/categories/<int:category_id>",
             "/staff/events/categories/{category}", fields=_category_fields, **STAFF),
    FormCase("events_admin.import_invitations",
             "/staff/events/<int:event_id>/invitations/import",
             "/staff/events/{event}/invitations/import",
             fields=lambda w: form_fields(
                 forms.ImportForm, good={"file": csv_upload(CONTACTS, BAD_CONTACTS)}),
             examples=15, **STAFF),
    FormCase("events_admin.confirm_import",
             "/staff/events/<int:event_id>/invitations/import/confirm",
             "/staff/events/{event}/invitations/import/confirm",
             fields=lambda w: form_fields(
                 forms.ConfirmImportForm, good={"payload": base64_of(CONTACTS, BAD_CONTACTS)}),
             examples=15, **STAFF),
    FormCase("events_admin.send_invitations", "/staff/events/<int:event_id>/invitations/send",
             "/staff/events/{event}/invitations/send", fields=_invitation_category, **STAFF),
    FormCase("events_admin.remind_invitations",
             "/staff/events/<int:event_id>/invitations/remind",
             "/staff/events/{event}/invitations/remind", fields=_invitation_category, **STAFF),
    FormCase("events_admin.purge", "/staff/events/privacy/purge", "/staff/events/privacy/purge",
             world=event_world, role=Role.ADMIN, fields=_nothing, examples=6),
    FormCase("mail.resend", "/staff/mail/<int:message_id>/resend",
             "/staff/mail/{message}/resend", fields=lambda w: form_fields(ResendForm),
             examples=6, **STAFF),
]
