"""Every form derives from ``app.forms.Form``, whose WTForms messages are complete in every
offered language (WTForms' own catalogs have gaps: German, Arabic)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm

import app as app_package
from app.auth.models import Role
from app.forms import Form
from tests.conftest import log_in


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_form_derives_from_the_app_form(app: Flask) -> None:
    for info in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(info.name)
    strays = {
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _subclasses(FlaskForm)
        if not issubclass(cls, Form) and cls.__module__.startswith("app.")
    }
    assert strays == set()


def test_unknown_choice_is_refused_in_german(app: Flask, client: FlaskClient, create_user) -> None:
    """WTForms' German message for this is fuzzy, so it was shown in English."""
    log_in(client, create_user(Role.ADMIN))
    response = client.post(
        "/admin/users/new",
        data={"name": "Ayşe", "email": "ayse@example.org", "roles": "kaiser"},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 200
    assert "&#39;kaiser&#39; ist keine gültige Auswahl für dieses Feld." in response.text
    assert "is not a valid choice" not in response.text


@pytest.mark.parametrize(
    ("locale", "words"),
    [("ar", "لا يمكن أن يزيد طول الحقل على 64 حرفًا."), ("de", "nicht länger als 64 Zeichen")],
)
def test_too_long_is_refused_in_the_attendees_language(
    client: FlaskClient, locale: str, words: str
) -> None:
    """WTForms' Arabic catalog lacks the plural forms for 3 and more, so Arabic readers got
    English (the voting code has at most 64 characters)."""
    response = client.post(
        "/vote/", data={"token": "A" * 65}, headers={"Accept-Language": locale}
    )
    assert response.status_code == 400
    assert "Field cannot be longer" not in response.text
    assert words in response.text
