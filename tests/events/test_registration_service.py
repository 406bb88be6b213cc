"""The registration service: capacity, waiting list, duplicates, sessions, cancellation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.events import services
from app.events.models import Event, Invitation, Registration, Session
from app.extensions import db
from app.mail.models import OutboxMessage
from tests.events.conftest import NOW, person, session_ids


def _register(event_id: int, number: int, **extra):
    event = db.session.get(Event, event_id)
    result = services.register(event, person(number, **extra), now=NOW, locale="de")
    db.session.commit()
    return result


def _mail_kinds(registration_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(OutboxMessage.kind)
            .where(OutboxMessage.registration_id == registration_id)
            .order_by(OutboxMessage.id)
        )
    )


def test_beyond_capacity_goes_to_waiting_list(app: Flask, make_event) -> None:
    event_id = make_event(capacity=2)
    with app.app_context():
        statuses = [_register(event_id, n).status for n in range(1, 5)]
        assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
        assert db.session.get(Event, event_id).confirmed_count == 2
        waiting = db.session.scalars(
            select(Registration).where(Registration.status == "waitlisted")
        ).all()
        assert all(r.ticket is None for r in waiting)
        assert _mail_kinds(waiting[0].id) == ["waitlisted"]


def test_same_email_twice_returns_the_registration_and_mails_again(app: Flask, make_event) -> None:
    event_id = make_event()
    with app.app_context():
        first = _register(event_id, 1)
        again = _register(event_id, 1, email="  PERSON1@Example.ORG ")
        assert again.is_duplicate and again.registration.id == first.registration.id
        assert db.session.scalar(select(func.count(Registration.id))) == 1
        assert _mail_kinds(first.registration.id) == ["confirmation", "duplicate"]


def test_cancelled_person_may_register_again(app: Flask, make_event) -> None:
    event_id = make_event()
    with app.app_context():
        first = _register(event_id, 1).registration
        services.cancel(first, now=NOW)
        db.session.commit()
        second = _register(event_id, 1)
        assert not second.is_duplicate and second.registration.id != first.id
        assert db.session.get(Event, event_id).confirmed_count == 1


def test_cancellation_promotes_the_first_waiting_and_mails_them(app: Flask, make_event) -> None:
    event_id = make_event(capacity=1, sessions=[("Bildung", 0, 1)])
    (bildung,) = session_ids(app, event_id)
    with app.app_context():
        first = _register(event_id, 1, session_ids=[bildung]).registration
        second = _register(event_id, 2, session_ids=[bildung]).registration
        _register(event_id, 3)
        services.cancel(first, now=NOW)
        db.session.commit()
        db.session.refresh(second)
        assert second.status == "confirmed" and second.ticket is not None
        assert [s.id for s in second.sessions] == [bildung]
        assert _mail_kinds(second.id) == ["waitlisted", "promoted"]
        assert _mail_kinds(first.id)[-1] == "cancelled"
        assert db.session.get(Event, event_id).confirmed_count == 1


def test_raising_capacity_promotes_in_arrival_order(app: Flask, make_event) -> None:
    event_id = make_event(capacity=1)
    with app.app_context():
        ids = [_register(event_id, n).registration.id for n in range(1, 5)]
        promoted = services.set_capacity(db.session.get(Event, event_id), 3, now=NOW)
        db.session.commit()
        assert [r.id for r in promoted] == ids[1:3]
        assert db.session.get(Registration, ids[3]).status == "waitlisted"


def test_one_session_per_time_slot(app: Flask, make_event) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 10), ("Arbeit", 0, 10), ("Kultur", 1, 10)])
    bildung, arbeit, kultur = session_ids(app, event_id)
    with app.app_context():
        with pytest.raises(services.RegistrationError) as excinfo:
            _register(event_id, 1, session_ids=[bildung, arbeit])
        assert excinfo.value.code == "session_conflict"
        db.session.rollback()
        result = _register(event_id, 1, session_ids=[bildung, kultur])
        assert [s.title for s in result.registration.sessions] == ["Bildung", "Kultur"]


@pytest.mark.parametrize(
    ("setup", "extra", "code"),
    [
        ({"registration_closes_at": NOW - timedelta(days=1)}, {}, "registration_closed"),
        ({"registration_opens_at": NOW + timedelta(days=1)}, {}, "registration_not_open"),
        ({"is_invite_only": True}, {}, "invitation_required"),
        ({}, {"consent": False}, "consent_required"),
        ({}, {"category_code": "martians"}, "unknown_category"),
        ({}, {"session_ids": [999_999]}, "unknown_session"),
        ({}, {"name": "x" * 201}, "invalid_name"),
        ({}, {"email": "not-an-address"}, "invalid_email"),
        ({}, {"answers": {"dietary": "x" * 501}}, "invalid_answer"),
    ],
)
def test_rule_violations_have_clear_codes_and_store_nothing(
    app: Flask, make_event, setup, extra, code
) -> None:
    event_id = make_event(**setup)
    with app.app_context():
        with pytest.raises(services.RegistrationError) as excinfo:
            _register(event_id, 1, **extra)
        assert excinfo.value.code == code
        db.session.rollback()
        assert db.session.scalar(select(func.count(Registration.id))) == 0
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_full_session_is_refused(app: Flask, make_event) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 1)])
    (bildung,) = session_ids(app, event_id)
    with app.app_context():
        _register(event_id, 1, session_ids=[bildung])
        with pytest.raises(services.RegistrationError) as excinfo:
            _register(event_id, 2, session_ids=[bildung])
        assert excinfo.value.code == "session_full"


def test_invite_only_accepts_the_invitation(app: Flask, make_event) -> None:
    event_id = make_event(is_invite_only=True, kind="election_assembly")
    with app.app_context():
        invitation = Invitation(
            event_id=event_id, name="Olena", email="olena@example.org", nonce="n1"
        )
        db.session.add(invitation)
        db.session.flush()
        result = services.register(
            db.session.get(Event, event_id), person(1), now=NOW, invitation=invitation
        )
        assert result.status == "confirmed"
        with pytest.raises(services.RegistrationError) as excinfo:
            services.register(
                db.session.get(Event, event_id), person(2), now=NOW, invitation=invitation
            )
        assert excinfo.value.code == "invitation_used"


def test_changing_sessions_moves_the_place(app: Flask, make_event) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 1), ("Arbeit", 0, 1)])
    bildung, arbeit = session_ids(app, event_id)
    with app.app_context():
        first = _register(event_id, 1, session_ids=[bildung]).registration
        services.change(first, session_ids=[arbeit], now=NOW)
        db.session.commit()
        second = _register(event_id, 2, session_ids=[bildung]).registration
        assert [s.title for s in second.sessions] == ["Bildung"]
        with pytest.raises(services.RegistrationError) as excinfo:
            services.change(second, session_ids=[arbeit], now=NOW)
        assert excinfo.value.code == "session_full"


def test_session_dropped_at_promotion_can_be_chosen_again(app: Flask, make_event) -> None:
    event_id = make_event(capacity=1, sessions=[("Bildung", 0, 1)])
    (bildung,) = session_ids(app, event_id)
    with app.app_context():
        first = _register(event_id, 1, session_ids=[bildung]).registration
        second = _register(event_id, 2, session_ids=[bildung]).registration
        assert second.status == "waitlisted"
        services.set_capacity(db.session.get(Event, event_id), 2, now=NOW)
        db.session.commit()
        db.session.refresh(second)
        assert second.status == "confirmed" and second.sessions == []  # Bildung was full
        services.change(first, session_ids=[], now=NOW)
        db.session.commit()
        services.change(second, session_ids=[bildung], now=NOW)
        db.session.commit()
        assert [s.title for s in second.sessions] == ["Bildung"]
        assert db.session.get(Session, bildung).confirmed_count == 1
