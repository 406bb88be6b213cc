"""Organisations: the registry (create, edit, CSV import and its confirmation) and the forms an
organisation fills in through its personal link (delegates, nomination, withdrawal)."""

from __future__ import annotations

from hypothesis import strategies as st

from app.auth.models import Role
from app.organisations import public_forms
from app.organisations.forms import ConfirmImportForm, ImportForm, OrganisationForm
from app.organisations.models import KIND_VALUES
from tests.drills.hostile.case import FormCase, World
from tests.drills.hostile.election_worlds import nomination_world, registry_world
from tests.drills.hostile.fields import Field, Upload, form_fields
from tests.drills.hostile.uploads import CELL, EMAILS, FRESH_EMAIL, SHORT, base64_of, csv_upload
from tests.drills.hostile.values import PEOPLE
from tests.drills.hostile.worlds import rotate
from tests.organisations.helpers import png_bytes

REGISTRY = {
    "name": st.builds("{} {}".format, st.sampled_from(PEOPLE[:5]), st.integers(0, 10**6)),
    "kind": st.sampled_from([*sorted(KIND_VALUES), "Migrantenorganisation", "Dachverband", ""]),
    "contact_person": SHORT,
    "email": st.one_of(st.just(""), FRESH_EMAIL),
    "phone": st.sampled_from(["", "+49 30 1234567", "030/123"]),
    "address": SHORT,
    "languages": st.sampled_from(["", "Türkisch, Deutsch", "العربية"]),
    "website": st.sampled_from(["", "https://verein.example"]),
    "notes": SHORT,
}
BAD_REGISTRY = {
    "name": st.one_of(CELL, st.sampled_from(["Türkischer Elternverein e.V.", "e.V."])),
    "kind": st.sampled_from(["x", "MSO ", "\x00"]),
    "email": EMAILS,
    **{name: CELL for name in ("contact_person", "phone", "address", "languages", "website")},
}
PHOTO = Upload("foto.png", png_bytes(), "image/png")


def _organisation_fields(_world: World) -> list[Field]:
    return form_fields(OrganisationForm, choices={"kind": sorted(KIND_VALUES)})


def _nomination_fields(_world: World) -> list[Field]:
    return form_fields(public_forms.NominationForm, samples={"photo": PHOTO})


REGISTRY_CASE = {"world": registry_world, "role": Role.ORGANISER}
LINK = {"world": nomination_world, "public": True}

CASES = [
    FormCase("organisations.create_organisation", "/organisations/new", "/organisations/new",
             fields=_organisation_fields, examples=15, **REGISTRY_CASE),
    FormCase("organisations.edit_organisation", "/organisations/<int:organisation_id>/edit",
             "/organisations/{organisation}/edit", fields=_organisation_fields,
             prepare=rotate("organisation", "organisations"), examples=15, **REGISTRY_CASE),
    FormCase("organisations.import_organisations", "/organisations/import",
             "/organisations/import",
             fields=lambda w: form_fields(
                 ImportForm, good={"file": csv_upload(REGISTRY, BAD_REGISTRY)}),
             examples=15, **REGISTRY_CASE),
    FormCase("organisations.confirm_import", "/organisations/import/confirm",
             "/organisations/import/confirm",
             fields=lambda w: form_fields(
                 ConfirmImportForm, good={"content": base64_of(REGISTRY, BAD_REGISTRY)}),
             examples=15, **REGISTRY_CASE),
    FormCase("organisation_link.set_delegates", "/o/<token>/delegates", "/o/{token}/delegates",
             fields=lambda w: form_fields(public_forms.DelegatesForm),
             prepare=rotate("token", "tokens"), examples=12, **LINK),
    FormCase("organisation_link.nominate", "/o/<token>/nomination", "/o/{token}/nomination",
             fields=_nomination_fields, prepare=rotate("token", "tokens"), examples=15, **LINK),
    FormCase("organisation_link.withdraw", "/o/<token>/withdraw", "/o/{token}/withdraw",
             fields=lambda w: form_fields(public_forms.WithdrawForm),
             prepare=rotate("token", "nominated"), examples=6, **LINK),
]
