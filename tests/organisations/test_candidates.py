"""The candidate list: decisions, order (German alphabet or a recorded lot), page, PDF, API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import utcnow
from app.elections import nominations, services
from app.elections.models import CandidateOrderLot, Election, Nomination
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations.links import resolve
from tests.conftest import log_in
from tests.organisations.conftest import user

NAMES = [("Zeynep", "Özdemir"), ("Ali", "Ahmadi"), ("Oksana", "Oberst"), ("Lan", "Nguyễn")]


@pytest.fixture
def nominated(app: Flask, make_election, make_organisation, eligible, staff) -> Callable[..., int]:
    """An election with four submitted nominations; returns the election id."""

    def make(**config: object) -> int:
        election_id = make_election(**config)
        tokens = [
            eligible(election_id, make_organisation(f"Verein {surname} e.V."))
            for _, surname in NAMES
        ]
        with app.app_context():
            for token, (first, surname) in zip(tokens, NAMES, strict=True):
                nominations.nominate(
                    resolve(token),
                    nominations.Candidate(
                        first_name=first,
                        surname=surname,
                        description=f"Ich bin {first}.",
                        consent_to_stand=True,
                        consent_to_publish=True,
                    ),
                    actor=None,
                    now=utcnow(),
                )
            db.session.commit()
        return election_id

    return make


def confirm_all(app: Flask, staff: dict[str, int]) -> None:
    with app.app_context():
        for nomination in db.session.scalars(select(Nomination)):
            nominations.decide(
                nomination, confirm=True, reason="", actor=user(staff["official"]), now=utcnow()
            )
        db.session.commit()


def test_list_is_hidden_until_published(app: Flask, client: FlaskClient, nominated, staff) -> None:
    election_id = nominated()
    assert client.get(f"/elections/{election_id}/candidates").status_code == 404
    assert client.get(f"/elections/{election_id}/candidates.pdf").status_code == 404
    assert client.get(f"/api/v1/elections/{election_id}/candidates").status_code == 404
    with app.app_context():
        election = db.session.get(Election, election_id)
        with pytest.raises(ElectionError) as excinfo:
            services.publish_candidates(election, actor=user(staff["official"]), now=utcnow())
        assert excinfo.value.code == "pending_nominations"


def test_published_alphabetically_with_umlauts_beside_their_base_letter(
    app: Flask, client: FlaskClient, nominated, staff
) -> None:
    election_id = nominated()
    confirm_all(app, staff)
    log_in(client, staff["official"])
    assert client.post(f"/elections/{election_id}/publish").status_code == 302
    page = client.get(f"/elections/{election_id}/candidates").text
    positions = [page.index(surname) for _, surname in NAMES]
    # Ahmadi, Nguyễn, Oberst, Özdemir
    assert positions[1] < positions[3] < positions[2] < positions[0]
    api = client.get(f"/api/v1/elections/{election_id}/candidates").get_json()
    assert [c["surname"] for c in api["candidates"]] == ["Ahmadi", "Nguyễn", "Oberst", "Özdemir"]
    assert [c["position"] for c in api["candidates"]] == [1, 2, 3, 4]
    pdf = client.get(f"/elections/{election_id}/candidates.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_rejected_candidates_are_not_listed_and_decisions_stop_after_publication(
    app: Flask, client: FlaskClient, nominated, staff
) -> None:
    election_id = nominated()
    log_in(client, staff["official"])
    with app.app_context():
        ids = db.session.scalars(select(Nomination.id).order_by(Nomination.id)).all()
    for nomination_id in ids[1:]:
        client.post(
            f"/elections/{election_id}/nominations/{nomination_id}/decide",
            data={"decision": "confirm"},
        )
    client.post(
        f"/elections/{election_id}/nominations/{ids[0]}/decide",
        data={"decision": "reject", "reason": "Keine Zustimmung"},
    )
    client.post(f"/elections/{election_id}/publish")
    page = client.get(f"/elections/{election_id}/candidates")
    assert page.status_code == 200 and "Özdemir" not in page.text
    late = client.post(
        f"/elections/{election_id}/nominations/{ids[0]}/decide", data={"decision": "confirm"}
    )
    assert late.status_code == 302
    with app.app_context():
        assert db.session.get(Nomination, ids[0]).status == "rejected"


def test_lot_order_is_recorded_and_reproducible(
    app: Flask, client: FlaskClient, nominated, staff
) -> None:
    election_id = nominated(ballot_order="lot")
    confirm_all(app, staff)
    log_in(client, staff["official"])
    client.post(f"/elections/{election_id}/publish")
    assert client.get(f"/elections/{election_id}/candidates").status_code == 404  # lot missing
    response = client.post(
        f"/elections/{election_id}/lot",
        data={
            "method": "digital",
            "drawn_by": "Walter Wahlleiter",
            "witnesses": "Ayşe, Piotr",
            "seed": "3-6-1-4",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        lot = db.session.scalar(select(CandidateOrderLot))
        assert lot.algorithm == services.LOT_ALGORITHM and lot.drawn_by == "Walter Wahlleiter"
        expected = services.digital_order("3-6-1-4", sorted(lot.drawn_order))
        assert lot.drawn_order == expected
        by_id = {n.id: n.surname for n in db.session.scalars(select(Nomination))}
    client.post(f"/elections/{election_id}/publish")
    api = client.get(f"/api/v1/elections/{election_id}/candidates").get_json()
    assert [c["surname"] for c in api["candidates"]] == [by_id[i] for i in expected]


def test_physical_lot_must_name_every_candidate_once(
    app: Flask, client: FlaskClient, nominated, staff
) -> None:
    election_id = nominated(ballot_order="lot")
    confirm_all(app, staff)
    log_in(client, staff["official"])
    data = {"method": "physical", "drawn_by": "Walter", "physical_order": "1, 1, 2, 3"}
    assert client.post(f"/elections/{election_id}/lot", data=data).status_code == 200
    data["physical_order"] = "4, 2, 3, 1"
    assert client.post(f"/elections/{election_id}/lot", data=data).status_code == 302
    with app.app_context():
        election = db.session.get(Election, election_id)
        surnames = [n.surname for n in services.candidate_order(election)]
    assert surnames == ["Özdemir", "Nguyễn", "Oberst", "Ahmadi"]


def test_api_organisations_is_for_organisers_only(
    client: FlaskClient, make_organisation, create_user
) -> None:
    make_organisation("Ghana Union e.V.", email="info@ghana.example")
    make_organisation("Caritas", kind="ngo")
    anonymous = client.get("/api/v1/organisations")
    assert anonymous.status_code == 401 and anonymous.get_json()["status"] == "error"
    for role in (Role.DOOR, Role.OFFICIAL):
        log_in(client, create_user(role))
        denied = client.get("/api/v1/organisations")
        assert denied.status_code == 403 and "info@ghana.example" not in denied.text
    for role in (Role.ORGANISER, Role.ADMIN):
        log_in(client, create_user(role))
        everything = client.get("/api/v1/organisations").get_json()
        assert {o["name"] for o in everything} == {"Ghana Union e.V.", "Caritas"}
    ngos = client.get("/api/v1/organisations?kind=ngo").get_json()
    assert [o["name"] for o in ngos] == ["Caritas"]
    assert client.get("/api/v1/organisations?kind=pirates").status_code == 422


def test_api_is_in_the_openapi_document(client: FlaskClient) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/organisations" in paths
    assert "/api/v1/elections/{election_id}/candidates" in paths
