"""Registry pages and services: create, edit with history, duplicates, search, export."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.auth.models import Role
from app.db import utcnow
from app.extensions import db
from app.organisations import services
from app.organisations.models import Organisation, OrganisationChange
from tests.conftest import log_in


def test_create_organisation_through_the_form(client: FlaskClient, login) -> None:
    login(Role.ORGANISER)
    response = client.post(
        "/organisations/new",
        data={"name": "Ghana Union e.V.", "kind": "mso", "email": "Info@Ghana.example"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Ghana Union e.V." in response.text
    assert "info@ghana.example" in response.text


def test_duplicate_name_is_refused_with_the_registered_name(
    client: FlaskClient, login, make_organisation
) -> None:
    make_organisation("Türkischer Elternverein e.V.")
    login(Role.ORGANISER)
    response = client.post(
        "/organisations/new", data={"name": "türkischer ELTERNVEREIN e. V.", "kind": "mso"}
    )
    assert response.status_code == 200
    assert "Türkischer Elternverein e.V." in response.text
    with client.application.app_context():
        assert db.session.query(Organisation).count() == 1


def test_bad_kind_or_email_never_stores(client: FlaskClient, login) -> None:
    login(Role.ORGANISER)
    client.post("/organisations/new", data={"name": "X e.V.", "kind": "pirates"})
    client.post("/organisations/new", data={"name": "Y e.V.", "kind": "mso", "email": "no"})
    with client.application.app_context():
        assert db.session.query(Organisation).count() == 0


def test_edit_records_what_changed_and_the_page_shows_it(
    client: FlaskClient, login, make_organisation
) -> None:
    organisation_id = make_organisation("Ghana Union e.V.", contact_person="Abena")
    login(Role.ORGANISER)
    response = client.post(
        f"/organisations/{organisation_id}/edit",
        data={"name": "Ghana Union e.V.", "kind": "mso", "contact_person": "Kwame"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "„Abena“ → „Kwame“" in response.text
    with client.application.app_context():
        actions = [c.action for c in db.session.query(OrganisationChange).order_by("id")]
    assert actions == ["created", "updated"]


def test_renaming_onto_another_organisation_is_refused(ctx: Flask, make_organisation) -> None:
    make_organisation("Arabisches Kulturhaus e.V.")
    other = db.session.get(Organisation, make_organisation("Syrischer Frauenverein e.V."))
    try:
        services.update_organisation(
            other, {"name": "arabisches kulturhaus", "kind": "mso"}, actor=None, now=utcnow()
        )
    except services.OrganisationError as error:
        assert error.code == "duplicate"
        assert error.duplicate.name == "Arabisches Kulturhaus e.V."
    else:
        raise AssertionError("duplicate accepted")


def test_search_and_filter_by_kind(client: FlaskClient, login, make_organisation) -> None:
    make_organisation("Vietnamesischer Kulturverein e.V.", languages="Vietnamesisch")
    make_organisation("Caritas Hannover", kind="ngo")
    login(Role.ORGANISER)
    found = client.get("/organisations?q=vietnam")
    assert "Vietnamesischer Kulturverein" in found.text and "Caritas" not in found.text
    ngos = client.get("/organisations?kind=ngo")
    assert "Caritas" in ngos.text and "Vietnamesischer" not in ngos.text
    accented = client.get("/organisations?q=KÜLTURVEREIN")
    assert "Vietnamesischer Kulturverein" in accented.text


def test_filter_by_eligibility(
    client: FlaskClient, login, make_organisation, make_election, eligible
) -> None:
    election_id = make_election()
    eligible(election_id, make_organisation("Ghana Union e.V."))
    make_organisation("Polnischer Sozialrat e.V.")
    login(Role.ORGANISER)
    yes = client.get(f"/organisations?eligible=yes&election={election_id}")
    assert "Ghana Union" in yes.text and "Polnischer" not in yes.text
    no = client.get("/organisations?eligible=no")
    assert "Polnischer" in no.text and "Ghana Union" not in no.text


def test_export_is_utf8_with_bom_and_defuses_formulas(
    client: FlaskClient, login, make_organisation
) -> None:
    make_organisation("Ünal & Söhne Kulturverein e.V.", notes="=HYPERLINK(1)")
    login(Role.ORGANISER)
    response = client.get("/organisations/export.csv")
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("name;kind;")
    assert "Ünal & Söhne Kulturverein e.V." in text
    assert ";'=HYPERLINK(1)" in text


def test_registry_is_closed_to_doors_and_officials(
    client: FlaskClient, create_user, make_organisation
) -> None:
    for role in (Role.DOOR, Role.OFFICIAL):
        log_in(client, create_user(role))
        assert client.get("/organisations").status_code == 403
