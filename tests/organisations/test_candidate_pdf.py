"""The public candidate list PDF, read back with poppler: order, order rule, photos, scripts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.db import utcnow
from app.elections import nominations
from app.extensions import db
from app.organisations.links import resolve
from app.organisations.photos import reencode
from tests.conftest import log_in
from tests.organisations.conftest import user
from tests.organisations.helpers import pdf_text, png_bytes

#: (first name, surname, organisation, translations); Arabic is shaped, umlauts survive
CANDIDATES = [
    ("Zeynep", "Özdemir", "Türkischer Elternverein e.V.", {"tr": "Eğitim alanında çalışıyorum."}),
    ("فاطمة", "الزهراء", "جمعية الأمل", {"ar": "أعمل في مجال التعليم والاندماج"}),
    ("Jürgen", "Müller", "Brücke Göttingen", {}),
    ("Ali", "Ahmadi", "Afghanischer Kulturverein", {}),
]


def image_count(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(data)
    listing = subprocess.run(
        ["pdfimages", "-list", path], check=True, capture_output=True, text=True
    ).stdout
    return len(listing.splitlines()[2:])


@pytest.fixture
def published(app: Flask, client: FlaskClient, make_election, make_organisation, eligible, staff):
    """``published(**config)`` -> election id: four confirmed candidates, one with a photo."""

    def make(**config: object) -> int:
        election_id = make_election(**config)
        tokens = [eligible(election_id, make_organisation(org)) for _, _, org, _ in CANDIDATES]
        with app.app_context():
            for index, (token, (first, surname, _, translations)) in enumerate(
                zip(tokens, CANDIDATES, strict=True)
            ):
                nomination = nominations.nominate(
                    resolve(token),
                    nominations.Candidate(
                        first_name=first,
                        surname=surname,
                        description=f"Beschreibung von {surname}.",
                        translations=translations,
                        photo=reencode(png_bytes(300, 400)) if index == 0 else None,
                        consent_to_stand=True,
                        consent_to_publish=True,
                    ),
                    actor=None,
                    now=utcnow(),
                )
                nominations.decide(
                    nomination, confirm=True, reason="", actor=user(staff["official"]), now=utcnow()
                )
            db.session.commit()
        log_in(client, staff["official"])
        return election_id

    return make


def test_pdf_lists_candidates_alphabetically_with_photo_and_translations(
    client: FlaskClient, published, tmp_path: Path
) -> None:
    election_id = published()
    assert client.post(f"/elections/{election_id}/publish").status_code == 302
    response = client.get(f"/elections/{election_id}/candidates.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = pdf_text(response.data, tmp_path)
    # Ahmadi, Müller, Özdemir (Ö sorts as O), then the Arabic surname after the Latin ones
    order = ["Ali Ahmadi", "Jürgen Müller", "Zeynep Özdemir", "الزهراء"]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)
    assert "Order of names: alphabetical by surname." in text
    for expected in (
        "Wahl der MSO-Vertretung",
        "Türkischer Elternverein e.V.",
        "جمعية الأمل",
        "Beschreibung von Özdemir.",
        "Türkçe",
        "Eğitim alanında çalışıyorum.",
        "العربية",
    ):
        assert expected in text, expected
    assert all(word in text for word in ["أعمل", "في", "مجال", "التعليم", "والاندماج"])
    assert image_count(response.data, tmp_path) == 1


def test_pdf_follows_the_recorded_lot_and_says_so_in_german(
    app: Flask, client: FlaskClient, published, tmp_path: Path
) -> None:
    election_id = published(ballot_order="lot")
    # The lot form numbers the candidates as the page lists them: alphabetically
    alphabetical = ["Ahmadi", "Müller", "Özdemir", "الزهراء"]
    drawn = ["Müller", "الزهراء", "Ahmadi", "Özdemir"]
    lot = {
        "method": "physical",
        "drawn_by": "Walter Wahlleiter",
        "physical_order": ", ".join(str(alphabetical.index(s) + 1) for s in drawn),
    }
    assert client.post(f"/elections/{election_id}/lot", data=lot).status_code == 302
    assert client.post(f"/elections/{election_id}/publish").status_code == 302
    response = client.get(f"/elections/{election_id}/candidates.pdf?lang=de")
    text = pdf_text(response.data, tmp_path)
    positions = [text.index(surname) for surname in drawn]
    assert positions == sorted(positions)
    assert "Reihenfolge der Namen: nach dem Losentscheid vom" in text
    assert "Walter Wahlleiter" in text
    assert "Kandidat" in text and "Order of names" not in text
