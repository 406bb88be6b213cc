"""The secrecy inspection (ELECTION.md R10.4–R10.6): run an election, then read every table and
every captured log line. No ballot may be linkable to an organisation or a token; no ballot has a
timestamp or a sequential id; reading the ballots back in any order gives the same export."""

from __future__ import annotations

import json
import logging
import re
import threading

import pytest
from sqlalchemy import insert, inspect, select, text, update

import voting
from app.auth.models import Role
from app.elections import casting, results, rounds, sealing
from app.elections import ledger as lg
from app.elections.cards import token_hash
from app.elections.models import Election
from app.elections.voting_area import RedactTokens
from app.elections.voting_models import Ballot, Round, TrackingCode, VotingCard
from app.extensions import db
from tests.elections.helpers import at, make_election, organisations, with_cards
from tests.elections.web import confirm, print_cards, vote
from voting.canonical import canonical

FORBIDDEN = re.compile(r"organi[sz]ation|token|device|session|ip|addr|_at$|^at$|time|card|seq")


def _run_election(app, client, login):
    login(Role.OFFICIAL)
    with app.app_context():
        eid = make_election(organisations=6, candidates=4).id
        db.session.commit()
    base = f"/elections/{eid}"
    confirm(client, f"{base}/freeze")
    tokens = print_cards(client, eid, 6)
    with app.app_context():
        orgs = [o.id for o in organisations(db.session.get(Election, eid))]
    for org in orgs:
        client.post(f"{base}/desk/{org}/present", data={"reason": "no ticket"})
        client.post(f"{base}/desk/{org}/card")
    with app.app_context():
        ids = [c["id"] for c in lg.frozen(db.session.get(Election, eid)).candidates]
    confirm(client, f"{base}/rounds/open")  # ≤ F candidates: round 1 is the runoff (R1.2)
    codes = [vote(app, t, c) for t, c in zip(tokens, [ids[0], ids[0], ids[1], ids[1], None,
                                                        ids[0]], strict=True)]
    confirm(client, f"{base}/rounds/close")
    return eid, tokens, codes


def _dump(app) -> dict[str, list[dict]]:
    with app.app_context():
        tables = [t for t in inspect(db.engine).get_table_names() if t != "alembic_version"]
        return {t: [dict(r._mapping) for r in db.session.execute(text(f'SELECT * FROM "{t}"'))]
                for t in tables}


def test_secrecy_inspection(app, client, login, caplog, backend):
    caplog.set_level(logging.DEBUG)
    eid, tokens, codes = _run_election(app, client, login)
    dump = _dump(app)
    # 1. ballot rows: exactly the R10.4 columns, random 128-bit ids, no link to anything else
    ballots = dump["ballots"]
    assert len(ballots) == 6
    # R5.2 adds the officials' reason for a doubtful paper ballot (free text, no link)
    assert set(ballots[0]) == {"id", "round_id", "marks", "answers", "status", "reason",
                               "source", "doubtful_no", "doubtful_reason"}
    assert all(re.fullmatch(r"[0-9a-f]{32}", b["id"]) for b in ballots)
    with app.app_context():
        insp = inspect(db.engine)
        assert [fk["referred_table"] for fk in insp.get_foreign_keys("ballots")] == ["rounds"]
        assert [fk["referred_table"] for fk in insp.get_foreign_keys("tracking_codes")] == [
            "rounds"]
        for table in ("ballots", "tracking_codes", "voting_cards", "card_receipts",
                      "delegate_presences"):
            for column in insp.get_columns(table):
                name = column["name"]
                allowed = {"voting_cards": {"token_hash", "used_in_round"},
                           "card_receipts": {"organisation_id"},
                           "delegate_presences": {"organisation_id"}}.get(table, set())
                assert name in allowed or not FORBIDDEN.search(name), (table, name)
        # no hidden insertion order: WITHOUT ROWID on SQLite, no sequence on PostgreSQL
        if backend == "sqlite":
            for table in ("ballots", "tracking_codes", "card_receipts", "delegate_presences"):
                try:
                    db.session.execute(text(f"SELECT rowid FROM {table}"))
                    raise AssertionError(f"{table} keeps a rowid")
                except Exception as error:  # noqa: BLE001
                    assert "rowid" in str(error)
                    db.session.rollback()
        else:
            serial = db.session.scalar(text("SELECT pg_get_serial_sequence('ballots', 'id')"))
            assert serial is None
            sequences = db.session.scalars(text(
                "SELECT sequence_name FROM information_schema.sequences")).all()
            assert not [s for s in sequences if re.search(r"receipt|presence|ballot|track", s)]
    # 2. tracking codes: a separate set without link to a ballot (R10.7)
    assert sorted(r["code"] for r in dump["tracking_codes"]) == sorted(codes)
    # 3. no token anywhere in the database, only hashes of cards with no organisation
    everything = json.dumps(dump, default=str)
    for token in tokens:
        assert token not in everything
    # R10.5: the register and the desk's confirmations keep no id, time or order
    assert set(dump["card_receipts"][0]) == {"election_id", "organisation_id", "replacements"}
    # (the override's reason, R0.3, is printed on the protocol; it carries no time either)
    assert set(dump["delegate_presences"][0]) == {"election_id", "organisation_id",
                                                  "confirmed_by_id", "reason"}
    # 4. the event log never names a ballot, a tracking code or a token (R11.1)
    log_text = json.dumps([r["payload"] for r in dump["election_events"]], default=str)
    for secret in [b["id"] for b in ballots] + codes + tokens:
        assert secret not in log_text
    # 5. no log line holds a token, a ballot id, a tracking code or a choice (R10.5)
    lines = "\n".join(r.getMessage() for r in caplog.records)
    for secret in [b["id"] for b in ballots] + codes + tokens:
        assert secret not in lines
    # 6. reading the ballots back in another physical order gives the same export
    with app.app_context():
        election = db.session.get(Election, eid)
        before = results.audit_export(election)
        rows = db.session.execute(text("SELECT * FROM ballots")).mappings().all()
        db.session.execute(text("DELETE FROM ballots"))
        for row in reversed(rows):
            db.session.execute(text(
                "INSERT INTO ballots (id, round_id, marks, answers, status, reason, source, "
                "doubtful_no) VALUES (:id, :round_id, :marks, :answers, :status, :reason, "
                ":source, :doubtful_no)"),
                {**row, "marks": json.dumps(row["marks"]) if not isinstance(row["marks"], str)
                 else row["marks"], "answers": json.dumps(row["answers"])
                 if not isinstance(row["answers"], str) else row["answers"]})
        db.session.commit()
        assert results.audit_export(db.session.get(Election, eid)) == before


