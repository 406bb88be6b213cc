"""The held election, officials' side: the control room (freeze, cards, rounds, lots,
withdrawals, acceptances, remarks, committee, corrections, by-election), the voting desk and the
paper count with its undo."""

from __future__ import annotations

from hypothesis import strategies as st

from app.auth.models import Role
from app.elections import voting_forms as vf
from tests.drills.hostile import voting_worlds as vw
from tests.drills.hostile.case import Drill, FormCase, World
from tests.drills.hostile.fields import Field, form_fields, raw
from tests.drills.hostile.worlds import rotate

ROOM = "/elections/{election}"
DESK = "/elections/{election}/desk/{organisation}"
OFFICIAL = {"role": Role.OFFICIAL}


def _confirm(_world: World) -> list[Field]:
    return form_fields(vf.ConfirmActionForm)


def _card_tokens(world: World) -> dict[str, list[str]]:
    """Codes as printed, typed with dashes and lower case, and spoiled ones."""
    tokens = world["tokens"]
    typed = [f"{t[:4]}-{t[4:8]}-{t[8:12]}-{t[12:]}".lower() for t in tokens[:2]]
    return {"choices": [*tokens, *typed], "foreign": [t[:-1] for t in tokens[:2]] + ["0" * 16]}


def _void_fields(world: World) -> list[Field]:
    codes = _card_tokens(world)
    return form_fields(vf.TokenForm, "void", choices={"token": codes["choices"]},
                       foreign={"token": codes["foreign"]})


def _batch_fields(_world: World) -> list[Field]:
    small = st.integers(1, 6).map(lambda n: [str(n)])  # a 500-card PDF per example is too slow
    return form_fields(vf.CardBatchForm, good={"count": small})


def _lot_fields(world: World) -> list[Field]:
    tied = world["tied"]
    return [
        *form_fields(vf.LotForm, "lot"),
        *(raw(f"order-{i}", "choice", tied) for i in range(len(tied))),
    ]


def _candidate_form(form: type, prefix: str, pool: str) -> object:
    def fields(world: World) -> list[Field]:
        return form_fields(form, prefix, choices={"candidate": world[pool]},
                           foreign={"candidate": ["999999", "0"]})

    return fields


def _correction_fields(world: World) -> list[Field]:
    return form_fields(vf.CorrectionForm, "cor",
                       choices={"ballot": world["ballots"], "marks": world["candidates"]})


def _desk_fields(form: type) -> object:
    return lambda w: [*form_fields(form), raw("q", "text")]


def _count_fields(world: World) -> list[Field]:
    candidates = world["round_candidates"]
    return [
        *form_fields(vf.PaperBallotForm, choices={"marks": candidates}),
        *(raw(f"answer-{c}", "choice", ["yes", "no"]) for c in candidates[:2]),
    ]


def _key_in_a_paper_ballot(drill: Drill) -> None:
    """The undo needs a ballot this official keyed in (it sits on the session's undo stack)."""
    world = drill.world
    drill.client.post(
        f"/elections/{world['election']}/rounds/{world['round']}/count",
        data=dict([*drill.csrf_pairs("valid"), ("marks", world["round_candidates"][0])]),
    )


