"""Drill: the services that take people's text, called directly with hostile data.

Registration (and walk-in), the registry (create, update, CSV import), invitation CSV import,
accounts, nominations, delegates, election set-up, paper and device ballots, remarks, presence
and photos. Each call ends in the service's own error with a stable code, or in success; never
in another exception. A refusal leaves every table as it was after the rollback, and what was
committed is whole. Text is what passes the input guard (no NUL, no lone surrogates: the guard
refuses them at the door for every form and API route). SQLite file and PostgreSQL.
"""

from __future__ import annotations

from flask import Flask
from hypothesis import given
from hypothesis import strategies as st

from app.auth import services as accounts
from app.auth.models import Role, User
from app.auth.tokens import Actor
from app.checkin import services as door
from app.checkin.models import Checkpoint
from app.db import utcnow
from app.events import invitations, services
from app.events.models import Event
from app.extensions import db
from app.organisations import csv_io
from app.organisations import services as registry
from app.organisations.models import KIND_VALUES, Organisation
from app.organisations.services import FIELDS
from tests.drills.hostile.case import Seed
from tests.drills.hostile.election_worlds import registry_world
from tests.drills.hostile.service import SETTINGS, Attempts, big_int, fits, text
from tests.drills.hostile.staff import door_world
from tests.drills.hostile.uploads import CELL, FRESH_EMAIL, SHORT, csv_bytes
from tests.drills.hostile.values import PEOPLE
from tests.drills.hostile.worlds import event_world

emails = st.one_of(FRESH_EMAIL, FRESH_EMAIL, st.emails(), text)
names = st.one_of(st.sampled_from(PEOPLE), text)
answers = st.dictionaries(
    st.one_of(st.sampled_from(["interpreting", "dietary", "childcare", "accessibility"]), text),
    st.one_of(text, st.integers(), st.booleans(), st.none(), st.lists(st.integers(), max_size=3)),
    max_size=4,
)


def registration_data(world: dict) -> st.SearchStrategy[services.RegistrationData]:
    ids = [int(i) for i in world["sessions"] + world["foreign_sessions"]]
    return st.builds(
        services.RegistrationData,
        name=names,
        email=emails,
        organisation_name=st.one_of(st.just(""), text),
        organisation_id=st.one_of(st.none(), st.sampled_from([1, 2, 999_999]), big_int),
        category_code=st.one_of(st.none(), st.sampled_from(world["categories"]), text),
        session_ids=st.lists(st.one_of(st.sampled_from(ids), big_int), max_size=3),
        answers=answers,
        consent=st.sampled_from([True, True, False]),
        photo_consent=st.booleans(),
        door_notes=st.one_of(st.just(""), text),
    )


def test_register(app: Flask, create_user) -> None:
    world = event_world(Seed(app, create_user))
    attempt = Attempts(app)

    @SETTINGS
    @given(
        data=registration_data(world),
        by_organiser=st.booleans(),
        locale=st.sampled_from(["de", "ar", "xx", ""]),
    )
    def check(data: services.RegistrationData, by_organiser: bool, locale: str) -> None:
        def call() -> None:
            event = db.session.get(Event, world["event"])
            services.register(event, data, now=utcnow(), locale=locale, by_organiser=by_organiser)

        attempt(call, (services.RegistrationError,))

    check()
    print(f"\nregister: {attempt.seen}")


def test_walk_in(app: Flask, create_user) -> None:
    world = door_world(Seed(app, create_user))
    user_id = create_user(Role.DOOR)
    attempt = Attempts(app)

    @SETTINGS
    @given(data=registration_data({**world, "sessions": [], "foreign_sessions": ["1"],
                                   "categories": ["resident", "migrant_organisation"]}))
    def check(data: services.RegistrationData) -> None:
        def call() -> None:
            checkpoint = db.session.get(Checkpoint, world["checkpoint"])
            actor = Actor(user=db.session.get(User, user_id))
            door.walk_in(checkpoint, data, actor=actor, now=utcnow())

        attempt(call, (door.CheckInDenied,))

    check()
    print(f"\nwalk-in: {attempt.seen}")


