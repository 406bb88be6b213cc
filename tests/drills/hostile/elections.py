"""Elections before the vote: configuration, nominations and their decisions, the lot for the
order of names, publication, the roll (eligibility, delegates, overrides, paper nominations)
and mailing the personal links."""

from __future__ import annotations

from hypothesis import strategies as st

from app.auth.forms import ConfirmForm
from app.auth.models import Role
from app.elections import forms
from tests.drills.hostile.case import FormCase, World
from tests.drills.hostile.election_worlds import nomination_world
from tests.drills.hostile.fields import Field, form_fields, raw
from tests.drills.hostile.organisations import PHOTO
from tests.drills.hostile.worlds import rotate

OFFICIAL = Role.OFFICIAL
ORGANISER = Role.ORGANISER
ENTRY = "/elections/{election}/roll/{organisation}"


def _election_fields(world: World) -> list[Field]:
    return form_fields(
        forms.ElectionForm,
        choices={"event_id": world["events"]},
        foreign={"event_id": ["999999", "0", "-1"]},
    )


def _confirm(_world: World) -> list[Field]:
    return form_fields(ConfirmForm)


def _lot_fields(_world: World) -> list[Field]:
    orders = st.lists(st.integers(1, 3), min_size=1, max_size=4).map(
        lambda numbers: [", ".join(map(str, numbers))]
    )
    return form_fields(forms.LotForm, good={"physical_order": orders})


def _bulk_fields(world: World) -> list[Field]:
    ids = world["organisations"]
    return [
        *form_fields(forms.BulkEligibilityForm),
        raw("organisation", "multi", ids, foreign=("999999", "-1", "0")),
    ]


def _send_fields(world: World) -> list[Field]:
    return form_fields(
        forms.SendLinksForm,
        choices={"organisation_id": world["organisations"]},
        foreign={"organisation_id": ["999999", str(2**40)]},
    )


def _paper_fields(_world: World) -> list[Field]:
    return form_fields(forms.PaperNominationForm, samples={"photo": PHOTO})


OFFICIALS = {"world": nomination_world, "role": OFFICIAL}
ORGANISERS = {"world": nomination_world, "role": ORGANISER}
ROLL = {**ORGANISERS, "prepare": rotate("organisation", "roll")}

CASES = [
    FormCase("elections.create_election", "/elections/new", "/elections/new",
             fields=_election_fields, examples=15, **OFFICIALS),
    FormCase("elections.edit_election", "/elections/<int:election_id>/edit",
             "/elections/{election}/edit", fields=_election_fields, examples=15, **OFFICIALS),
    FormCase("elections.open_nominations", "/elections/<int:election_id>/open",
             "/elections/{draft}/open", fields=_confirm, examples=6, **OFFICIALS),
    FormCase("elections.publish", "/elections/<int:election_id>/publish",
             "/elections/{published}/publish", fields=_confirm, examples=6, **OFFICIALS),
    FormCase("elections.unpublish", "/elections/<int:election_id>/unpublish",
             "/elections/{published}/unpublish", fields=_confirm, examples=6, **OFFICIALS),
    FormCase("elections.decide_nomination",
             "/elections/<int:election_id>/nominations/<int:nomination_id>/decide",
             "/elections/{election}/nominations/{nomination}/decide",
             fields=lambda w: form_fields(forms.DecisionForm),
             prepare=rotate("nomination", "nominations"), examples=12, **OFFICIALS),
    FormCase("elections.draw_lot", "/elections/<int:election_id>/lot",
             "/elections/{election}/lot", fields=_lot_fields, examples=12, **OFFICIALS),
    FormCase("elections.mark_eligible", "/elections/<int:election_id>/roll",
             "/elections/{election}/roll", fields=_bulk_fields, **ORGANISERS),
    FormCase("elections.decide_eligibility",
             "/elections/<int:election_id>/roll/<int:organisation_id>/eligibility",
             ENTRY + "/eligibility", fields=lambda w: form_fields(forms.EligibilityForm),
             **ROLL),
    FormCase("elections.set_delegates",
             "/elections/<int:election_id>/roll/<int:organisation_id>/delegates",
             ENTRY + "/delegates", fields=lambda w: form_fields(forms.DelegatesForm),
             examples=12, **ROLL),
    FormCase("elections.revoke_link",
             "/elections/<int:election_id>/roll/<int:organisation_id>/revoke-link",
             ENTRY + "/revoke-link", fields=_confirm, examples=6, **ROLL),
    FormCase("elections.grant_override",
             "/elections/<int:election_id>/roll/<int:organisation_id>/override",
             ENTRY + "/override", fields=lambda w: form_fields(forms.OverrideForm),
             **{**ROLL, "role": OFFICIAL}),
    FormCase("elections.enter_nomination",
             "/elections/<int:election_id>/roll/<int:organisation_id>/paper",
             ENTRY + "/paper", fields=_paper_fields, examples=15, **ROLL),
    FormCase("elections.send_links", "/elections/<int:election_id>/links/send",
             "/elections/{election}/links/send", fields=_send_fields, **ORGANISERS),
]
