"""The delegate registers through the organisation's page, and the desk recognises them.

ELECTION.md R0.3: an organisation receives a voting card once its delegate is checked in at
the assembly's entrance. The link on /o/<token> binds the registration to the organisation
(signed apart from the personal link), also for an invite-only assembly.
"""

from __future__ import annotations

import html
import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role
from app.elections import cards
from app.events.models import Registration
from app.events.tickets import token_for
from app.extensions import db
from tests.conftest import log_in
from tests.organisations.helpers import assembly_election

LINK = re.compile(r'href="(/events/\d+/register\?delegate=[^"]+)"')


def _delegate_link(client: FlaskClient, token: str) -> str:
    page = client.get(f"/o/{token}?lang=en")
    assert page.status_code == 200
    found = LINK.search(page.text)
    assert found, "the page offers no delegate registration link"
    return html.unescape(found.group(1))


def test_org_link_to_delegate_registration_to_checkin_to_desk(
    app: Flask, client: FlaskClient, create_user
) -> None:
    a = assembly_election(app)
    page = client.get(f"/o/{a['token']}?lang=en")
    assert "Please name your delegate above first" in page.text and not LINK.search(page.text)
    named = client.post(
        f"/o/{a['token']}/delegates", data={"name": "Ayşe Yılmaz", "email": "ayse@verein.example"}
    )
    assert named.status_code == 302
    link = _delegate_link(client, a["token"])
    assert "Register our delegate for the assembly" in client.get(f"/o/{a['token']}?lang=en").text

    # The invite-only assembly opens for the link, prefilled with the delegate.
    form = client.get(link + "&lang=tr")
    assert form.status_code == 200
    assert 'value="Ayşe Yılmaz"' in form.text and 'value="ayse@verein.example"' in form.text
    assert a["org_name"] in form.text and "delegesini" in form.text
    sent = client.post(
        link,
        data={
            "name": "Ayşe Yılmaz",
            "email": "ayse@verein.example",
            "category": "migrant_organisation",
            "organisation_name": "Irgendwas",  # ignored: the link binds the organisation
            "consent": "y",
        },
    )
    assert sent.status_code == 302, sent.text
    with app.app_context():
        registration = db.session.scalar(select(Registration))
        assert registration.organisation_id == a["org"]
        assert registration.organisation_name == a["org_name"]
        assert registration.status == "confirmed"
        code = token_for(registration.ticket)
    assert "is registered as your delegate" in client.get(f"/o/{a['token']}?lang=en").text

    # Ticket scanned at the entrance by the door staff.
    log_in(client, create_user(Role.DOOR, email="door@example.org"))
    scanned = client.post(f"/checkin/scan/{a['entrance']}", data={"code": code})
    assert scanned.status_code == 200, scanned.text

    # The voting desk: the scanned ticket names the organisation, which may receive a card.
    log_in(client, create_user(Role.OFFICIAL, email="official@example.org"))
    desk = client.get(
        f"/elections/{a['election']}/desk", query_string={"ticket": code, "lang": "en"}
    )
    assert desk.status_code == 200
    row = desk.text.split(f'<th scope="row">{a["org_name"]}</th>')[1].split("</tr>")[0]
    assert "Yes" in row and "delegate not checked in" not in row
    with app.app_context():
        from app.elections.models import Election
        from app.organisations.models import Organisation

        election = db.session.get(Election, a["election"])
        assert cards.desk_problems(election, db.session.get(Organisation, a["org"])) == []


def test_forged_or_foreign_delegate_link_opens_nothing(app: Flask, client: FlaskClient) -> None:
    a = assembly_election(app)
    client.post(f"/o/{a['token']}/delegates", data={"name": "Ayşe Yılmaz"})
    link = _delegate_link(client, a["token"])
    forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    page = client.get(forged + "&lang=de")
    assert page.status_code == 403 and "nicht mehr gültig" in page.text
    other_org = re.sub(
        r"delegate=(\d+)\.(\d+)\.", lambda m: f"delegate={m[1]}.{int(m[2]) + 1}.", link
    )
    assert client.get(other_org).status_code == 403
    personal = f"/events/{a['event']}/register?delegate={a['token']}"  # the personal link's token
    assert client.get(personal).status_code == 403
    refused = client.post(forged, data={"name": "X", "email": "x@example.org", "consent": "y"})
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_revoking_the_personal_link_revokes_the_delegate_link(
    app: Flask, client: FlaskClient
) -> None:
    a = assembly_election(app)
    client.post(f"/o/{a['token']}/delegates", data={"name": "Ayşe Yılmaz"})
    link = _delegate_link(client, a["token"])
    assert client.get(link).status_code == 200
    with app.app_context():
        from app.elections.models import RollEntry

        entry = db.session.scalar(select(RollEntry).where(RollEntry.organisation_id == a["org"]))
        entry.link_version += 1
        db.session.commit()
    assert client.get(link).status_code == 403