#: The registry's doors (form, CSV reader) check lengths; within them, anything goes
organisation_values = st.fixed_dictionaries(
    {
        **{field: fits(getattr(Organisation, field)) for field in FIELDS},
        "name": st.one_of(st.sampled_from(PEOPLE), fits(Organisation.name)),
        "kind": st.one_of(st.sampled_from(KIND_VALUES), text),
    }
)


def test_registry(app: Flask, create_user) -> None:
    world = registry_world(Seed(app, create_user))
    attempt = Attempts(app)

    @SETTINGS
    @given(values=organisation_values, existing=st.sampled_from([None, *world["organisations"]]))
    def check(values: dict, existing: int | None) -> None:
        def call() -> None:
            if existing is None:
                registry.create_organisation(values, actor=None, now=utcnow())
            else:
                organisation = db.session.get(Organisation, existing)
                registry.update_organisation(organisation, values, actor=None, now=utcnow())

        attempt(call, (registry.OrganisationError,))

    check()
    print(f"\nregistry: {attempt.seen}")


REGISTRY_COLUMNS = {
    "name": st.builds("{} {}".format, st.sampled_from(["Verein", "Forum", "Зміна"]),
                      st.integers(0, 10**6)),
    "kind": st.sampled_from([*KIND_VALUES, "Dachverband", ""]),
    "email": st.one_of(st.just(""), FRESH_EMAIL),
    "phone": st.sampled_from(["", "+49 30 1234567"]),
    "notes": SHORT,
}
files = st.one_of(
    csv_bytes(REGISTRY_COLUMNS, {name: CELL for name in REGISTRY_COLUMNS}),
    st.binary(max_size=300),
)


def test_registry_csv_import(app: Flask, create_user) -> None:
    registry_world(Seed(app, create_user))
    attempt = Attempts(app)

    @SETTINGS
    @given(data=files)
    def check(data: bytes) -> None:
        def call() -> None:
            csv_io.import_rows(csv_io.read_csv(data), actor=None, now=utcnow())

        attempt(call, ())

    check()
    print(f"\nregistry CSV: {attempt.seen}")


CONTACT_COLUMNS = {
    "name": st.sampled_from(["Ayşe Yılmaz", "Олена", "فاطمة"]),
    "email": FRESH_EMAIL,
    "organisation": SHORT,
    "category": st.sampled_from(["", "resident"]),
    "language": st.sampled_from(["", "ar", "tr"]),
}


def test_invitation_csv_import(app: Flask, create_user) -> None:
    world = event_world(Seed(app, create_user))
    attempt = Attempts(app)

    @SETTINGS
    @given(
        data=st.one_of(
            csv_bytes(CONTACT_COLUMNS, {name: CELL for name in CONTACT_COLUMNS}),
            st.binary(max_size=300),
        ),
        confirmed=st.booleans(),
    )
    def check(data: bytes, confirmed: bool) -> None:
        def call() -> None:
            event = db.session.get(Event, world["event"])
            report = invitations.check_csv(event, data)
            invitations.import_rows(event, report, accept_good_rows=confirmed, now=utcnow())

        attempt(call, ())

    check()
    print(f"\ninvitation CSV: {attempt.seen}")


def test_accounts(app: Flask, create_user) -> None:
    ids = [create_user(role, email=f"{role.value}@example.org") for role in Role]
    attempt = Attempts(app)
    roles = st.sets(st.sampled_from(list(Role)))

    @SETTINGS
    @given(email=emails, name=names, password=st.one_of(text, st.none()), chosen=roles,
           active=st.booleans(), existing=st.sampled_from([None, *ids]))
    def check(email: str, name: str, password: str | None, chosen: set, active: bool,
              existing: int | None) -> None:
        def call() -> None:
            if existing is None:
                accounts.create_user(email, name, password or "", chosen)
            else:
                accounts.update_user(db.session.get(User, existing), email=email, name=name,
                                     roles=chosen, active=active, password=password)

        attempt(call, (accounts.AccountError,))

    check()
    print(f"\naccounts: {attempt.seen}")

