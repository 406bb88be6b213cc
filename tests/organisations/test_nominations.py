"""Nominations: one per organisation (also under 20 parallel requests), deadline, override."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.db import utcnow
from app.elections import nominations, roll
from app.elections.models import (
    Election,
    Nomination,
    NominationOverride,
    NominationStatus,
    RollEntry,
)
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations.links import resolve
from tests.organisations.conftest import user
from tests.organisations.helpers import nomination_data

PARALLEL = 20


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """Enough connections for every thread of the parallel tests."""
    return {**app_config, "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": PARALLEL + 5}}


def candidate(first: str = "Ayşe", surname: str = "Yılmaz") -> nominations.Candidate:
    return nominations.Candidate(
        first_name=first, surname=surname, consent_to_stand=True, consent_to_publish=True
    )


def entry_of(token: str) -> RollEntry:
    entry = resolve(token)
    assert entry is not None
    return entry


def nomination_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Nomination.id)))


def post_in_parallel(app: Flask, token: str) -> tuple[list[int], list[str], float]:
    """PARALLEL threads, each with its own client (and so its own app context), post at once."""
    barrier = threading.Barrier(PARALLEL)
    statuses: list[int] = []
    bodies: list[str] = []
    lock = threading.Lock()

    def nominate(number: int) -> None:
        client = app.test_client()
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        data = nomination_data(first_name=f"Kandidatin{number}")
        barrier.wait()
        response = client.post(f"/o/{token}/nomination", data=data)
        with lock:
            statuses.append(response.status_code)
            bodies.append(response.get_data(as_text=True))

    threads = [threading.Thread(target=nominate, args=(n,)) for n in range(PARALLEL)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses, bodies, time.perf_counter() - started


def test_twenty_parallel_nominations_store_exactly_one(
    app: Flask, make_election, make_organisation, eligible, backend
) -> None:
    token = eligible(make_election(), make_organisation("Ghana Union e.V."))
    statuses, bodies, elapsed = post_in_parallel(app, token)
    print(f"\n[{backend}] {PARALLEL} parallel nominations: {elapsed:.3f} s")
    assert sorted(statuses) == [302] + [409] * (PARALLEL - 1)
    assert all(
        "may nominate only one" in b for b, s in zip(bodies, statuses, strict=True) if s == 409
    )
    assert nomination_count(app) == 1


def test_twenty_parallel_replacements_leave_one_row(
    app: Flask, make_election, make_organisation, eligible, backend
) -> None:
    token = eligible(make_election(allow_replacement=True), make_organisation("Ghana Union e.V."))
    statuses, _, elapsed = post_in_parallel(app, token)
    print(f"\n[{backend}] {PARALLEL} parallel replacing nominations: {elapsed:.3f} s")
    assert statuses == [302] * PARALLEL
    assert nomination_count(app) == 1
    with app.app_context():
        name = db.session.scalar(select(Nomination.first_name))
        assert name.startswith("Kandidatin")


def test_second_nomination_is_refused_with_a_clear_message(
    client, make_election, make_organisation, eligible
) -> None:
    token = eligible(make_election(), make_organisation("Ghana Union e.V."))
    assert client.post(f"/o/{token}/nomination", data=nomination_data()).status_code == 302
    second = client.post(f"/o/{token}/nomination", data=nomination_data(first_name="Kofi"))
    assert second.status_code == 409
    assert "may nominate only one" in second.text
    assert nomination_count(client.application) == 1


def test_replacement_when_the_election_allows_it(
    ctx, make_election, make_organisation, eligible
) -> None:
    token = eligible(make_election(allow_replacement=True), make_organisation("A e.V."))
    entry = entry_of(token)
    nominations.nominate(entry, candidate(), actor=None, now=utcnow())
    replaced = nominations.nominate(entry, candidate("Kofi", "Mensah"), actor=None, now=utcnow())
    assert replaced.full_name == "Kofi Mensah"
    assert db.session.scalar(select(func.count(Nomination.id))) == 1


def test_withdrawn_nomination_can_be_replaced(
    ctx, make_election, make_organisation, eligible
) -> None:
    entry = entry_of(eligible(make_election(), make_organisation("A e.V.")))
    nominations.nominate(entry, candidate(), actor=None, now=utcnow())
    nominations.withdraw(entry, actor=None, now=utcnow())
    again = nominations.nominate(entry, candidate("Kofi", "Mensah"), actor=None, now=utcnow())
    assert again.status == NominationStatus.SUBMITTED.value


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"consent_to_publish": False}, "consent_missing"),
        ({"first_name": " "}, "name_missing"),
    ],
)
def test_incomplete_nomination_is_refused(
    ctx, make_election, make_organisation, eligible, change, code
) -> None:
    entry = entry_of(eligible(make_election(), make_organisation("A e.V.")))
    values = {**candidate().__dict__, **change}
    with pytest.raises(ElectionError) as excinfo:
        nominations.nominate(entry, nominations.Candidate(**values), actor=None, now=utcnow())
    assert excinfo.value.code == code


def test_may_vote_but_not_nominate(ctx, make_election, make_organisation, eligible) -> None:
    entry = entry_of(eligible(make_election(), make_organisation("A e.V."), may_nominate=False))
    with pytest.raises(ElectionError) as excinfo:
        nominations.nominate(entry, candidate(), actor=None, now=utcnow())
    assert excinfo.value.code == "may_not_nominate"


def test_draft_election_takes_no_nominations(
    ctx, make_election, make_organisation, eligible
) -> None:
    entry = entry_of(eligible(make_election(open_=False), make_organisation("A e.V.")))
    with pytest.raises(ElectionError) as excinfo:
        nominations.nominate(entry, candidate(), actor=None, now=utcnow())
    assert excinfo.value.code == "nominations_not_open"


def test_after_the_deadline_nothing_changes_without_an_override(
    ctx, make_election, make_organisation, eligible, staff
) -> None:
    entry = entry_of(eligible(make_election(), make_organisation("A e.V.")))
    nominations.nominate(entry, candidate(), actor=None, now=utcnow())
    late = entry.election.nomination_closes_at + timedelta(minutes=1)
    for attempt in (
        lambda: nominations.nominate(entry, candidate("Kofi", "Mensah"), actor=None, now=late),
        lambda: nominations.withdraw(entry, actor=None, now=late),
    ):
        with pytest.raises(ElectionError) as excinfo:
            attempt()
        assert excinfo.value.code == "nominations_closed"


def test_an_override_allows_exactly_one_change_and_is_recorded(
    ctx, make_election, make_organisation, eligible, staff
) -> None:
    entry = entry_of(eligible(make_election(), make_organisation("A e.V.")))
    nominations.nominate(entry, candidate(), actor=None, now=utcnow())
    late = entry.election.nomination_closes_at + timedelta(hours=1)
    official = user(staff["official"])
    with pytest.raises(ElectionError):
        nominations.grant_override(entry, reason=" ", actor=official, now=late)
    nominations.grant_override(entry, reason="Krankheit der Kandidatin", actor=official, now=late)
    changed = nominations.nominate(entry, candidate("Kofi", "Mensah"), actor=official, now=late)
    assert changed.full_name == "Kofi Mensah"
    override = db.session.scalar(select(NominationOverride))
    assert override.used_at == late and override.used_for["nomination_id"] == changed.id
    assert override.granted_by_id == official.id
    with pytest.raises(ElectionError) as excinfo:
        nominations.nominate(entry, candidate(), actor=official, now=late)
    assert excinfo.value.code == "nominations_closed"


def test_an_expired_override_does_not_help(
    ctx, make_election, make_organisation, eligible, staff
) -> None:
    entry = entry_of(eligible(make_election(), make_organisation("A e.V.")))
    late = entry.election.nomination_closes_at + timedelta(hours=1)
    nominations.grant_override(entry, reason="x", hours=1, actor=user(staff["official"]), now=late)
    with pytest.raises(ElectionError) as excinfo:
        nominations.nominate(entry, candidate(), actor=None, now=late + timedelta(hours=2))
    assert excinfo.value.code == "nominations_closed"


def test_officials_decide_and_the_organisation_sees_the_outcome(
    client, make_election, make_organisation, eligible, staff
) -> None:
    token = eligible(make_election(), make_organisation("A e.V."))
    client.post(f"/o/{token}/nomination", data=nomination_data())
    app = client.application
    with app.app_context():
        nomination = db.session.scalar(select(Nomination))
        with pytest.raises(ElectionError):
            nominations.decide(
                nomination, confirm=False, reason="", actor=user(staff["official"]), now=utcnow()
            )
        nominations.decide(
            nomination,
            confirm=False,
            reason="Kandidatin ist kein Mitglied",
            actor=user(staff["official"]),
            now=utcnow(),
        )
        db.session.commit()
    page = client.get(f"/o/{token}")
    assert "Rejected by the election officials." in page.text
    assert "Kandidatin ist kein Mitglied" in page.text


def test_paper_nomination_by_staff(
    client, login, make_election, make_organisation, eligible
) -> None:
    from app.auth.models import Role

    election_id = make_election()
    organisation_id = make_organisation("A e.V.")
    eligible(election_id, organisation_id)
    login(Role.ORGANISER)
    response = client.post(
        f"/elections/{election_id}/roll/{organisation_id}/paper",
        data={
            "first_name": "Piotr",
            "surname": "Wiśniewski",
            "consent_signed": "y",
            "consent_date": "2026-11-20",
        },
    )
    assert response.status_code == 302
    with client.application.app_context():
        nomination = db.session.scalar(select(Nomination))
        assert nomination.source == "paper" and nomination.entered_by_id is not None
        assert nomination.consent_to_stand_at.date().isoformat() == "2026-11-20"


def test_revoked_eligibility_closes_the_link(
    client, make_election, make_organisation, eligible, staff
) -> None:
    election_id = make_election()
    organisation_id = make_organisation("A e.V.")
    token = eligible(election_id, organisation_id)
    assert client.get(f"/o/{token}").status_code == 200
    with client.application.app_context():
        roll.decide_eligibility(
            db.session.get(Election, election_id),
            db.session.get(RollEntry, 1).organisation,
            eligible=False,
            reason="Satzung fehlt",
            actor=user(staff["organiser"]),
            now=utcnow(),
        )
        db.session.commit()
    assert client.get(f"/o/{token}").status_code == 404


def test_parallel_service_calls_each_with_its_own_app_context(
    app: Flask, make_election, make_organisation, eligible, backend
) -> None:
    """As DEVELOPING.md asks: threads call the service directly and commit; count rows."""
    token = eligible(make_election(), make_organisation("Ghana Union e.V."))
    barrier = threading.Barrier(PARALLEL)
    outcomes: list[str] = []

    def work(number: int) -> None:
        barrier.wait()  # before any transaction: on SQLite a thread holds the write lock
        with app.app_context():
            entry = entry_of(token)
            try:
                nominations.nominate(entry, candidate(f"K{number}"), actor=None, now=utcnow())
                db.session.commit()
                outcomes.append("ok")
            except ElectionError as error:
                db.session.rollback()
                outcomes.append(error.code)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(PARALLEL)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    print(f"\n[{backend}] {PARALLEL} parallel service calls: {time.perf_counter() - started:.3f} s")
    assert sorted(outcomes) == ["already_nominated"] * (PARALLEL - 1) + ["ok"]
    assert nomination_count(app) == 1


def test_override_reopens_the_form_on_the_personal_page(
    client, make_election, make_organisation, eligible, staff
) -> None:
    token = eligible(make_election(), make_organisation("A e.V."))
    app = client.application
    with app.app_context():
        election = db.session.get(Election, 1)
        election.nomination_closes_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    closed = client.get(f"/o/{token}")
    assert "Submit nomination" not in closed.text
    assert client.post(f"/o/{token}/nomination", data=nomination_data()).status_code == 409
    with app.app_context():
        nominations.grant_override(
            entry_of(token), reason="Post kam zu spät", actor=user(staff["official"]), now=utcnow()
        )
        db.session.commit()
    assert "Submit nomination" in client.get(f"/o/{token}").text
    assert client.post(f"/o/{token}/nomination", data=nomination_data()).status_code == 302
    assert nomination_count(app) == 1
