"""Reading a round back (``ledger.ballot_rows``/``ballots_of``) gives the ballots the ORM gave,
and sealing rewrites them unchanged (ELECTION.md R10.4, R10.8, R5.2)."""

from __future__ import annotations

from sqlalchemy import select

import voting
from app.elections import casting, rounds, sealing
from app.elections import ledger as lg
from app.elections.voting_models import Ballot, Round
from app.extensions import db
from tests.elections.helpers import at, with_cards
from voting.canonical import canonical


def _as_orm_read(rnd: Round) -> tuple[voting.Ballot, ...]:
    """What ``round_ballots`` returned when it loaded ORM objects: the reference."""
    rows = db.session.scalars(select(Ballot).where(Ballot.round_id == rnd.id))
    return tuple(sorted((voting.Ballot(b.id, rnd.number, tuple(b.marks), b.status, b.reason,
                                       b.source, tuple(tuple(a) for a in b.answers),
                                       b.doubtful_no) for b in rows), key=lambda b: b.id))


def test_round_read_as_rows_equals_the_orm_read_and_survives_sealing(ctx):
    election, tokens = with_cards(8, 4)
    rnd = rounds.start_round(election, actor_id=None, now=at(3))
    ids = list(rnd.candidates)
    for i, token in enumerate(tokens[:5]):
        casting.cast_ballot(token, rnd.number, [ids[i % 2]] if i < 4 else [])
    casting.enter_paper_ballot(election, rnd, marks=[ids[2]])
    casting.enter_paper_ballot(election, rnd, reason="unclear_will", doubtful_no=1,
                               doubtful_reason="Kreuz zwischen zwei Namen")
    casting.enter_paper_ballot(election, rnd, marks=[ids[0]], doubtful_no=2,
                               doubtful_reason="Kreuz über dem Rand")
    db.session.flush()
    read = lg.round_ballots(rnd)
    assert read == _as_orm_read(rnd) and len(read) == 8
    assert [b.id for b in read] == sorted(b.id for b in read)
    reasons = dict(db.session.execute(select(Ballot.doubtful_no, Ballot.doubtful_reason)
                                      .where(Ballot.doubtful_no.is_not(None))).all())

    rows, codes = sealing.reshuffle_round(rnd)
    db.session.flush()
    after = lg.round_ballots(rnd)
    assert after == _as_orm_read(rnd) == lg.ballots_of(rnd.number, rows)
    assert sorted(canonical(b.content()) for b in after) == sorted(
        canonical(b.content()) for b in read)
    assert not {b.id for b in read} & {b.id for b in after}
    assert codes == sorted(codes) and tuple(codes) == lg.round_codes(rnd) and len(codes) == 5
    assert dict(db.session.execute(select(Ballot.doubtful_no, Ballot.doubtful_reason)
                                   .where(Ballot.doubtful_no.is_not(None))).all()) == reasons
