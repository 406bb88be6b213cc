"""What the database holds: a cheap digest of every table, and the invariants of what the
services write together ("nothing half-stored").

The digest hashes every row, so a refused request that changed a row in place (not only one
that added a row) is caught as well as one that left a row behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import Engine

Digest = dict[str, tuple[int, str]]


def tables(engine: Engine) -> list[str]:
    return sorted(t for t in inspect(engine).get_table_names() if t != "alembic_version")


def digest(engine: Engine, names: Iterable[str]) -> Digest:
    """Row count and a hash of the sorted rows, per table."""
    result: Digest = {}
    with engine.connect() as conn:
        for name in names:
            rows = sorted(repr(tuple(row)) for row in conn.execute(text(f'SELECT * FROM "{name}"')))
            result[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16])
    return result


def changed(before: Digest, after: Digest) -> dict[str, str]:
    """Tables whose rows differ, with their row counts before → after."""
    return {
        name: f"{before[name][0]} → {after[name][0]} rows"
        for name in before
        if before[name] != after.get(name)
    }


def _all(conn: Connection, sql: str) -> list[tuple]:
    return [tuple(row) for row in conn.execute(text(sql))]


def _registrations(conn: Connection) -> list[str]:
    """As ``registrations_whole`` in test_hostile_properties: mail, ticket, one per address,
    never more confirmed than places; and the counters agree with the rows."""
    found = []
    mailed = {r[0] for r in _all(conn, "SELECT registration_id FROM outbox_messages")}
    ticketed = {r[0] for r in _all(conn, "SELECT registration_id FROM tickets")}
    seen: set[tuple[int, str]] = set()
    rows = _all(conn, "SELECT id, event_id, email, status, anonymised_at FROM registrations")
    for rid, event_id, email, status, anonymised in rows:
        if anonymised is None and rid not in mailed:
            found.append(f"registration {rid} without its mail")
        if status == "confirmed" and rid not in ticketed:
            found.append(f"registration {rid} confirmed without a ticket")
        if status != "cancelled" and email is not None:
            if (event_id, email) in seen:
                found.append(f"{email!r} registered twice for event {event_id}")
            seen.add((event_id, email))
    for event_id, capacity, counter in _all(
        conn, "SELECT id, capacity, confirmed_count FROM events"
    ):
        confirmed = sum(1 for r in rows if r[1] == event_id and r[3] == "confirmed")
        if counter != confirmed:
            found.append(f"event {event_id}: counter {counter}, {confirmed} confirmed")
        if capacity is not None and confirmed > capacity:
            found.append(f"event {event_id}: {confirmed} confirmed for {capacity} places")
    for session_id, capacity, counter in _all(
        conn, "SELECT id, capacity, confirmed_count FROM event_sessions"
    ):
        (held,) = _all(
            conn,
            "SELECT count(*) FROM registration_sessions rs JOIN registrations r "
            "ON r.id = rs.registration_id WHERE rs.status = 'confirmed' "
            f"AND r.status = 'confirmed' AND rs.session_id = {int(session_id)}",
        )[0]
        if counter != held:
            found.append(f"session {session_id}: counter {counter}, {held} places held")
        if capacity is not None and held > capacity:
            found.append(f"session {session_id}: {held} places held of {capacity}")
    return found


def _ballots(conn: Connection) -> list[str]:
    """Per round: device ballots = tracking codes, and while open = cards used in it."""
    found = []
    for round_id, election_id, number, status in _all(
        conn, "SELECT id, election_id, number, status FROM rounds"
    ):
        if status == "void":
            continue
        (device,) = _all(
            conn, f"SELECT count(*) FROM ballots WHERE round_id = {round_id} AND source = 'device'"
        )[0]
        (codes,) = _all(conn, f"SELECT count(*) FROM tracking_codes WHERE round_id = {round_id}")[0]
        if device != codes:
            found.append(f"round {round_id}: {device} device ballots, {codes} tracking codes")
        if status == "open":
            (used,) = _all(
                conn,
                f"SELECT count(*) FROM voting_cards WHERE election_id = {election_id} "
                f"AND used_in_round = {number}",
            )[0]
            if used != device:
                found.append(f"round {round_id}: {used} cards used, {device} device ballots")
    return found


def _organisations(conn: Connection, known: int) -> list[str]:
    """An organisation added during the drill has its history entry."""
    rows = _all(
        conn,
        "SELECT o.id FROM organisations o WHERE o.id > "
        f"{int(known)} AND NOT EXISTS (SELECT 1 FROM organisation_changes c "
        "WHERE c.organisation_id = o.id)",
    )
    return [f"organisation {r[0]} without its history entry" for r in rows]


def highest_organisation(engine: Engine) -> int:
    with engine.connect() as conn:
        return _all(conn, "SELECT coalesce(max(id), 0) FROM organisations")[0][0]


def broken(engine: Engine, *, organisations_known: int) -> list[str]:
    """Every invariant of what the services write together that does not hold."""
    with engine.connect() as conn:
        return [
            *_registrations(conn),
            *_ballots(conn),
            *_organisations(conn, organisations_known),
        ]
