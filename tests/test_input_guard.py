"""Text no database can store is refused at the door with a clear answer, never a 500."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize("bad", ["A\x00B", "\ud800x"])
def test_api_refuses_unstorable_text_with_422(client: FlaskClient, bad: str) -> None:
    response = client.post(
        "/api/v1/events/1/registrations",
        json={"name": bad, "email": "a@example.org", "consent": True},
    )
    assert response.status_code == 422
    assert "nicht gespeichert werden" in response.json["message"]  # German by default


def test_form_refuses_nul_with_400_in_german(client: FlaskClient) -> None:
    response = client.post(
        "/login",
        data={"email": "a\x00@example.org", "password": "x"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 400
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("locale", "words"),
    [("ar", "لا يمكن حفظها"), ("tr", "kaydedilemeyen"), ("uk", "неможливо зберегти")],
)
def test_attendees_read_the_refusal_in_their_language(
    client: FlaskClient, locale: str, words: str
) -> None:
    """Every form answers through the guard, the attendees' forms too (it was English)."""
    response = client.post(
        "/vote/", data={"token": "A\x00B"}, headers={"Accept-Language": locale}
    )
    assert response.status_code == 400
    assert f'<html lang="{locale}"' in response.text and words in response.text


def test_ordinary_unicode_passes(client: FlaskClient) -> None:
    response = client.post("/login", data={"email": "ayşe@example.org", "password": "فاطمة"})
    assert response.status_code == 200
