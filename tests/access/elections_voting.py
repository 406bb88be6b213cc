"""Routes of the held election (issue 6): officials run it; voters and the public see ballots,
results after close, tracking codes and the audit export."""

from app.auth.models import Role
from tests.access import PUBLIC, roles

OFFICIAL = roles(Role.OFFICIAL)

ACCESS = {
    **{f"election_control.{name}": OFFICIAL for name in (
        "list_elections", "control_room", "freeze", "protocol_info", "create_cards",
        "void_card", "open_round", "close_round", "live", "draw_lot", "withdraw", "declare",
        "add_remark", "fill_committee", "deadline_missed", "correct_ballot", "open_by_election")},
    **{f"election_desk.{name}": OFFICIAL for name in (
        "desk", "confirm_present", "issue_card", "replace_card")},
    **{f"election_count.{name}": OFFICIAL for name in ("ballot_papers", "count", "undo")},
    "election_results.protocol": OFFICIAL,
    "election_results.results": PUBLIC,
    "election_results.results_csv": PUBLIC,
    "election_results.tracking": PUBLIC,
    **{f"ballot.{name}": PUBLIC for name in (
        "open_card", "enter_code", "ballot", "cast", "done", "photo", "cancel")},
    "election_api.election_status": PUBLIC,
    "election_api.round_results": PUBLIC,
    "election_api.cast_ballot": PUBLIC,
    "election_api.audit": PUBLIC,
}
