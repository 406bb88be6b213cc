"""Sealing a round at close: storage keeps no trace of the casting order (ELECTION.md R10.4, R10.7).

``cast_ballot`` marks the card, inserts the ballot and inserts the tracking code in one
transaction. On PostgreSQL those three rows share the transaction id (``xmin``) and the inserted
rows keep their insertion order (``ctid``): anyone reading the tables could link a tracking code
to its ballot and to its card, and learn the casting order. When the round closes, before any
result is shown, one transaction

1. rewrites every voting card of the election, one by one in an order drawn with ``secrets``;
2. deletes the round's ballots and tracking codes and inserts them again in an order drawn with
   ``secrets``, each ballot with a fresh random 128-bit id,

so afterwards all of them carry the closing transaction's ``xmin`` and their physical order says
nothing. The commitment (R11.2) and the export (R11.4) are over the ballots *without* ids and the
sorted codes, so the rewrite changes neither; the event log never holds a ballot (R11.1).
When a round opens, ``reshuffle_register`` does the same for the "received a card" register
and the desk's "delegate present" confirmations (R10.5): rows written at the desk one by one
would otherwise keep, in their ``xmin`` and ``ctid``, the order in which organisations got
their cards. What remains while a round is open is described in README.md ("Secrecy: what the
database shows, and residual risks").
"""

from __future__ import annotations

import secrets

from sqlalchemy import bindparam, delete, insert, select, update

from app.elections.voting_models import (
    Ballot,
    CardReceipt,
    DelegatePresence,
    Round,
    TrackingCode,
    VotingCard,
)
from app.extensions import db

_RANDOM = secrets.SystemRandom()


def reshuffle_round(rnd: Round) -> None:
    """Rewrite the round's ballots and tracking codes in a random order (cards: ``touch_cards``,
    which ``rounds.close_round`` calls first)."""
    db.session.flush()
    ballots = Ballot.__table__  # type: ignore[attr-defined]
    codes_table = TrackingCode.__table__  # type: ignore[attr-defined]
    rows = [dict(r._mapping) for r in db.session.execute(
        select(ballots).where(ballots.c.round_id == rnd.id))]
    codes = list(db.session.scalars(select(codes_table.c.code).where(
        codes_table.c.round_id == rnd.id)))
    _RANDOM.shuffle(rows)
    _RANDOM.shuffle(codes)
    for row in rows:
        row["id"] = secrets.token_hex(16)
    _forget(Ballot, TrackingCode)
    db.session.execute(delete(ballots).where(ballots.c.round_id == rnd.id))
    db.session.execute(delete(codes_table).where(codes_table.c.round_id == rnd.id))
    if rows:
        db.session.execute(insert(ballots), rows)
    if codes:
        db.session.execute(insert(codes_table), [{"code": c, "round_id": rnd.id} for c in codes])


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
    ids = list(db.session.scalars(select(cards.c.id).where(cards.c.election_id == election_id)))
    _RANDOM.shuffle(ids)
    if ids:
        db.session.execute(
            update(cards).where(cards.c.id == bindparam("card_id"))
            .values(used_in_round=cards.c.used_in_round)
            .execution_options(synchronize_session=False),
            [{"card_id": i} for i in ids])
    _forget(VotingCard)


def _forget(*models: type) -> None:
    """Drop loaded rows of these models from the session: the rewrite replaced them."""
    for obj in list(db.session.identity_map.values()):
        if isinstance(obj, models):
            db.session.expunge(obj)
