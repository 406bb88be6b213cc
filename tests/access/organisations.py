"""Routes of app/organisations: the registry (organisers), the personal link, the API."""

from app.auth.models import Role
from tests.access import PUBLIC, roles

ORGANISER = roles(Role.ORGANISER)

ACCESS = {
    "organisations.list_organisations": ORGANISER,
    "organisations.create_organisation": ORGANISER,
    "organisations.show_organisation": ORGANISER,
    "organisations.edit_organisation": ORGANISER,
    "organisations.import_organisations": ORGANISER,
    "organisations.confirm_import": ORGANISER,
    "organisations.export_organisations": ORGANISER,
    # The personal link: the signed token is the credential (404 without a valid one)
    "organisation_link.show": PUBLIC,
    "organisation_link.set_delegates": PUBLIC,
    "organisation_link.nominate": PUBLIC,
    "organisation_link.withdraw": PUBLIC,
    "organisation_link.consent_form": PUBLIC,
    "organisation_link.consent_form_pdf": PUBLIC,
    "organisations_api.list_organisations": ORGANISER,  # contact details: not for door accounts
    "organisations_api.list_candidates": PUBLIC,
}
