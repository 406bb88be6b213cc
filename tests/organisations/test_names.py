"""The duplicate key of organisation names, and German sorting."""

from __future__ import annotations

import pytest

from app.organisations.names import german_sort_key, normalise_name


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Türkischer Elternverein e.V.", "turkischer elternverein"),
        ("Türkischer Elternverein e. V.", "turkischer elternverein"),
        ("TÜRKISCHER ELTERNVEREIN", "turkischer elternverein"),
        ("türkischer-elternverein, e.V.", "turkischer elternverein"),
        ("Bildungswerk gGmbH", "bildungswerk"),
        ("Bildungswerk GmbH", "bildungswerk"),
        ("Haus der Kulturen gUG (haftungsbeschränkt)", "haus der kulturen"),
        ("Neuer Verein e.V. i.G.", "neuer verein"),
        ("Straße der Vielfalt e.V.", "strasse der vielfalt"),
        ("Société Culturelle Française", "societe culturelle francaise"),
        ("Polski Związek e.V.", "polski zwiazek"),
        ("  Ghana   Union  ", "ghana union"),
        ("جمعية الجالية العربية", "جمعية الجالية العربية"),
        ("e.V.", "e v"),
    ],
)
def test_normalise_name(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_cyrillic_names_ignore_case_and_legal_form() -> None:
    assert normalise_name("Український дім e.V.") == normalise_name("УКРАЇНСЬКИЙ ДІМ")


def test_words_inside_a_name_are_kept() -> None:
    assert normalise_name("EV Kulturverein") == "ev kulturverein"
    assert normalise_name("Verein der Eltern") != normalise_name("Verein der Eltern Ost")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("AG Migration und Integration e.V.", "ag migration und integration"),
        ("gGmbH Bildungswerk", "ggmbh bildungswerk"),
        ("UG Haus der Kulturen UG", "ug haus der kulturen"),
    ],
)
def test_only_trailing_legal_forms_are_dropped(name: str, key: str) -> None:
    """A leading "AG" is an Arbeitsgemeinschaft, part of the name, so it stays in the key."""
    assert normalise_name(name) == key


def test_leading_and_trailing_forms_do_not_make_different_names_equal() -> None:
    assert normalise_name("AG Migration") != normalise_name("Migration AG")


def test_german_sorting_puts_umlauts_with_their_base_letters() -> None:
    names = ["Zander", "Özdemir", "Oberst", "Ahmadi", "Ärmel", "Çelik", "Celan"]
    ordered = sorted(names, key=lambda n: german_sort_key(n))
    assert ordered == ["Ahmadi", "Ärmel", "Celan", "Çelik", "Oberst", "Özdemir", "Zander"]


@pytest.mark.parametrize("letter", ["ß", "ﬃ", "\ufdfa"])
def test_key_fits_its_column_however_the_letters_expand(letter: str) -> None:
    """A 300-character name the form accepts could fold into a longer key ("ß" → "ss"), which
    PostgreSQL refused to store (a 500). Found by the hostile-forms drill."""
    key = normalise_name(letter * 300)
    assert 0 < len(key) <= 300 and key == key.strip()


def test_registry_takes_a_name_whose_key_would_be_longer(app, client, login) -> None:  # noqa: ANN001
    from app.auth.models import Role

    login(Role.ORGANISER)
    response = client.post("/organisations/new", data={"name": "ß" * 300, "kind": "mso"})
    assert response.status_code == 302
