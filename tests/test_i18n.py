"""Languages: complete catalogs, the remembered switch, right-to-left layout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
i18n_tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n_tool)


@pytest.mark.parametrize("locale", i18n_tool.COMPLETE_LOCALES)
def test_every_message_is_translated(locale: str) -> None:
    assert i18n_tool.missing(locale, public_only=False) == []


@pytest.mark.parametrize("locale", sorted(set(i18n_tool.LOCALES) - set(i18n_tool.COMPLETE_LOCALES)))
def test_everything_attendees_see_is_translated(locale: str) -> None:
    assert i18n_tool.missing(locale, public_only=True) == []


def test_every_offered_language_has_a_catalog() -> None:
    """A language in the switch without a catalog would show German under another name."""
    from config import LANGUAGES

    for code in LANGUAGES:
        assert i18n_tool.catalog_path(code).exists(), f"no catalog for offered language {code}"
        assert code in i18n_tool.LOCALES, f"{code} is not checked for missing translations"


def test_catalog_template_is_up_to_date(tmp_path: Path) -> None:
    """Every message in the code is in messages.pot (run `make translations` if this fails)."""
    from babel.messages.pofile import read_po

    fresh = tmp_path / "fresh.pot"
    i18n_tool.extract_template(fresh)
    with fresh.open("rb") as a, i18n_tool.POT.open("rb") as b:
        wanted = {m.id for m in read_po(a) if m.id}
        present = {m.id for m in read_po(b) if m.id}
    assert wanted - present == set()


def test_german_is_the_default(client: FlaskClient) -> None:
    response = client.get("/")
    assert '<html lang="de" dir="ltr">' in response.text


def test_browser_language_is_honoured(client: FlaskClient) -> None:
    response = client.get("/", headers={"Accept-Language": "tr-TR,tr;q=0.9"})
    assert '<html lang="tr"' in response.text


def test_switch_is_remembered_and_arabic_is_right_to_left(client: FlaskClient) -> None:
    switched = client.get("/lang/ar?next=/privacy")
    assert switched.status_code == 302 and switched.headers["Location"] == "/privacy"
    page = client.get("/privacy")
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "Privacy notice" not in page.text  # translated, not the English source


def test_switch_links_on_every_page_point_back_to_the_page(client: FlaskClient) -> None:
    page = client.get("/privacy")
    assert 'href="/lang/en?next=/privacy"' in page.text


def test_switch_refuses_foreign_redirects(client: FlaskClient) -> None:
    response = client.get("/lang/en?next=//evil.example/")
    assert response.headers["Location"] == "/"


def test_unknown_language_is_404(client: FlaskClient) -> None:
    assert client.get("/lang/xx").status_code == 404
