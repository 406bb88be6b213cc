"""Routes of app/checkin and its API."""

from app.auth.models import Role
from tests.access import roles

DOOR = roles(Role.DOOR, Role.ORGANISER)
ORGANISER = roles(Role.ORGANISER)

ACCESS = {
    "checkin.index": DOOR,
    "checkin.set_up_checkpoints": DOOR,
    "checkin.scanner": DOOR,
    "checkin.scan": DOOR,
    "checkin.search": DOOR,
    "checkin.undo": DOOR,
    "checkin.walk_in": DOOR,
    "checkin.badge": DOOR,
    "checkin.devices": ORGANISER,
    "checkin.revoke_device": ORGANISER,
    "checkin.dashboard": ORGANISER,
    "checkin.dashboard_live": ORGANISER,
    "checkin.printing": ORGANISER,
    "checkin.badges": ORGANISER,
    "checkin.attendance": ORGANISER,
    "checkin_api.redeem": DOOR,
    "checkin_api.undo": DOOR,
    "checkin_api.search": DOOR,
}
