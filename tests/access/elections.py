"""Routes of app/elections: officials run elections, organisers keep the roll."""

from app.auth.models import Role
from tests.access import PUBLIC, roles

OFFICIAL = roles(Role.OFFICIAL)
ORGANISER = roles(Role.ORGANISER)
BOTH = roles(Role.ORGANISER, Role.OFFICIAL)

ACCESS = {
    "elections.list_elections": BOTH,
    "elections.create_election": OFFICIAL,
    "elections.edit_election": OFFICIAL,
    "elections.show_election": BOTH,
    "elections.open_nominations": OFFICIAL,
    "elections.publish": OFFICIAL,
    "elections.unpublish": OFFICIAL,
    "elections.list_nominations": BOTH,
    "elections.decide_nomination": OFFICIAL,
    "elections.draw_lot": OFFICIAL,
    "elections.roll": ORGANISER,
    "elections.mark_eligible": ORGANISER,
    "elections.roll_entry": BOTH,
    "elections.decide_eligibility": ORGANISER,
    "elections.set_delegates": ORGANISER,
    "elections.revoke_link": ORGANISER,
    "elections.grant_override": OFFICIAL,
    "elections.enter_nomination": BOTH,
    "elections.paper_consent_form": BOTH,
    "elections.personal_links": ORGANISER,
    "elections.send_links": ORGANISER,
    "elections.nomination_photo": BOTH,
    "elections.public_candidates": PUBLIC,
    "elections.public_candidates_pdf": PUBLIC,
    "elections.public_photo": PUBLIC,
}
