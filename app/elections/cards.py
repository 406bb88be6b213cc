"""Freeze, voting cards and the voting desk (ELECTION.md R0.1, R0.3, R10.1–R10.3, R10.5)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import func, select, update

import voting
from app.elections.ledger import ElectionError, append_event, frozen, iso
from app.elections.models import (
    CandidateOrderLot,
    Election,
    ElectionStatus,
    Nomination,
    NominationStatus,
    RollEntry,
    TieVariant,
)
from app.elections.services import (
    LOT_ALGORITHM,
    candidate_order,
    confirmed_nominations,
    latest_lot,
    lot_is_current,
)
from app.elections.voting_models import (
    CardReceipt,
    DelegatePresence,
    FrozenElection,
    Remark,
    VotingCard,
)
from app.extensions import db
from app.organisations.models import Organisation
from voting.canonical import plain

#: Crockford's base32: no I, L, O, U, so a typed token is hard to misread
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: 16 characters of 5 bits = 80 bits (R10.1 asks for at least 50)
TOKEN_LENGTH = 16
MAX_BATCH = 500


# --- R0.1 freeze ------------------------------------------------------------------------


def config_of(election: Election) -> voting.Config:
    """The election's options as ``voting.Config``."""
    tie = "all_tied_advance" if election.tie_variant == TieVariant.ALL_ADVANCE.value else "lot"
    return voting.Config(
        seats=election.seats, finalists=election.finalists,
        votes_round1=election.votes_round1, votes_runoff=election.votes_runoff,
        tie_rule=tie, parity=election.parity, ballot_order=election.ballot_order,  # type: ignore[arg-type]
        parity_unused=election.parity_unused or "fill_openly",  # type: ignore[arg-type]
        acceptance_days=election.acceptance_deadline_days,
    )


def candidate_list(election: Election) -> tuple[voting.Candidate, ...]:
    """Confirmed nominations in the published ballot order (R1.1: by surname, or a recorded lot).

    The order is the one the published list shows (``services.candidate_order``), so the
    frozen ballot never differs from what voters saw. Without parity the women's-place flag
    is dropped: it decides nothing then and stays private (R8.1).
    """
    return tuple(voting.Candidate(str(n.id), n.surname, n.first_name, n.organisation.name,
                                  n.womens_place and election.parity)
                 for n in candidate_order(election))


def freeze_problems(election: Election, now: datetime) -> list[str]:
    """Why the election cannot be frozen now (R0.1); empty when it can.

    Freezing happens at nomination close: the window is over, every nomination is decided, the
    candidate list is published, and a lot order covers exactly the confirmed candidates.
    """
    problems = []
    if election.nominations_open_at(now):
        problems.append("nominations_open")
    if db.session.scalar(select(Nomination.id).where(
            Nomination.election_id == election.id,
            Nomination.status == NominationStatus.SUBMITTED.value).limit(1)) is not None:
        problems.append("pending_nominations")
    if not confirmed_nominations(election):
        problems.append("no_candidates")
    if election.candidates_published_at is None:
        problems.append("not_published")
    if election.ballot_order == "lot" and not lot_is_current(election):
        problems.append("order_lot_missing")
    return problems


def freeze(election: Election, *, actor_id: int | None, now: datetime) -> FrozenElection:
    """Fix configuration and candidate list and log the fingerprint (R0.1)."""
    if db.session.get(FrozenElection, election.id) is not None:
        raise ElectionError("already_frozen")
    try:
        config = config_of(election)
    except voting.VotingError as error:
        raise ElectionError("bad_config", str(error)) from None
    problems = freeze_problems(election, now)
    if problems:
        raise ElectionError(problems[0])
    candidates = candidate_list(election)
    print_ = voting.fingerprint(config, candidates)
    snapshot = FrozenElection(election_id=election.id, config=plain(config),
                              candidates=plain(candidates), fingerprint=print_,
                              frozen_at=now, frozen_by_id=actor_id)
    db.session.add(snapshot)
    election.status = ElectionStatus.FROZEN.value
    election.frozen_at = now
    election.fingerprint = print_
    db.session.flush()
    append_event(election, "frozen", {"fingerprint": print_}, at=now, actor_id=actor_id)
    if election.ballot_order == "lot":
        lot = latest_lot(election)
        append_event(election, "order_lot", {"order_lot": order_lot_payload(lot)},  # type: ignore[arg-type]
                     at=now, actor_id=actor_id)
    return snapshot


def order_lot_payload(lot: CandidateOrderLot) -> dict[str, object]:
    """The order-of-names lot as the event log keeps it (R4.2, R11.1).

    Ids are the frozen candidate ids, so the verifier can recompute a digital draw
    (``sha256-sort-v1``) from the seed and the candidate list alone.
    """
    return {"method": lot.method, "drawn_by": lot.drawn_by, "witnesses": lot.witnesses,
            "at": iso(lot.drawn_at), "seed": lot.seed,
            "algorithm": lot.algorithm or ("" if lot.method == "physical" else LOT_ALGORITHM),
            "order": [str(i) for i in lot.drawn_order]}


