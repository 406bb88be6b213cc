"""CSV import: the validation report, nothing stored from a bad file unless confirmed, speed."""

from __future__ import annotations

import io
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from app.auth.models import Role
from app.extensions import db
from app.organisations import csv_io
from app.organisations.models import Organisation, OrganisationChange

HEADER = "name;kind;contact_person;email;phone;address;languages;website;notes\n"


def upload(client: FlaskClient, text: str, encoding: str = "utf-8-sig") -> TestResponse:
    return client.post(
        "/organisations/import",
        data={"file": (io.BytesIO(text.encode(encoding)), "orgs.csv")},
        content_type="multipart/form-data",
    )


def count(client: FlaskClient) -> int:
    with client.application.app_context():
        return db.session.query(Organisation).count()


def codes(ctx: Flask, text: str, **kwargs: int) -> list[tuple[int, str]]:
    report = csv_io.read_csv(text.encode(), **kwargs)
    return [(p.row, p.code) for p in report.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("organisation;farbe\nA;rot\n", [(1, "columns")]),
        ("kind;email\nmso;a@b.example\n", [(1, "columns")]),
        (HEADER, [(1, "no_rows")]),
        (HEADER + ";mso;;;;;;;\n", [(2, "empty_name")]),
        (HEADER + "  ;mso;Ayşe;;;;;;\n", [(2, "empty_name")]),
        (HEADER + "A e.V.;mso;;keine-adresse;;;;;\n", [(2, "bad_email")]),
        (HEADER + "A e.V.;pirates;;;;;;;\n", [(2, "bad_kind")]),
        (HEADER + "A e.V.;mso\nB;mso\na E. V.;mso\n", [(4, "duplicate_in_file")]),
        (HEADER + "A;mso;;;;;;;;extra\n", [(2, "extra_cells")]),
    ],
    ids=[
        "unknown",
        "no-name",
        "empty",
        "empty-name",
        "blank-name",
        "email",
        "kind",
        "dup",
        "cells",
    ],
)
def test_validation_problems(ctx, text: str, expected: list) -> None:
    assert codes(ctx, text) == expected


def test_duplicate_against_the_registry(ctx, make_organisation) -> None:
    make_organisation("Ghana Union e.V.")
    report = csv_io.read_csv((HEADER + "GHANA UNION;mso\nNeu e.V.;mso\n").encode())
    assert [(p.row, p.code, p.detail) for p in report.problems] == [
        (2, "duplicate_in_registry", "Ghana Union e.V.")
    ]
    assert [values["name"] for _, values in report.good] == ["Neu e.V."]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
        b"name\n" + b"x" * 200_000 + b"\n",
        b"",
        b"name\n\0\0\0\n",
    ],
    ids=["binary", "huge-cell", "empty", "nul-row"],
)
def test_garbage_is_a_report_not_a_crash(client: FlaskClient, login, data: bytes) -> None:
    login(Role.ORGANISER)
    response = client.post(
        "/organisations/import",
        data={"file": (io.BytesIO(data), "x.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert count(client) == 0


def test_too_many_rows(ctx) -> None:
    text = HEADER + "".join(f"Verein {i};mso\n" for i in range(6))
    assert codes(ctx, text, max_rows=5) == [(1, "too_many_rows")]


def test_german_headers_commas_and_windows_encoding(ctx) -> None:
    text = "Name,Art,Ansprechperson,E-Mail\nKöln Verein e.V.,Dachorganisation,Ö,x@y.example\n"
    report = csv_io.read_csv(text.encode("cp1252"))
    assert report.problems == []
    assert report.good[0][1]["name"] == "Köln Verein e.V."
    assert report.good[0][1]["kind"] == "umbrella"


def test_clean_file_is_imported_at_once(client: FlaskClient, login) -> None:
    login(Role.ORGANISER)
    response = upload(client, HEADER + "Ghana Union e.V.;mso;Abena;a@ghana.example\nB e.V.;ngo\n")
    assert response.status_code == 302
    assert count(client) == 2


def test_file_with_errors_imports_nothing_until_the_good_rows_are_confirmed(
    client: FlaskClient, login
) -> None:
    login(Role.ORGANISER)
    page = upload(client, HEADER + "Gut e.V.;mso\n;mso\nAuch gut;mso;;kaputt\nNoch gut;mso\n")
    assert page.status_code == 200
    assert "Nothing has been imported yet" in page.text
    assert count(client) == 0
    content = page.text.split('name="content" type="hidden" value="')[1].split('"')[0]
    done = client.post("/organisations/import/confirm", data={"content": content})
    assert done.status_code == 302
    with client.application.app_context():
        names = sorted(o.name for o in db.session.query(Organisation))
        assert names == ["Gut e.V.", "Noch gut"]
        assert db.session.query(OrganisationChange).filter_by(action="imported").count() == 2


def test_wrong_columns_offer_no_import(client: FlaskClient, login) -> None:
    login(Role.ORGANISER)
    page = upload(client, "farbe;form\nrot;rund\n")
    assert "Unknown or missing columns" in page.text
    assert "/organisations/import/confirm" not in page.text


def test_tampered_confirmation_is_refused(client: FlaskClient, login) -> None:
    login(Role.ORGANISER)
    assert client.post("/organisations/import/confirm", data={"content": "%%%"}).status_code == 400
    assert count(client) == 0


def test_import_of_300_organisations_is_quick(client: FlaskClient, login, backend) -> None:
    login(Role.ORGANISER)
    rows = "".join(
        f"Migrantenverein Nummer {i} e.V.;mso;Person {i};verein{i}@example.org;0511 {i};"
        f"Straße {i};Türkisch, Deutsch;https://verein{i}.example;\n"
        for i in range(300)
    )
    started = time.perf_counter()
    response = upload(client, HEADER + rows)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    assert count(client) == 300
    print(f"\n[{backend}] import of 300 organisations through the page: {elapsed:.3f} s")
    assert elapsed < 5
