"""Eligibility decisions are recorded and kept; personal links; delegates and their changes."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from app.auth.models import Role
from app.db import utcnow
from app.elections import roll
from app.elections.models import Delegate, Election, EligibilityDecision, RollEntry
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations.links import personal_link, resolve, token_for
from app.organisations.models import Organisation
from tests.organisations.conftest import user


def test_decisions_are_appended_and_the_page_shows_them(
    client: FlaskClient, login, make_election, make_organisation
) -> None:
    election_id = make_election()
    organisation_id = make_organisation("Ghana Union e.V.")
    login(Role.ORGANISER)
    url = f"/elections/{election_id}/roll/{organisation_id}/eligibility"
    client.post(url, data={"eligible": "yes", "may_nominate": "y", "reason": "Satzung geprüft"})
    client.post(url, data={"eligible": "no", "reason": "Verein aufgelöst"})
    client.post(url, data={"eligible": "no", "reason": "noch einmal"})  # no change: not recorded
    with client.application.app_context():
        decisions = db.session.scalars(select(EligibilityDecision).order_by("id")).all()
        assert [(d.is_eligible, d.reason) for d in decisions] == [
            (True, "Satzung geprüft"),
            (False, "Verein aufgelöst"),
        ]
        assert all(d.decided_by_id and d.decided_at for d in decisions)
        entry = db.session.scalar(select(RollEntry))
        assert entry.is_eligible is False and entry.reason == "Verein aufgelöst"
    page = client.get(f"/organisations/{organisation_id}")
    assert "Satzung geprüft" in page.text and "Verein aufgelöst" in page.text


def test_only_msos_can_be_eligible(ctx, make_election, make_organisation, staff) -> None:
    election_id, ngo_id = make_election(), make_organisation("Caritas", kind="ngo")
    election, ngo = db.session.get(Election, election_id), db.session.get(Organisation, ngo_id)
    with pytest.raises(ElectionError) as excinfo:
        roll.decide_eligibility(
            election, ngo, eligible=True, actor=user(staff["organiser"]), now=utcnow()
        )
    assert excinfo.value.code == "not_mso"


def test_bulk_marking_skips_non_msos(
    client: FlaskClient, login, make_election, make_organisation
) -> None:
    election_id = make_election()
    ids = [make_organisation(f"Verein {n} e.V.") for n in range(3)]
    ids.append(make_organisation("Stadtverwaltung", kind="authority"))
    login(Role.ORGANISER)
    response = client.post(
        f"/elections/{election_id}/roll",
        data={"organisation": [str(i) for i in ids], "reason": "Liste 2026"},
    )
    assert response.status_code == 302
    with client.application.app_context():
        assert db.session.query(RollEntry).filter_by(is_eligible=True).count() == 3


def test_personal_links_are_signed_and_revocable(
    ctx, make_election, make_organisation, eligible, staff
) -> None:
    election_id = make_election()
    organisation_id = make_organisation("A e.V.")
    token = eligible(election_id, organisation_id)
    entry = resolve(token)
    assert entry is not None
    election_part, organisation_part, signature = token.split(".")
    assert len(signature) == 32
    assert resolve(f"{election_part}.{organisation_part}.{'A' * 32}") is None
    assert resolve(f"{election_part}.{int(organisation_part) + 1}.{signature}") is None
    assert resolve("garbage") is None
    link = personal_link(entry.organisation, entry.election)
    assert link.endswith(f"/o/{token}") and link.startswith("http")
    roll.revoke_links(entry, actor=user(staff["organiser"]), now=utcnow())
    assert resolve(token) is None
    assert resolve(token_for(entry)) is entry


def test_personal_link_needs_eligibility(ctx, make_election, make_organisation) -> None:
    election_id, organisation_id = make_election(), make_organisation("A e.V.")
    election = db.session.get(Election, election_id)
    organisation = db.session.get(Organisation, organisation_id)
    with pytest.raises(LookupError):
        personal_link(organisation, election)


def test_links_page_lists_every_eligible_organisation(
    client: FlaskClient, login, make_election, make_organisation, eligible
) -> None:
    election_id = make_election()
    tokens = [eligible(election_id, make_organisation(f"Verein {n} e.V.")) for n in range(3)]
    make_organisation("Nicht berechtigt e.V.")
    login(Role.ORGANISER)
    page = client.get(f"/elections/{election_id}/links")
    assert all(f"/o/{token}" in page.text for token in tokens)
    assert "Nicht berechtigt" not in page.text


def test_delegate_changes_are_kept_with_who_and_when(
    client: FlaskClient, login, make_election, make_organisation, eligible
) -> None:
    election_id = make_election()
    organisation_id = make_organisation("A e.V.")
    token = eligible(election_id, organisation_id)
    response = client.post(
        f"/o/{token}/delegates", data={"name": "Ayşe Yılmaz", "deputy_name": "Mehmet Demir"}
    )
    assert response.status_code == 302
    login(Role.ORGANISER)
    client.post(
        f"/elections/{election_id}/roll/{organisation_id}/delegates",
        data={"name": "Zeynep Aydın", "deputy_name": "Mehmet Demir"},
    )
    with client.application.app_context():
        rows = db.session.scalars(select(Delegate).order_by(Delegate.id)).all()
        assert [(r.name, r.is_deputy, r.replaced_at is None) for r in rows] == [
            ("Ayşe Yılmaz", False, False),
            ("Mehmet Demir", True, True),
            ("Zeynep Aydın", False, True),
        ]
        assert rows[0].named_by_id is None and rows[0].replaced_by_id is not None
        assert rows[2].named_by_id is not None
    with client.application.app_context():
        assert roll.delegate_of(election_id, "") is None
    history = client.get(f"/organisations/{organisation_id}")
    assert "delegate named or changed" in history.text


def test_public_delegate_form_needs_a_name(
    client: FlaskClient, make_election, make_organisation, eligible
) -> None:
    token = eligible(make_election(), make_organisation("A e.V."))
    response = client.post(f"/o/{token}/delegates", data={"name": "", "email": "x"})
    assert response.status_code == 400
    with client.application.app_context():
        assert db.session.scalar(select(Delegate)) is None


def test_delegate_of_finds_the_current_delegate_by_email(
    client: FlaskClient, make_election, make_organisation, eligible
) -> None:
    election_id = make_election()
    token = eligible(election_id, make_organisation("Ghana Union e.V."))
    client.post(f"/o/{token}/delegates", data={"name": "Abena", "email": "Abena@Ghana.example"})
    with client.application.app_context():
        delegate = roll.delegate_of(election_id, "abena@ghana.example ")
        assert delegate is not None and delegate.organisation.name == "Ghana Union e.V."
        assert roll.delegate_of(election_id + 1, "abena@ghana.example") is None
