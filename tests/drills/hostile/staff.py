"""Staff accounts and the door: login, logout, passwords, the administrators' account forms,
scanner devices, checkpoints, the no-script scan and undo, and walk-ins."""

from __future__ import annotations

from app.auth.forms import ConfirmForm, LoginForm, PasswordChangeForm, UserForm
from app.auth.models import Role
from app.checkin.forms import ScanForm, TokenForm, WalkInForm
from tests.checkin.factories import build_world, device_token
from tests.conftest import PASSWORD
from tests.drills.hostile.case import Drill, FormCase, Seed, World
from tests.drills.hostile.fields import Field, form_fields
from tests.drills.hostile.worlds import rotate

NEW_PASSWORD = "ein neues Passwort 2026"


def accounts_world(seed: Seed) -> World:
    """Accounts of every role besides the one posting (its password is the suite's)."""
    ids = [seed.create_user(role, email=f"{role.value}@example.org") for role in Role]
    return {"users": ids, "user": ids[1], "emails": [f"{r.value}@example.org" for r in Role]}


def door_world(seed: Seed) -> World:
    """``tests.checkin.factories.build_world``: an event on today with two sessions, three
    attendees, refused codes of every kind, and three scanner tokens of its organiser."""
    world = build_world(seed.app)
    tokens = [device_token(seed.app, world.organiser_id, f"Scanner {n}") for n in range(3)]
    good = [a.token for a in (world.ayse, world.olena, world.fatima) if a]
    return {
        "event": world.event_id,
        "checkpoint": world.entrance_id,
        "checkpoints": [world.entrance_id, *world.session_checkpoint_ids],
        "codes": good,
        "refused": list(world.codes.values()),
        "categories": ["", *map(str, world.category_ids.values())],
        "devices": list(range(1, len(tokens) + 1)),
        "device": 1,
    }


def _log_out(drill: Drill) -> None:
    with drill.client.session_transaction() as session:
        session.pop("_user_id", None)


def _scan_first(drill: Drill) -> None:
    """The undo takes back this account's last check-in here: make one first."""
    world = drill.world
    drill.client.post(
        f"/checkin/scan/{world['checkpoint']}",
        data=dict([*drill.csrf_pairs("valid"), ("code", world["codes"][0])]),
    )


def _login_fields(world: World) -> list[Field]:
    return form_fields(LoginForm, choices={"email": world["emails"], "password": [PASSWORD]})


def _password_fields(_world: World) -> list[Field]:
    return form_fields(
        PasswordChangeForm,
        choices={"current": [PASSWORD], "new": [NEW_PASSWORD], "repeat": [NEW_PASSWORD]},
    )


def _user_fields(_world: World) -> list[Field]:
    return form_fields(UserForm, choices={"roles": [r.value for r in Role]})


def _confirm(_world: World) -> list[Field]:
    return form_fields(ConfirmForm)


def _scan_fields(world: World) -> list[Field]:
    return form_fields(
        ScanForm, choices={"code": world["codes"]}, foreign={"code": world["refused"]}
    )


ADMIN = {"world": accounts_world, "role": Role.ADMIN}
DOOR = {"world": door_world, "role": Role.DOOR}
ORGANISER = {"world": door_world, "role": Role.ORGANISER}

CASES = [
    FormCase("auth.login", "/login", "/login", world=accounts_world, fields=_login_fields,
             prepare=_log_out, examples=12),
    FormCase("auth.logout", "/logout", "/logout", world=accounts_world, fields=_confirm,
             role=Role.DOOR, examples=6),
    FormCase("auth.change_password", "/account/password", "/account/password",
             world=accounts_world, fields=_password_fields, role=Role.OFFICIAL),
    FormCase("auth.create_user", "/admin/users/new", "/admin/users/new", fields=_user_fields,
             examples=12, **ADMIN),
    FormCase("auth.edit_user", "/admin/users/<int:user_id>", "/admin/users/{user}",
             fields=_user_fields, prepare=rotate("user", "users"), examples=12, **ADMIN),
    FormCase("checkin.devices", "/checkin/devices", "/checkin/devices",
             fields=lambda w: form_fields(TokenForm), **ORGANISER),
    FormCase("checkin.revoke_device", "/checkin/devices/<int:token_id>/revoke",
             "/checkin/devices/{device}/revoke", fields=_confirm,
             prepare=rotate("device", "devices"), examples=6, **ORGANISER),
    FormCase("checkin.set_up_checkpoints", "/checkin/events/<int:event_id>/checkpoints",
             "/checkin/events/{event}/checkpoints", fields=_confirm, examples=6, **DOOR),
    FormCase("checkin.scan", "/checkin/scan/<int:checkpoint_id>", "/checkin/scan/{checkpoint}",
             fields=_scan_fields, prepare=rotate("checkpoint", "checkpoints"), examples=15,
             audit=frozenset({"check_in_attempts"}), **DOOR),
    FormCase("checkin.undo", "/checkin/scan/<int:checkpoint_id>/undo",
             "/checkin/scan/{checkpoint}/undo", fields=_confirm, prepare=_scan_first,
             examples=8, **DOOR),
    FormCase("checkin.walk_in", "/checkin/scan/<int:checkpoint_id>/walk-in",
             "/checkin/scan/{checkpoint}/walk-in",
             fields=lambda w: form_fields(WalkInForm, choices={"category": w["categories"]}),
             examples=15, **DOOR),
]
