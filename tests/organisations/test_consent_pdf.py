"""The printable consent form as PDF: from the organisation's page and for paper nominations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask.testing import FlaskClient

from app.auth.models import Role
from tests.conftest import log_in
from tests.organisations.helpers import pdf_text

#: 23:30 UTC on 30 May is already 31 May in Germany: the form shows the local date
CLOSES = datetime(2030, 5, 30, 22, 30, tzinfo=UTC)


def test_organisation_downloads_its_prefilled_consent_form(
    client: FlaskClient, make_election, make_organisation, eligible, tmp_path: Path
) -> None:
    election_id = make_election(
        committee_name="Integrationsbeirat Göttingen",
        parity=True,
        nomination_opens_at=datetime.now(UTC) - timedelta(days=1),
        nomination_closes_at=CLOSES,
    )
    token = eligible(election_id, make_organisation("Deutsch-Türkischer Verein e.V."))
    page = client.get(f"/o/{token}")
    assert f'href="/o/{token}/consent.pdf"' in page.text
    response = client.get(f"/o/{token}/consent.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = pdf_text(response.data, tmp_path)
    for expected in (
        "Zustimmungserklärung der Kandidatin / des Kandidaten",
        "Wahl: Wahl der MSO-Vertretung",
        "Gremium: Integrationsbeirat Göttingen",
        "Deutsch-Türkischer Verein e.V.",
        "31.05.2030",
        "Frauenplatz",
        "Unterschrift der Kandidatin / des Kandidaten",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
    assert f'href="/o/{token}/consent.pdf"' in client.get(f"/o/{token}/consent").text


def test_consent_pdf_needs_a_valid_link(
    client: FlaskClient, make_election, make_organisation, eligible
) -> None:
    token = eligible(make_election(), make_organisation("Verein Brücke"))
    forged = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    assert client.get(f"/o/{forged}/consent.pdf").status_code == 404


def test_staff_print_the_form_for_a_paper_nomination(
    client: FlaskClient, make_election, make_organisation, eligible, staff, create_user, tmp_path
) -> None:
    election_id = make_election()
    organisation_id = make_organisation("Ukrainischer Kulturverein Київ")
    eligible(election_id, organisation_id)
    outsider = make_organisation("Nicht auf der Liste e.V.")
    url = f"/elections/{election_id}/roll/{organisation_id}/consent.pdf"
    log_in(client, create_user(Role.DOOR))
    assert client.get(url).status_code == 403
    log_in(client, staff["organiser"])
    paper = client.get(f"/elections/{election_id}/roll/{organisation_id}/paper")
    assert f'href="{url}"' in paper.text
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(response.data, tmp_path)
    assert "Ukrainischer Kulturverein Київ" in text and "zum Ende der Vorschlagsfrist" not in text
    assert "Frauenplatz" not in text  # parity is off in this election
    assert client.get(f"/elections/{election_id}/roll/{outsider}/consent.pdf").status_code == 404
