"""The elections blueprint, its role guards, and the messages for service error codes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app

from app.auth.decorators import role_required
from app.auth.models import Role
from app.elections.public_messages import error_message  # noqa: F401  (re-exported)

bp = Blueprint("elections", __name__, url_prefix="/elections")
official_required = role_required(Role.OFFICIAL)
organiser_required = role_required(Role.ORGANISER)
staff_required = role_required(Role.ORGANISER, Role.OFFICIAL)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_to_utc(value: datetime | None) -> datetime | None:
    """A form's local date and time (Europe/Berlin) as an aware UTC time."""
    return None if value is None else value.replace(tzinfo=_zone()).astimezone(UTC)


def utc_to_local(value: datetime | None) -> datetime | None:
    """For pre-filling forms: the local wall-clock time, without tzinfo."""
    return None if value is None else value.astimezone(_zone()).replace(tzinfo=None)
