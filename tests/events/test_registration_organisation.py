"""Registrations can name an organisation of the registry (form, staff form, API); free text stays.

The voting desk trusts ``Registration.organisation_id`` to recognise a delegate, so unknown ids
are refused with a clear message and nothing is stored.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role
from app.events.models import Registration
from app.extensions import db
from app.organisations.models import Organisation
from app.organisations.names import normalise_name


def _organisation(app: Flask, name: str = "Türkischer Elternverein e.V.") -> int:
    with app.app_context():
        org = Organisation(name=name, normalised_name=normalise_name(name), kind="mso")
        db.session.add(org)
        db.session.commit()
        return org.id


def _registrations(app: Flask) -> list[tuple[str, int | None]]:
    with app.app_context():
        rows = db.session.execute(
            select(Registration.organisation_name, Registration.organisation_id).order_by(
                Registration.id
            )
        )
        return [tuple(r) for r in rows]


FORM = {"name": "Ayşe Yılmaz", "category": "resident", "consent": "y"}


def test_public_form_offers_registry_names_and_maps_a_typed_name(
    app: Flask, client: FlaskClient, make_event
) -> None:
    org_id = _organisation(app)
    event_id = make_event()
    page = client.get(f"/events/{event_id}/register?lang=tr")
    assert 'list="organisation-names"' in page.text
    assert '<option value="Türkischer Elternverein e.V.">' in page.text
    assert "Bildiğimiz kuruluşlardan" in page.text  # the hint, in Turkish
    typed = {**FORM, "email": "ayse@example.org", "organisation_name": "türkischer Elternverein"}
    assert client.post(f"/events/{event_id}/register", data=typed).status_code == 302
    free = {**FORM, "email": "zeynep@example.org", "organisation_name": "Nachbarschaftscafé Linden"}
    assert client.post(f"/events/{event_id}/register", data=free).status_code == 302
    assert _registrations(app) == [
        ("türkischer Elternverein", org_id),
        ("Nachbarschaftscafé Linden", None),
    ]


def test_staff_form_sets_and_changes_the_organisation(
    app: Flask, client: FlaskClient, login, make_event
) -> None:
    first, second = _organisation(app), _organisation(app, "Deutsch-Kurdischer Kulturverein")
    event_id = make_event()
    login(Role.ORGANISER)
    form = client.get(f"/staff/events/{event_id}/registrations/new")
    assert f'<option value="{first}">Türkischer Elternverein e.V.</option>' in form.text
    data = {"name": "Ali Demir", "email": "ali@example.org", "locale": "de"}
    added = client.post(
        f"/staff/events/{event_id}/registrations/new", data={**data, "organisation_id": first}
    )
    assert added.status_code == 302
    assert _registrations(app) == [("Türkischer Elternverein e.V.", first)]
    with app.app_context():
        registration_id = db.session.scalar(select(Registration.id))
    edit = client.get(f"/staff/events/registrations/{registration_id}")
    assert f'<option selected value="{first}">' in edit.text
    moved = client.post(
        f"/staff/events/registrations/{registration_id}",
        data={**data, "organisation_id": second, "organisation_name": "DKKV"},
    )
    assert moved.status_code == 302
    assert _registrations(app) == [("DKKV", second)]


def test_staff_form_refuses_unknown_organisation_clearly(
    app: Flask, client: FlaskClient, login, make_event
) -> None:
    event_id = make_event()
    login(Role.ORGANISER)
    for bad in ("999999", "abc", str(2**40)):
        response = client.post(
            f"/staff/events/{event_id}/registrations/new?lang=de",
            data={
                "name": "Ali Demir",
                "email": "ali@example.org",
                "locale": "de",
                "organisation_id": bad,
            },
            follow_redirects=True,
        )
        assert response.status_code == 200
        assert "Diese Organisation ist nicht in unserer Liste" in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_api_accepts_a_registry_id_and_refuses_an_unknown_one(
    app: Flask, client: FlaskClient, make_event
) -> None:
    org_id = _organisation(app)
    event_id = make_event()
    body = {"name": "Ayşe Yılmaz", "email": "ayse@example.org", "consent": True}
    ok = client.post(
        f"/api/v1/events/{event_id}/registrations", json={**body, "organisation_id": org_id}
    )
    assert ok.status_code == 201, ok.json
    assert _registrations(app) == [("Türkischer Elternverein e.V.", org_id)]
    unknown = client.post(
        f"/api/v1/events/{event_id}/registrations",
        json={**body, "email": "b@example.org", "organisation_id": 424242},
    )
    assert unknown.status_code == 422
    assert unknown.json["reason"] == "unknown_organisation"
    assert "organisation_id" in unknown.json["errors"]["json"]
    wrong_type = client.post(
        f"/api/v1/events/{event_id}/registrations",
        json={**body, "email": "c@example.org", "organisation_id": "7"},
    )
    assert wrong_type.status_code == 422
    assert len(_registrations(app)) == 1
    spec = client.get("/api/v1/openapi.json").json
    schema = spec["components"]["schemas"]["RegistrationIn"]["properties"]
    assert schema["organisation_id"]["type"] == "integer"
