"""Search and filter forms that travel in the query string (GET): the registrations filter and
its CSV export, the registry's list and export, the outbox, the door's and the desk's search,
the tracking-code lookup, and the registration form's invitation and delegate links."""

from __future__ import annotations

from app.auth.models import Role
from app.elections.public_forms import TrackingLookupForm
from app.events.forms import RegistrationFilterForm
from app.events.public_texts import STATUS_LABELS
from app.organisations.models import KIND_VALUES
from tests.drills.hostile import voting_worlds as vw
from tests.drills.hostile.case import FormCase, World
from tests.drills.hostile.election_worlds import nomination_world
from tests.drills.hostile.fields import Field, form_fields, raw
from tests.drills.hostile.staff import door_world
from tests.drills.hostile.values import ODD_IDS
from tests.drills.hostile.worlds import event_world

GET = {"method": "GET", "examples": 8}


def _filter_fields(world: World) -> list[Field]:
    return form_fields(
        RegistrationFilterForm,
        choices={
            "status": ["", *STATUS_LABELS],
            "category": ["", *world["categories"]],
            "session": ["", *world["sessions"]],
        },
        foreign={"session": [*world["foreign_sessions"], *ODD_IDS]},
    )


def _registry_fields(world: World) -> list[Field]:
    return [
        raw("q", "text"),
        raw("kind", "choice", ["", *KIND_VALUES]),
        raw("eligible", "choice", ["", "yes", "no"]),
        raw("election", "int", low=1, high=3, foreign=tuple(ODD_IDS)),
        raw("page", "int", low=1, high=3, foreign=tuple(ODD_IDS)),
    ]


def _mail_fields(world: World) -> list[Field]:
    return [
        raw("status", "choice", ["", "pending", "sent", "failed"]),
        raw("event", "int", low=1, high=3, foreign=tuple(ODD_IDS)),
    ]


def _invitation_link(world: World) -> list[Field]:
    return [
        raw("invitation", "text", [world["invitation"]]),
        raw("delegate", "text", foreign=("1.2.3", "2147483648.1.x", "².1.x")),
    ]


QUERY_CASES = [
    FormCase("events_admin.show_event", "/staff/events/<int:event_id>", "/staff/events/{event}",
             world=event_world, role=Role.ORGANISER, fields=_filter_fields, **GET),
    FormCase("events_admin.export_registrations", "/staff/events/<int:event_id>/registrations.csv",
             "/staff/events/{event}/registrations.csv", world=event_world,
             role=Role.ORGANISER, fields=_filter_fields, **GET),
    FormCase("events_public.register", "/events/<int:event_id>/register",
             "/events/{event}/register", world=event_world, public=True,
             fields=_invitation_link, **GET),
    FormCase("organisations.list_organisations", "/organisations", "/organisations",
             world=nomination_world, role=Role.ORGANISER, fields=_registry_fields, **GET),
    FormCase("organisations.export_organisations", "/organisations/export.csv",
             "/organisations/export.csv", world=nomination_world, role=Role.ORGANISER,
             fields=_registry_fields, **GET),
    FormCase("mail.list_messages", "/staff/mail/", "/staff/mail/", world=event_world,
             role=Role.ORGANISER, fields=_mail_fields, **GET),
    FormCase("checkin.search", "/checkin/scan/<int:checkpoint_id>/search",
             "/checkin/scan/{checkpoint}/search", world=door_world, role=Role.DOOR,
             fields=lambda w: [raw("q", "text", max_len=100)], **GET),
    FormCase("election_desk.desk", "/elections/<int:election_id>/desk",
             "/elections/{election}/desk", world=vw.frozen_world, role=Role.OFFICIAL,
             fields=lambda w: [raw("q", "text"), raw("ticket", "text")], **GET),
    FormCase("election_results.tracking", "/elections/tracking", "/elections/tracking",
             world=vw.corrections_world, public=True,
             fields=lambda w: form_fields(TrackingLookupForm), **GET),
]