def test_closing_vacuums_the_rewritten_tables_at_once(app, client, login, backend):
    """The deleted row versions of ballots, codes and cards, which carry the casting
    transactions' xmin, are pruned right after the close commits, not when autovacuum comes."""
    eid, _, _ = _run_election(app, client, login)
    with app.app_context():
        assert db.session.get(Election, eid) is not None
        if backend != "postgresql":
            sealing.prune_dead_rows()  # SQLite keeps no row versions: nothing to do
            return
        stats = db.session.execute(text(
            "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL, n_dead_tup "
            "FROM pg_stat_user_tables WHERE relname IN "
            "('ballots', 'tracking_codes', 'voting_cards') ORDER BY relname")).all()
    assert [tuple(row) for row in stats] == [
        ("ballots", True, True, 0), ("tracking_codes", True, True, 0),
        ("voting_cards", True, True, 0)]


def test_a_vacuum_that_cannot_run_leaves_the_close_alone(ctx, backend, monkeypatch, caplog):
    """Best effort: a refused VACUUM is logged, and the round stays closed."""
    if backend != "postgresql":
        pytest.skip("VACUUM runs on PostgreSQL only")
    monkeypatch.setattr(sealing, "PRUNE_LOCK_TIMEOUT", "not a duration")
    with caplog.at_level(logging.WARNING, logger="app.elections.sealing"):
        sealing.prune_dead_rows()
    assert "vacuum after closing a round failed" in caplog.text


def test_token_in_a_card_url_is_redacted_from_log_lines():
    """R10.5: the access log line of GET /vote/c/<token> keeps no token."""
    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1,
                               '%s - - "%s" %s', ("127.0.0.1", "GET /vote/c/ABCDEFGHJKMNPQRS "
                                                  "HTTP/1.1", "302"), None)
    RedactTokens().filter(record)
    assert "ABCDEFGHJKMNPQRS" not in record.getMessage()
    assert "/vote/c/…" in record.getMessage()

    mapping = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(r)s", (), None)
    mapping.args = {"r": "GET /vote/c/ABCDEFGHJKMNPQRS HTTP/1.1", "s": "302"}
    RedactTokens().filter(mapping)
    assert mapping.getMessage() == "GET /vote/c/… HTTP/1.1"