CASES = [
    FormCase("election_control.freeze", "/elections/<int:election_id>/freeze",
             ROOM + "/freeze", world=vw.ready_world, fields=_confirm, examples=8, **OFFICIAL),
    FormCase("election_control.protocol_info", "/elections/<int:election_id>/protocol-info",
             ROOM + "/protocol-info", world=vw.frozen_world,
             fields=lambda w: form_fields(vf.ProtocolInfoForm), **OFFICIAL),
    FormCase("election_control.create_cards", "/elections/<int:election_id>/cards",
             ROOM + "/cards", world=vw.frozen_world, fields=_batch_fields, **OFFICIAL),
    FormCase("election_control.void_card", "/elections/<int:election_id>/cards/void",
             ROOM + "/cards/void", world=vw.frozen_world, fields=_void_fields,
             csrf="void-csrf_token", **OFFICIAL),
    FormCase("election_control.open_round", "/elections/<int:election_id>/rounds/open",
             ROOM + "/rounds/open", world=vw.frozen_world, fields=_confirm, examples=8,
             **OFFICIAL),
    FormCase("election_control.close_round", "/elections/<int:election_id>/rounds/close",
             ROOM + "/rounds/close", world=vw.open_world, fields=_confirm, examples=8,
             **OFFICIAL),
    FormCase("election_control.draw_lot", "/elections/<int:election_id>/lots",
             ROOM + "/lots", world=vw.lot_world, fields=_lot_fields, csrf="lot-csrf_token",
             examples=12, **OFFICIAL),
    FormCase("election_control.withdraw", "/elections/<int:election_id>/withdrawals",
             ROOM + "/withdrawals", world=vw.between_world,
             fields=_candidate_form(vf.WithdrawalForm, "wd", "candidates"),
             csrf="wd-csrf_token", **OFFICIAL),
    FormCase("election_control.declare", "/elections/<int:election_id>/acceptances",
             ROOM + "/acceptances", world=vw.acceptance_world,
             fields=_candidate_form(vf.AcceptanceForm, "acc", "elected"),
             csrf="acc-csrf_token", **OFFICIAL),
    FormCase("election_control.deadline_missed",
             "/elections/<int:election_id>/acceptances/deadline", ROOM + "/acceptances/deadline",
             world=vw.acceptance_world,
             fields=_candidate_form(vf.DeadlineForm, "dl", "elected"),
             csrf="dl-csrf_token", **OFFICIAL),
    FormCase("election_control.add_remark", "/elections/<int:election_id>/remarks",
             ROOM + "/remarks", world=vw.frozen_world,
             fields=lambda w: form_fields(vf.RemarkForm, "rm"), csrf="rm-csrf_token",
             **OFFICIAL),
    FormCase("election_control.fill_committee", "/elections/<int:election_id>/committee",
             ROOM + "/committee", world=vw.complete_world,
             fields=lambda w: form_fields(vf.CommitteeForm, "cm"), csrf="cm-csrf_token",
             examples=8, **OFFICIAL),
    FormCase("election_control.correct_ballot",
             "/elections/<int:election_id>/rounds/<int:number>/corrections",
             ROOM + "/rounds/{number}/corrections", world=vw.corrections_world,
             fields=_correction_fields, csrf="cor-csrf_token", examples=12, **OFFICIAL),
    FormCase("election_control.open_by_election", "/elections/<int:election_id>/by-election",
             ROOM + "/by-election", world=vw.vacant_world, fields=_confirm, examples=6,
             **OFFICIAL),
    FormCase("election_desk.confirm_present",
             "/elections/<int:election_id>/desk/<int:organisation_id>/present",
             DESK + "/present", world=vw.frozen_world, fields=_desk_fields(vf.PresenceForm),
             prepare=rotate("organisation", "organisations"), **OFFICIAL),
    FormCase("election_desk.issue_card",
             "/elections/<int:election_id>/desk/<int:organisation_id>/card",
             DESK + "/card", world=vw.frozen_world, fields=_desk_fields(vf.ActionForm),
             prepare=rotate("organisation", "organisations"), **OFFICIAL),
    FormCase("election_desk.replace_card",
             "/elections/<int:election_id>/desk/<int:organisation_id>/replace",
             DESK + "/replace", world=vw.frozen_world, fields=_desk_fields(vf.ReasonForm),
             prepare=rotate("organisation", "organisations"), **OFFICIAL),
    FormCase("election_count.count", "/elections/<int:election_id>/rounds/<int:number>/count",
             ROOM + "/rounds/{round}/count", world=vw.open_world, fields=_count_fields,
             examples=15, **OFFICIAL),
    FormCase("election_count.undo",
             "/elections/<int:election_id>/rounds/<int:number>/count/undo",
             ROOM + "/rounds/{round}/count/undo", world=vw.open_world,
             fields=lambda w: form_fields(vf.ActionForm), prepare=_key_in_a_paper_ballot,
             examples=8, **OFFICIAL),
]
