"""Casting with a voting card, and keying in paper ballots (R5, R10.3, R10.4, R10.7, R10.8).

``cast_ballot`` is the one service behind the ballot page and ``POST /api/v1/ballots``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Executable, and_, bindparam, insert, select, update

import voting
from app.elections.cards import ALPHABET, normalise_token, token_hash
from app.elections.ledger import ElectionError
from app.elections.models import Election
from app.elections.voting_models import Ballot, Round, TrackingCode, VotingCard
from app.extensions import db


def card_for(token: str) -> VotingCard | None:
    """The card a token belongs to, or None (also for a void card)."""
    if len(normalise_token(token)) < 8:
        return None
    card = db.session.scalar(select(VotingCard).where(VotingCard.token_hash == token_hash(token)))
    return None if card is None or card.is_void else card


def ballot_round(token: str) -> tuple[VotingCard, Round]:
    """The card and the round it may vote in now, or why not (one query for both)."""
    if len(normalise_token(token)) < 8:
        raise ElectionError("unknown_token")
    found = db.session.execute(_statements()["card_and_round"],
                               {"hash": token_hash(token)}).first()
    if found is None or found[0].is_void:
        raise ElectionError("unknown_token")
    card, rnd = found
    if rnd is None:
        raise ElectionError("no_open_round")
    if card.used_in_round is not None and card.used_in_round >= rnd.number:
        raise ElectionError("token_used")
    return card, rnd


@cache
def _statements() -> dict[str, Executable]:
    """The casting statements, built once: composing them costs more than running them."""
    cards, ballots, codes = VotingCard.__table__, Ballot.__table__, TrackingCode.__table__
    return {
        "card_and_round": select(VotingCard, Round)
        .outerjoin(Round, and_(Round.election_id == VotingCard.election_id,
                               Round.status == "open"))
        .where(VotingCard.token_hash == bindparam("hash")),
        # the atomic "not used in this round yet" flip (R10.3)
        "use_card": update(cards).where(
            cards.c.id == bindparam("card_id"), cards.c.is_void.is_(False),
            cards.c.used_in_round.is_(None) | (cards.c.used_in_round < bindparam("number")),
        ).values(used_in_round=bindparam("number")),
        "round_still_open": select(Round.id)
        .where(Round.id == bindparam("round_id"), Round.status == "open")
        .with_for_update(read=True),
        "ballot": insert(ballots).values({c: bindparam(c) for c in BALLOT_COLUMNS}),
        "tracking_code": insert(codes).values(code=bindparam("code"),
                                              round_id=bindparam("round_id")),
    }


BALLOT_COLUMNS = ("id", "round_id", "marks", "answers", "status", "reason", "source",
                  "doubtful_no")


def spec_of(rnd: Round) -> voting.RoundSpec:
    return voting.RoundSpec(rnd.number, rnd.kind, tuple(rnd.candidates),  # type: ignore[arg-type]
                            rnd.votes_per_ballot)


def _checked_ballot(rnd: Round, marks: Sequence[str], answers: Sequence[tuple[str, str]],
                    source: str, reason: str | None = None,
                    doubtful_no: int | None = None) -> dict[str, Any]:
    """Check the ballot against R0.6/R5 with ``voting``; its row's values (random 128-bit id)."""
    draft = voting.Ballot(secrets.token_hex(16), rnd.number, tuple(marks), "", reason or None,
                          source, tuple(answers), doubtful_no)  # type: ignore[arg-type]
    try:
        voting.check_ballot(spec_of(rnd), draft)
    except voting.VotingError as error:
        raise ElectionError("bad_ballot", str(error)) from None
    return {"id": draft.id, "round_id": rnd.id, "marks": list(draft.marks),
            "answers": [list(a) for a in draft.answers], "status": draft.status,
            "reason": draft.reason, "source": source, "doubtful_no": doubtful_no}


