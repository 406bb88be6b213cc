"""Ids that arrive as text: ASCII digits up to what an INTEGER key holds, or no id at all.

PostgreSQL refused to compare a key with a larger number (a 500), and ``int("²")`` raised after
``"²".isdigit()`` had let it through (a 500 on both engines). Found by the hostile-forms drill.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role
from app.elections.models import RollEntry
from app.extensions import db
from app.ids import MAX_ID, parse_id
from tests.conftest import log_in
from tests.organisations.helpers import add_election, add_organisation

TOO_BIG = str(MAX_ID + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), (str(MAX_ID), MAX_ID), (TOO_BIG, None), ("0", None), ("²", None), ("٣", None),
     ("-1", None), (" 7", None), ("", None), (None, None), ("9" * 30, None)],
)
def test_parse_id(text: object, expected: int | None) -> None:
    assert parse_id(text) == expected


@pytest.mark.parametrize("token", ["².1.abc", f"{TOO_BIG}.1.abc", "1.٣.abc"])
def test_personal_link_with_odd_numbers_is_not_found(client: FlaskClient, token: str) -> None:
    assert client.get(f"/o/{token}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"/staff/mail/?event={TOO_BIG}",
        f"/organisations?eligible=yes&election={TOO_BIG}",
        "/organisations?eligible=no&election=²",
        "/organisations?page=99999999999999999999",
    ],
)
def test_filters_with_odd_ids_list_nothing_special(
    client: FlaskClient, create_user, url: str
) -> None:
    log_in(client, create_user(Role.ORGANISER))
    assert client.get(url).status_code == 200


def test_registration_filter_with_odd_session_ids(
    app: Flask, client: FlaskClient, create_user
) -> None:
    from tests.events.conftest import make_event

    event_id = make_event.__wrapped__(app)()
    log_in(client, create_user(Role.ORGANISER))
    for session in ("²", TOO_BIG):
        assert client.get(f"/staff/events/{event_id}?session={session}").status_code == 200


def test_roll_and_link_mails_refuse_odd_organisation_ids(
    app: Flask, client: FlaskClient, create_user
) -> None:
    organiser = create_user(Role.ORGANISER)
    election = add_election(app, create_user(Role.OFFICIAL))
    add_organisation(app, organiser, "Türkischer Elternverein e.V.")
    log_in(client, organiser)
    marked = client.post(f"/elections/{election}/roll", data={"organisation": ["²", TOO_BIG]})
    assert marked.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count(RollEntry.id))) == 0
    sent = client.post(f"/elections/{election}/links/send", data={"organisation_id": TOO_BIG})
    assert sent.status_code == 400
