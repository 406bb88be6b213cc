"""Every form derives from ``app.forms.Form``, whose WTForms messages are complete in every
offered language (WTForms' own catalogs have gaps: German, Arabic); and no form lets a value
it does not offer through."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField
from wtforms.fields.core import UnboundField
from wtforms.validators import Optional

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
    strays = {
        f"{cls.__module__}.{cls.__qualname__}" for cls in _forms(app) if not issubclass(cls, Form)
    }
    assert strays == set()


def _forms(app: Flask) -> set[type]:
    for info in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(info.name)
    return {cls for cls in _subclasses(FlaskForm) if cls.__module__.startswith("app.")}


def test_no_multiple_select_is_optional(app: Flask) -> None:
    """``Optional()`` stops validation at an empty first value and clears the choice check's
    errors, so ``["", "anything"]`` got through a multiple select (a 500 on the account form)."""
    found = []
    for form in _forms(app):
        for name in dir(form):
            unbound = getattr(form, name, None)
            if isinstance(unbound, UnboundField) and issubclass(
                unbound.field_class, SelectMultipleField
            ):
                validators = unbound.kwargs.get("validators") or []
                if any(isinstance(v, Optional) for v in validators):
                    found.append(f"{form.__module__}.{form.__qualname__}.{name}")
    assert found == []


@pytest.mark.parametrize("roles", [[""], ["", "kaiser"]])
def test_account_form_refuses_roles_it_does_not_offer(
    app: Flask, client: FlaskClient, create_user, roles: list[str]
) -> None:
    log_in(client, create_user(Role.ADMIN))
    response = client.post(
        "/admin/users/new",
        data={"name": "Ayşe", "email": "ayse@example.org", "roles": roles, "password": "x" * 12},
        headers={"Accept-Language": "de"},
    )
    assert response.status_code == 200 and "keine gültige Auswahl" in response.text


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