def _new_ballot(rnd: Round, marks: Sequence[str], answers: Sequence[tuple[str, str]],
                source: str, reason: str | None = None,
                doubtful_no: int | None = None) -> Ballot:
    """Check the ballot and add its row to the session."""
    row = Ballot(**_checked_ballot(rnd, marks, answers, source, reason, doubtful_no))
    db.session.add(row)
    return row


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def cast_ballot(token: str, round_number: int | None, choices: Sequence[str],
                answers: Sequence[tuple[str, str]] = ()) -> str:
    """Accept one device ballot against an unused token of the open round (R10.3).

    1. find the open round; the voter's page names the round, so a stale page is refused;
    2. check the ballot with ``voting`` (R0.6, R5.1) before touching the card;
    3. mark the token used with one atomic ``UPDATE … WHERE not used``: of parallel requests
       exactly one sees rowcount 1 (PostgreSQL re-checks the WHERE after the row lock, SQLite
       writers queue behind BEGIN IMMEDIATE); on PostgreSQL then re-read the round under a
       share lock, so a close that committed meanwhile refuses the ballot;
    4. insert the ballot and a tracking code with no link between them (R10.4, R10.7).
    The caller commits once, or rolls back on :class:`ElectionError`; nothing is logged about
    the ballot (R10.5).
    """
    card, rnd = ballot_round(token)
    if round_number is not None and round_number != rnd.number:
        raise ElectionError("round_closed")
    marks = sorted(set(choices))
    if len(marks) != len(choices) or not all(m in rnd.candidates for m in marks):
        raise ElectionError("bad_ballot")
    if any(cid not in rnd.candidates or a not in ("yes", "no") for cid, a in answers):
        raise ElectionError("bad_ballot")
    values = _checked_ballot(rnd, marks, answers, "device")
    statements, connection = _statements(), db.session.connection()
    marked = connection.execute(statements["use_card"],
                                {"card_id": card.id, "number": rnd.number})
    if marked.rowcount != 1:
        raise ElectionError("token_used")
    if connection.dialect.name == "postgresql" and connection.execute(
        statements["round_still_open"], {"round_id": rnd.id}
    ).first() is None:
        # Closed between our first read and the card flip: closing rewrites the cards, and
        # our UPDATE went through on the rewritten row. A fresh read under a share lock says
        # so, and holds off a close that has not begun until this ballot is in (R10.3).
        raise ElectionError("round_closed")
    # Core inserts: no unit of work, no SAVEPOINT; on any error the caller rolls back whole
    connection.execute(statements["ballot"], values)
    code = new_tracking_code()
    connection.execute(statements["tracking_code"], {"code": code, "round_id": rnd.id})
    return code


def enter_paper_ballot(election: Election, rnd: Round, *, marks: Sequence[str] = (),
                       answers: Sequence[tuple[str, str]] = (), reason: str | None = None,
                       doubtful_no: int | None = None,
                       doubtful_reason: str | None = None) -> str:
    """Key in one paper ballot as it is read aloud (R10.8, R5.2); returns its id for undo.

    A doubtful ballot needs its number and the officials' reason for their decision (R5.2),
    whether they ruled it valid, an abstention or invalid; numbers are unique per round.
    """
    if rnd.election_id != election.id or rnd.status != "open":
        raise ElectionError("no_open_round")
    if reason and reason not in voting.INVALID_REASONS:
        raise ElectionError("bad_reason")
    if reason:
        marks, answers = (), ()
    if not all(m in rnd.candidates for m in marks):
        raise ElectionError("bad_ballot")
    why = _doubtful(rnd, doubtful_no, doubtful_reason)
    row = _new_ballot(rnd, sorted(set(marks)), answers, "paper", reason, doubtful_no)
    row.doubtful_reason = why
    db.session.flush()
    return row.id


DOUBTFUL_REASON_MAX = 500


def _doubtful(rnd: Round, number: int | None, reason: str | None) -> str | None:
    """The checked reason of a doubtful ballot (R5.2): both or neither, number not yet used."""
    text = " ".join((reason or "").split())
    if number is None:
        if text:
            raise ElectionError("doubtful_no_required")
        return None
    if not text:
        raise ElectionError("doubtful_reason_required")
    if len(text) > DOUBTFUL_REASON_MAX:
        raise ElectionError("doubtful_reason_too_long")
    taken = db.session.scalar(select(Ballot.id).where(Ballot.round_id == rnd.id,
                                                      Ballot.doubtful_no == number))
    if taken is not None:
        raise ElectionError("doubtful_no_taken")
    return text


def undo_paper_ballot(rnd: Round, ballot_id: str) -> None:
    """Remove the last keyed-in paper ballot while the round is open (R10.8)."""
    row = db.session.get(Ballot, ballot_id)
    if row is None or row.round_id != rnd.id or row.source != "paper" or rnd.status != "open":
        raise ElectionError("nothing_to_undo")
    db.session.delete(row)
    db.session.flush()


def tracking_code_recorded(code: str) -> Round | None:
    """The round a tracking code was recorded in, if any (R10.7)."""
    text = normalise_token(code)
    pretty = "-".join(text[i:i + 4] for i in range(0, len(text), 4))
    row = db.session.get(TrackingCode, pretty[:20])
    return db.session.get(Round, row.round_id) if row else None