# --- R10.1 cards ------------------------------------------------------------------------


def new_token() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(TOKEN_LENGTH))


def normalise_token(raw: str) -> str:
    """What the voter typed or scanned, as the printed token (spaces, dashes, case ignored)."""
    text = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    return text.translate(str.maketrans("OIL", "011"))[:64]


def token_hash(token: str) -> str:
    return hashlib.sha256(normalise_token(token).encode()).hexdigest()


def create_cards(election: Election, count: int, *, actor_id: int | None,
                 now: datetime) -> list[str]:
    """Make ``count`` cards; returns the tokens, which are stored only as hashes (R10.1)."""
    frozen(election)
    if not 1 <= count <= MAX_BATCH:
        raise ElectionError("bad_count")
    batch = (db.session.scalar(select(func.max(VotingCard.batch)).where(
        VotingCard.election_id == election.id)) or 0) + 1
    tokens = [new_token() for _ in range(count)]
    db.session.add_all(VotingCard(election_id=election.id, token_hash=token_hash(t), batch=batch)
                       for t in tokens)
    db.session.flush()
    append_event(election, "cards_created", {"count": count}, at=now, actor_id=actor_id)
    return tokens


def void_card(election: Election, token: str, *, actor_id: int | None, now: datetime) -> None:
    """Void a damaged card handed back at the desk (R10.3); its token votes no more.

    The log says a card was voided, never which (R10.5: no token with a time).
    """
    result = db.session.execute(update(VotingCard).where(
        VotingCard.election_id == election.id, VotingCard.token_hash == token_hash(token),
        VotingCard.is_void.is_(False)).values(is_void=True))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ElectionError("unknown_token")
    append_event(election, "card_voided", {"count": 1}, at=now, actor_id=actor_id)


def card_counts(election: Election) -> dict[str, int]:
    """Printed, void and issued (organisations holding a card) cards."""
    printed = db.session.scalar(select(func.count(VotingCard.id)).where(
        VotingCard.election_id == election.id)) or 0
    void = db.session.scalar(select(func.count(VotingCard.id)).where(
        VotingCard.election_id == election.id, VotingCard.is_void.is_(True))) or 0
    return {"printed": printed, "void": void, "issued": cards_issued(election)}


def cards_issued(election: Election) -> int:
    return db.session.scalar(select(func.count(CardReceipt.organisation_id)).where(
        CardReceipt.election_id == election.id)) or 0


# --- R0.3 / R10.2 the desk --------------------------------------------------------------


def delegate_checked_in(election: Election, organisation: Organisation) -> bool:
    """R0.3: the organisation's delegate is checked in at the election assembly.

    True when the delegate's or the deputy's registration for the election's event (the
    organisation's, with one of their e-mails when any is on record) has an active check-in at
    an entrance; or when an official recorded "delegate present" with a reason.
    """
    manual = db.session.scalar(select(DelegatePresence.organisation_id).where(
        DelegatePresence.election_id == election.id,
        DelegatePresence.organisation_id == organisation.id))
    return manual is not None or _scanned_in(election, organisation)


def _scanned_in(election: Election, organisation: Organisation) -> bool:
    from app.checkin.models import CheckIn, Checkpoint, CheckpointKind
    from app.elections.models import Delegate
    from app.events.models import Registration, RegistrationStatus, Ticket

    if election.event_id is None:
        return False
    stmt = select(CheckIn.id).join(Ticket, Ticket.id == CheckIn.ticket_id).join(
        Registration, Registration.id == Ticket.registration_id).join(
        Checkpoint, Checkpoint.id == CheckIn.checkpoint_id).where(
        Registration.event_id == election.event_id,
        Registration.organisation_id == organisation.id,
        Registration.status != RegistrationStatus.CANCELLED.value,
        Checkpoint.kind == CheckpointKind.ENTRANCE.value,
        CheckIn.undone_at.is_(None))
    # the delegate's or the deputy's check-in counts (either may cast the vote, R0.2)
    emails = {e.strip().lower() for e in db.session.scalars(select(Delegate.email).where(
        Delegate.election_id == election.id, Delegate.organisation_id == organisation.id,
        Delegate.replaced_at.is_(None))) if e and e.strip()}
    if emails:
        stmt = stmt.where(func.lower(Registration.email).in_(sorted(emails)))
    return db.session.scalar(stmt.limit(1)) is not None


def confirm_presence(election: Election, organisation: Organisation, *, reason: str,
                     actor_id: int | None, now: datetime) -> None:
    """Record an official's "delegate present" override, with its reason (R0.3, R11.1)."""
    if not reason.strip():
        raise ElectionError("reason_required")
    if delegate_checked_in(election, organisation):
        return
    db.session.add(DelegatePresence(election_id=election.id, organisation_id=organisation.id,
                                    confirmed_by_id=actor_id,  # no time (R10.5)
                                    reason=reason.strip()[:500]))
    db.session.flush()
    append_event(election, "presence_confirmed",
                 {"organisation": organisation.name, "reason": reason.strip()[:500]},
                 at=now, actor_id=actor_id)


