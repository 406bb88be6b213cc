"""Sealing a round at close: storage keeps no trace of the casting order (ELECTION.md R10.4, R10.7).

``cast_ballot`` marks the card, inserts the ballot and inserts the tracking code in one
transaction. On PostgreSQL those three rows share the transaction id (``xmin``) and the inserted
rows keep their insertion order (``ctid``): anyone reading the tables could link a tracking code
to its ballot and to its card, and learn the casting order. When the round closes, before any
result is shown, one transaction

1. rewrites every voting card of the election, one by one in an order drawn with ``secrets``;
2. deletes the round's ballots and tracking codes and inserts them again, each ballot with a
   fresh random 128-bit id drawn with ``secrets``: the ballots in the order of their new ids,
   the codes in their own order (random strings, published sorted); both orders come from
   random values alone, and sorted rows are written fast (a million in seconds),

so afterwards all of them carry the closing transaction's ``xmin`` and their physical order says
nothing. The commitment (R11.2) and the export (R11.4) are over the ballots *without* ids and the
sorted codes, so the rewrite changes neither; the event log never holds a ballot (R11.1).
Once that transaction has committed, ``prune_dead_rows`` vacuums the rewritten tables at once
(PostgreSQL), rather than whenever autovacuum comes by.
When a round opens, ``reshuffle_register`` does the same for the "received a card" register
and the desk's "delegate present" confirmations (R10.5): rows written at the desk one by one
would otherwise keep, in their ``xmin`` and ``ctid``, the order in which organisations got
their cards. What remains while a round is open is described in README.md ("Secrecy: what the
database shows, and residual risks").
"""

from __future__ import annotations

import logging
import secrets
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from app import bulk
from app.elections import ledger as lg
from app.elections.voting_models import (
    Ballot,
    CardReceipt,
    DelegatePresence,
    Round,
    TrackingCode,
    VotingCard,
)
from app.extensions import db
from voting.collector import paused_gc

_RANDOM = secrets.SystemRandom()
T = TypeVar("T")
log = logging.getLogger(__name__)
#: How long ``prune_dead_rows`` waits for a table lock before leaving the work to autovacuum
PRUNE_LOCK_TIMEOUT = "5s"


def reshuffle_round(rnd: Round) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Rewrite the round's ballots and tracking codes (cards: ``touch_cards``, which
    ``rounds.close_round`` calls first); returns the rows as written (``ledger.BALLOT_ROW``
    order, sorted by their new ids) and the codes, sorted.

    The fresh ids are drawn together, 16 bytes each from one ``secrets`` call. The rows go back
    with ``app.bulk`` (COPY on PostgreSQL) and their JSON text unchanged.
    """
    db.session.flush()
    ballots = Ballot.__table__  # type: ignore[attr-defined]
    codes_table = TrackingCode.__table__  # type: ignore[attr-defined]
    stored = lg.ballot_rows(rnd.id)
    fresh = secrets.token_bytes(16 * len(stored)).hex()
    with paused_gc():
        rows = [(fresh[32 * i:32 * i + 32], *row[1:]) for i, row in enumerate(stored)]
        rows.sort(key=itemgetter(0))
    del stored
    codes = sorted(db.session.scalars(select(codes_table.c.code).where(
        codes_table.c.round_id == rnd.id)))
    _forget(Ballot, TrackingCode)
    db.session.execute(delete(ballots).where(ballots.c.round_id == rnd.id))
    db.session.execute(delete(codes_table).where(codes_table.c.round_id == rnd.id))
    connection = db.session.connection()
    bulk.insert_rows(connection, ballots, lg.BALLOT_ROW, rows)
    bulk.insert_rows(connection, codes_table, ("code", "round_id"),
                     ((code, rnd.id) for code in codes))
    return rows, codes


def prune_dead_rows() -> None:
    """``VACUUM (ANALYZE)`` the tables a close rewrote, after its transaction committed.

    The deleted versions of the ballots, codes and cards still carry the casting transactions'
    ``xmin`` until they are vacuumed; autovacuum would come by up to a minute later, and then
    beside the first requests for the results. ANALYZE gives the planner the round's new size.
    PostgreSQL only (SQLite keeps no row versions); best effort: the round is closed either way.
    """
    engine = db.engine
    if engine.dialect.name != "postgresql":
        return
    tables = ", ".join(model.__tablename__ for model in (Ballot, TrackingCode, VotingCard))
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"SET lock_timeout = '{PRUNE_LOCK_TIMEOUT}'")
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {tables}")
    except SQLAlchemyError as error:
        log.warning("vacuum after closing a round failed, autovacuum will do it: %s", error)


def reshuffle_register(election_id: int) -> None:
    """Rewrite the election's card receipts and presence confirmations in a random order."""
    db.session.flush()
    _forget(CardReceipt, DelegatePresence)
    for model in (CardReceipt, DelegatePresence):
        table = model.__table__  # type: ignore[attr-defined]
        rows = [dict(r._mapping) for r in db.session.execute(
            select(table).where(table.c.election_id == election_id))]
        _RANDOM.shuffle(rows)
        db.session.execute(delete(table).where(table.c.election_id == election_id))
        if rows:
            db.session.execute(insert(table), rows)


def touch_cards(election_id: int) -> None:
    """Give every card of the election a new row version, one by one in a random order."""
    cards = VotingCard.__table__  # type: ignore[attr-defined]
    ids = random_order(list(db.session.scalars(select(cards.c.id).where(
        cards.c.election_id == election_id))))
    bulk.execute_many(db.session.connection(),
                      update(cards).where(cards.c.id == bindparam("card_id"))
                      .values(used_in_round=cards.c.used_in_round),
                      [{"card_id": i} for i in ids])
    _forget(VotingCard)


def random_order(items: list[T]) -> list[T]:
    """``items`` in a uniformly random order drawn with ``secrets``: each gets 128 fresh random
    bits and they are sorted by them (one call to the OS, not one per item as ``shuffle``)."""
    raw = secrets.token_bytes(16 * len(items))
    keys = [raw[i:i + 16] for i in range(0, len(raw), 16)]
    return [items[i] for i in sorted(range(len(items)), key=keys.__getitem__)]


def _forget(*models: type) -> None:
    """Drop loaded rows of these models from the session: the rewrite replaced them."""
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, models):
            db.session.expunge(obj)