def test_close_rewrites_the_round_so_storage_forgets_the_casting_order(ctx, backend):
    """R10.4, R10.7: after close, ballots, tracking codes and cards share one xmin, ballots have
    fresh ids, the physical order is not the casting order; commitment and export unchanged.
    R10.5: after the round opened, the desk's rows share one xmin and are in random order."""
    election, tokens = with_cards(40, 4)
    rnd = rounds.start_round(election, actor_id=None, now=at(3))
    db.session.commit()
    if backend == "postgresql":  # R10.5: opening the round rewrote the desk's rows at random
        handed_out = [o.id for o in organisations(election)]
        for table in ("card_receipts", "delegate_presences"):
            rows = db.session.execute(text(
                f"SELECT xmin::text, organisation_id FROM {table} WHERE election_id = :e "
                "ORDER BY ctid"), {"e": election.id}).all()
            assert len({x for x, _ in rows}) == 1 and len(rows) == 40
            assert [o for _, o in rows] != handed_out  # 1 in 40! to fail by chance
    ids = list(rnd.candidates)
    cast_codes = []
    for i, token in enumerate(tokens):  # one transaction per ballot, as on the ballot page
        choice = ids[0 if i < 20 else 1 if i < 32 else 2]
        cast_codes.append(casting.cast_ballot(token, rnd.number, [choice]))
        db.session.commit()
    before_ids = set(db.session.scalars(select(Ballot.id)))
    before = lg.round_ballots(rnd)
    rounds.close_round(election, actor_id=None, now=at(9))
    db.session.commit()
    rnd = db.session.get(Round, rnd.id)
    after = lg.round_ballots(rnd)
    assert len(after) == 40 and not before_ids & {b.id for b in after}
    assert sorted(map(canonical, (b.content() for b in after))) == sorted(
        map(canonical, (b.content() for b in before)))
    assert voting.commitment(rnd.number, after, lg.round_codes(rnd)) == rnd.commitment
    assert sorted(lg.round_codes(rnd)) == sorted(cast_codes)
    if backend == "postgresql":
        def xmins(sql: str) -> set[str]:
            return {str(x) for x in db.session.scalars(text(sql), {"r": rnd.id,
                                                                  "e": election.id})}
        shared = (xmins("SELECT xmin::text FROM ballots WHERE round_id = :r")
                  | xmins("SELECT xmin::text FROM tracking_codes WHERE round_id = :r")
                  | xmins("SELECT xmin::text FROM voting_cards WHERE election_id = :e"))
        assert len(shared) == 1, shared
        physical = list(db.session.scalars(text(
            "SELECT code FROM tracking_codes WHERE round_id = :r ORDER BY ctid"), {"r": rnd.id}))
        assert physical != cast_codes  # 1 in 40! to fail by chance
    # rewriting again (as any later reader might reorder) changes neither export nor recount
    export = results.audit_export(election)
    sealing.reshuffle_round(rnd)
    db.session.commit()
    assert results.audit_export(db.session.get(Election, election.id)) == export
    assert all(c.status != "FAIL" for c in voting.verify_export(export))
    assert export["rounds"][0]["votes"] == {ids[0]: 20, ids[1]: 12, ids[2]: 8, ids[3]: 0}


def test_close_waits_for_a_cast_in_flight_and_counts_it(app, backend):
    """PostgreSQL: a cast that has marked its card but not committed yet holds the card's row
    lock; close rewrites every card first, so it waits and the ballot is in the commitment."""
    if backend != "postgresql":
        pytest.skip("SQLite queues writers behind BEGIN IMMEDIATE")
    with app.app_context():
        election, tokens = with_cards(6, 4)
        eid = election.id
        rnd = rounds.start_round(election, actor_id=None, now=at(3))
        db.session.commit()
        rid, ids = rnd.id, list(rnd.candidates)
        for token in tokens[:3]:
            casting.cast_ballot(token, 1, [ids[0]])
            db.session.commit()
        with db.engine.connect() as other:
            in_flight = other.begin()  # what cast_ballot does, stopped before its commit
            other.execute(update(VotingCard).where(
                VotingCard.token_hash == token_hash(tokens[3])).values(used_in_round=1))
            other.execute(insert(Ballot.__table__), {
                "id": "f" * 32, "round_id": rid, "marks": [ids[1]], "answers": [],
                "status": "valid", "reason": None, "source": "device", "doubtful_no": None})
            other.execute(insert(TrackingCode.__table__), {"code": "LATE-CAST-CODE",
                                                           "round_id": rid})

            def close() -> None:
                with app.app_context():
                    rounds.close_round(db.session.get(Election, eid), actor_id=None, now=at(9))
                    db.session.commit()

            closing = threading.Thread(target=close)
            closing.start()
            closing.join(1.5)
            assert closing.is_alive()  # waiting for the card row the cast holds
            in_flight.commit()
            closing.join(20)
            assert not closing.is_alive()
    with app.app_context():
        rnd = db.session.get(Round, rid)
        stored = lg.round_ballots(rnd)
        assert rnd.status == "closed" and len(stored) == 4
        assert voting.commitment(1, stored, lg.round_codes(rnd)) == rnd.commitment
        assert "LATE-CAST-CODE" in lg.round_codes(rnd)
