"""200+ parallel registrations never overbook the event or a session, on both engines.

Each thread has its own application context and database session and commits, as a request
would. Arrival order is the order in which the event lock was won; ids are assigned under
that lock, so "waiting list in arrival order" means: every confirmed id is smaller than every
waiting id, and promotion picks the smallest waiting id.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from flask import Flask
from sqlalchemy import func, select

from app.events import services
from app.events.models import Event, Registration, RegistrationSession, Session
from app.extensions import db
from tests.events.conftest import NOW, person, session_ids

PEOPLE = 200
PLACES = 50


def _fire(app: Flask, event_id: int, count: int, **extra) -> tuple[list[str], list[BaseException]]:
    barrier = threading.Barrier(count)
    statuses: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def one(number: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                event = db.session.get(Event, event_id)
                result = services.register(event, person(number, **extra), now=NOW)
                db.session.commit()
                with lock:
                    statuses.append(result.status)
            except BaseException as error:  # noqa: BLE001 - collected and asserted below
                db.session.rollback()
                with lock:
                    errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    print(f"\n{count} parallel registrations: {time.perf_counter() - started:.2f} s")
    return statuses, errors


def test_parallel_registrations_never_overbook_the_event(app: Flask, make_event, backend) -> None:
    event_id = make_event(capacity=PLACES)
    statuses, errors = _fire(app, event_id, PEOPLE)
    assert errors == []
    assert Counter(statuses) == {"confirmed": PLACES, "waitlisted": PEOPLE - PLACES}
    with app.app_context():
        rows = db.session.execute(select(Registration.id, Registration.status)).all()
        confirmed = [i for i, s in rows if s == "confirmed"]
        waiting = [i for i, s in rows if s == "waitlisted"]
        assert len(confirmed) == PLACES and len(waiting) == PEOPLE - PLACES
        assert max(confirmed) < min(waiting)  # the first 50 to arrive got the places
        assert db.session.get(Event, event_id).confirmed_count == PLACES
        # a freed place goes to the first on the waiting list
        services.cancel(db.session.get(Registration, confirmed[0]), now=NOW)
        db.session.commit()
        assert db.session.get(Registration, min(waiting)).status == "confirmed"


def test_parallel_registrations_never_overbook_a_session(app: Flask, make_event, backend) -> None:
    event_id = make_event(capacity=None, sessions=[("Demokratie", 0, PLACES)])
    (demokratie,) = session_ids(app, event_id)
    statuses, errors = _fire(app, event_id, PEOPLE, session_ids=[demokratie])
    codes = Counter(getattr(e, "code", repr(e)) for e in errors)
    assert Counter(statuses) == {"confirmed": PLACES}
    assert codes == {"session_full": PEOPLE - PLACES}
    with app.app_context():
        held = db.session.scalar(
            select(func.count(RegistrationSession.id)).where(
                RegistrationSession.session_id == demokratie,
                RegistrationSession.status == "confirmed",
            )
        )
        assert held == PLACES == db.session.get(Session, demokratie).confirmed_count
        assert db.session.scalar(select(func.count(Registration.id))) == PLACES


def test_parallel_cancellations_and_registrations_keep_the_count(
    app: Flask, make_event, backend
) -> None:
    """25 cancel while 25 new people register: the counter always equals the confirmed rows,
    and freed places go to the earliest on the waiting list."""
    event_id = make_event(capacity=PLACES)
    with app.app_context():
        event = db.session.get(Event, event_id)
        for number in range(PLACES + 20):
            services.register(event, person(1000 + number), now=NOW)
        db.session.commit()
        confirmed = list(
            db.session.scalars(select(Registration.id).where(Registration.status == "confirmed"))
        )
        first_waiting = sorted(
            db.session.scalars(select(Registration.id).where(Registration.status == "waitlisted"))
        )[:25]
    barrier = threading.Barrier(50)
    errors: list[BaseException] = []

    def cancel(registration_id: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                services.cancel(db.session.get(Registration, registration_id), now=NOW)
                db.session.commit()
            except BaseException as error:  # noqa: BLE001
                errors.append(error)
            finally:
                db.session.remove()

    def register(number: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=60)
                services.register(db.session.get(Event, event_id), person(number), now=NOW)
                db.session.commit()
            except BaseException as error:  # noqa: BLE001
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=cancel, args=(i,)) for i in confirmed[:25]]
    threads += [threading.Thread(target=register, args=(n,)) for n in range(25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with app.app_context():
        statuses = dict(db.session.execute(select(Registration.id, Registration.status)).all())
        assert sum(s == "confirmed" for s in statuses.values()) == PLACES
        assert db.session.get(Event, event_id).confirmed_count == PLACES
        assert all(statuses[i] == "confirmed" for i in first_waiting)