def roll_entry(election: Election, organisation: Organisation) -> RollEntry | None:
    return db.session.scalar(select(RollEntry).where(
        RollEntry.election_id == election.id, RollEntry.organisation_id == organisation.id))


def receipt(election: Election, organisation: Organisation) -> CardReceipt | None:
    return db.session.scalar(select(CardReceipt).where(
        CardReceipt.election_id == election.id, CardReceipt.organisation_id == organisation.id))


def desk_problems(election: Election, organisation: Organisation) -> list[str]:
    """Why the organisation may not receive a card now (R0.3); empty when it may."""
    entry = roll_entry(election, organisation)
    problems = []
    if entry is None or not entry.is_eligible:
        problems.append("not_eligible")
    if not delegate_checked_in(election, organisation):
        problems.append("not_checked_in")
    if receipt(election, organisation) is not None:
        problems.append("has_card")
    return problems


def issue_card(election: Election, organisation: Organisation) -> None:
    """Record "organisation X received a card": no card id, no time (R10.2, R10.5).

    R0.3 counts only cards received before the round opened, so the desk hands out none while
    a round is open (a card cannot be tied to its holder afterwards).
    """
    from app.elections.voting_models import Round

    frozen(election)
    if db.session.scalar(select(Round.id).where(Round.election_id == election.id,
                                                Round.status == "open")) is not None:
        raise ElectionError("round_open")
    problems = desk_problems(election, organisation)
    if problems:
        raise ElectionError(problems[0])
    try:
        with db.session.begin_nested():
            db.session.add(CardReceipt(election_id=election.id, organisation_id=organisation.id))
    except Exception:  # the unique constraint: a second desk confirmed at the same moment
        raise ElectionError("has_card") from None


def replace_lost_card(election: Election, organisation: Organisation, reason: str, *,
                      by: str, actor_id: int | None, now: datetime) -> None:
    """A lost card is replaced only by a recorded decision of the officials (R10.3, R11.1).

    Only between rounds: a card received during a round cannot vote in it (R0.3), and the
    lost card may already have voted (R0.2). The dated remark and the log entry name the
    round it comes before, not the organisation, so no time is tied to an organisation's
    card (R10.5); which organisation is kept as a count in its undated register row.
    """
    from app.elections.voting_models import Round

    held = receipt(election, organisation)
    if held is None:
        raise ElectionError("no_card")
    if not reason.strip():
        raise ElectionError("reason_required")
    held_rounds = list(db.session.scalars(select(Round.status).where(
        Round.election_id == election.id)))
    if "open" in held_rounds:
        raise ElectionError("replace_round_open")
    before = held_rounds.count("closed") + 1
    held.replacements += 1
    db.session.add(Remark(election_id=election.id, kind="card", round_number=before, at=now,
                          by=by, text=f"{_replaced_text(before)}: {reason.strip()}"))
    db.session.flush()
    append_event(election, "card_replaced", {"before_round": before, "reason": reason.strip()},
                 at=now, actor_id=actor_id)


def _replaced_text(before: int) -> str:
    """Stored in the protocol's language, German, like the other recorded remarks."""
    return f"Eine verlorene Stimmkarte wurde vor Wahlgang {before} ersetzt"


def replacements(election: Election) -> list[tuple[str, int]]:
    """Organisations that received a replacement card and how many, by name (R10.3, R10.5)."""
    rows = db.session.execute(select(Organisation.name, CardReceipt.replacements).join(
        CardReceipt, CardReceipt.organisation_id == Organisation.id).where(
        CardReceipt.election_id == election.id, CardReceipt.replacements > 0)).all()
    return sorted(((name, n) for name, n in rows), key=lambda row: row[0].casefold())


def register(election: Election) -> list[str]:
    """The "received a card" register: organisation names, sorted, nothing else (R10.5)."""
    names = db.session.scalars(select(Organisation.name).join(
        CardReceipt, CardReceipt.organisation_id == Organisation.id).where(
        CardReceipt.election_id == election.id))
    return sorted(names, key=str.casefold)


def door_hint(registration: object) -> str | None:
    """For the entrance scanner: tell an MSO delegate without a card to go to the voting desk."""
    from flask_babel import gettext as _

    from app.elections.models import Election

    organisation_id = getattr(registration, "organisation_id", None)
    if organisation_id is None:
        return None
    stmt = select(RollEntry.id).join(
        FrozenElection, FrozenElection.election_id == RollEntry.election_id).where(
        RollEntry.organisation_id == organisation_id, RollEntry.is_eligible.is_(True),
        ~select(CardReceipt.organisation_id).where(
            CardReceipt.election_id == RollEntry.election_id,
            CardReceipt.organisation_id == organisation_id).exists())
    event_id = getattr(registration, "event_id", None)
    if event_id is not None:
        stmt = stmt.join(Election, Election.id == RollEntry.election_id).where(
            Election.event_id == event_id)
    waiting = db.session.scalar(stmt.limit(1))
    return _("MSO delegate: go to the voting desk") if waiting is not None else None
