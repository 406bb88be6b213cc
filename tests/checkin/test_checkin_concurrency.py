"""Parallel scans: threads, each with its own app and test client, against one database.

One ticket scanned 50 times at once is admitted exactly once; the others are told when and
by whom it was. Distinct tickets scanned at once are all admitted. Runs on both engines.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from app import create_app
from app.auth.models import Role
from app.checkin.models import CheckIn, ScanNonce
from app.extensions import db
from tests.checkin.factories import add_attendee, bearer, build_world, device_token
from tests.conftest import log_in

PARALLEL = 50


def run_parallel(
    app_config: dict, requests: list[dict], auth: dict, user_id: int | None = None
) -> tuple[list, float]:
    """POST each body from its own thread and app; start them together; return answers.

    With ``user_id`` each client carries that door account's session cookie instead.
    """
    apps = [create_app(app_config) for _ in requests]
    clients = [a.test_client() for a in apps]
    if user_id is not None:
        for client in clients:
            log_in(client, user_id)
    barrier = threading.Barrier(len(requests))
    answers: list = [None] * len(requests)

    def work(index: int) -> None:
        barrier.wait()
        try:
            response = clients[index].post("/api/v1/checkin", json=requests[index], headers=auth)
            answers[index] = (response.status_code, response.get_json())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            answers[index] = (599, repr(error))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(requests))]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    elapsed = time.perf_counter() - started
    for a in apps:
        with a.app_context():
            db.engine.dispose()
    return answers, elapsed


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(model.id)).where(*where))


@pytest.fixture
def world(app):
    return build_world(app)


@pytest.mark.parametrize("auth_kind", ["session", "token"])
def test_fifty_parallel_scans_of_one_ticket_admit_it_once(
    app, app_config, world, backend, create_user, auth_kind, record_property: Callable
) -> None:
    if auth_kind == "token":
        auth, user_id = bearer(device_token(app, world.organiser_id, "Tür 2")), None
    else:
        auth, user_id = {}, create_user(Role.DOOR, name="Tür 2")
    body = {"ticket": world.ayse.token, "checkpoint": str(world.entrance_id)}
    answers, elapsed = run_parallel(app_config, [body] * PARALLEL, auth, user_id)
    record_property(f"parallel_one_ticket_{backend}_{auth_kind}_s", round(elapsed, 2))
    print(f"\n{PARALLEL} parallel scans of one ticket on {backend} ({auth_kind}): {elapsed:.2f} s")
    assert all(code == 200 for code, _ in answers), answers
    statuses = Counter(answer["status"] for _, answer in answers)
    assert statuses == {"ok": 1, "already_checked_in": PARALLEL - 1}
    firsts = {a["first"]["at"] for _, a in answers if a["status"] == "already_checked_in"}
    ok_at = next(a["at"] for _, a in answers if a["status"] == "ok")
    assert firsts == {ok_at}
    assert count(app, CheckIn) == 1


def test_parallel_scans_of_distinct_tickets_all_admitted(
    app, app_config, world, backend, record_property: Callable
) -> None:
    tokens = [add_attendee(app, world, f"Person {n}", f"p{n}@example.org").token for n in range(20)]
    auth = bearer(device_token(app, world.organiser_id))
    bodies = [{"ticket": t, "checkpoint": str(world.entrance_id)} for t in tokens]
    answers, elapsed = run_parallel(app_config, bodies, auth)
    record_property(f"parallel_distinct_{backend}_s", round(elapsed, 2))
    print(f"\n{len(bodies)} parallel scans of distinct tickets on {backend}: {elapsed:.2f} s")
    assert [a["status"] for _, a in answers] == ["ok"] * len(bodies), answers
    assert count(app, CheckIn) == len(bodies)


def test_parallel_retries_with_one_nonce_give_one_answer(app, app_config, world) -> None:
    auth = bearer(device_token(app, world.organiser_id))
    body = {"ticket": world.ayse.token, "checkpoint": str(world.entrance_id), "nonce": "retry-1"}
    answers, _ = run_parallel(app_config, [body] * 10, auth)
    assert all(code == 200 for code, _ in answers), answers
    assert {a["status"] for _, a in answers} == {"ok"}
    assert len({a["checkin_id"] for _, a in answers}) == 1
    assert count(app, CheckIn) == 1
    assert count(app, ScanNonce) == 1
