"""The rules a registration must meet, checked under the event lock by :mod:`services`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.events import categories
from app.events.models import Event, Invitation, Question, Session

if TYPE_CHECKING:
    from app.events.services import RegistrationData

MAX_ANSWER = 500


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class RegistrationError(Exception):
    """A registration rule was broken; ``code`` is stable, ``field`` names the input at fault.

    Codes: registration_not_open, registration_closed, invitation_required, invitation_used,
    consent_required, unknown_category, unknown_session, session_conflict, session_full,
    invalid_answer, invalid_name, invalid_email, invalid_capacity, capacity_below_confirmed,
    unknown_organisation, cancelled, not_found.
    """

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


def window_state(event: Event, now: datetime) -> str:
    """ "not_open", "closed" or "open": without a closing time, registration ends with the event."""
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_open"
    closes = event.registration_closes_at or event.ends_at
    if closes and now > closes:
        return "closed"
    return "open"


def check_window(event: Event, now: datetime) -> None:
    state = window_state(event, now)
    if state != "open":
        raise RegistrationError(f"registration_{state}")


def check_invitation(event: Event, invitation: Invitation | None) -> None:
    if not event.is_invite_only:
        return
    if invitation is None or invitation.event_id != event.id or invitation.email is None:
        raise RegistrationError("invitation_required")


def check_person(data: RegistrationData) -> None:
    name = (data.name or "").strip()
    if not name or len(name) > 200:
        raise RegistrationError("invalid_name", "name")
    email = normalise_email(data.email)
    if not email or len(email) > 254 or "@" not in email or " " in email:
        raise RegistrationError("invalid_email", "email")
    if len(data.organisation_name or "") > 200 or len(data.door_notes or "") > 2000:
        raise RegistrationError("invalid_answer", "organisation_name")


def check_organisation(organisation_id: int | None) -> str:
    """A chosen registry organisation must exist (ids come from staff forms and the API).

    Returns its name, which fills an empty free-text field, or "" when none was chosen.
    """
    from app.events import organisation_choice

    if organisation_id is None:
        return ""
    name = (
        organisation_choice.name_of(organisation_id) if 0 < organisation_id <= 2**31 - 1 else None
    )
    if name is None:
        raise RegistrationError("unknown_organisation", "organisation_id")
    return name


def category_id_for(event: Event, code: str | None) -> int | None:
    if not code:
        return None
    category = categories.by_code(code)
    allowed = event.category_codes or []
    if category is None or not category.is_active or (allowed and code not in allowed):
        raise RegistrationError("unknown_category", "category")
    return category.id


def clean_answers(event: Event, answers: dict[str, Any]) -> dict[str, Any]:
    """Keep answers to the event's questions only; texts at most 500 characters."""
    asked = set(event.questions or [])
    cleaned: dict[str, Any] = {}
    for key, value in (answers or {}).items():
        if key not in asked or key not in set(Question):
            continue
        if isinstance(value, bool):
            cleaned[key] = value
        elif isinstance(value, str):
            if len(value) > MAX_ANSWER:
                raise RegistrationError("invalid_answer", key)
            if value.strip():
                cleaned[key] = value.strip()
        elif value is not None:
            raise RegistrationError("invalid_answer", key)
    return cleaned


def check_sessions(event: Event, session_ids: Iterable[int]) -> list[Session]:
    """The chosen sessions: all of this event, at most one per time slot."""
    ids = list(dict.fromkeys(session_ids))
    own = {s.id: s for s in event.sessions}
    if any(i not in own for i in ids):
        raise RegistrationError("unknown_session", "sessions")
    chosen = [own[i] for i in ids]
    for index, first in enumerate(chosen):
        if any(first.overlaps(other) for other in chosen[index + 1 :]):
            raise RegistrationError("session_conflict", "sessions")
    return chosen


def has_room(item: Event | Session) -> bool:
    return item.capacity is None or item.confirmed_count < item.capacity
