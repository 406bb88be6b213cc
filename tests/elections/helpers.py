"""Build a nominated election with organisations and confirmed candidates, straight in the DB."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.elections.models import Election, ElectionStatus, Nomination, NominationStatus, RollEntry
from app.elections.voting_models import Round
from app.extensions import db
from app.organisations.models import Organisation

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)
SURNAMES = ["Demir", "Okafor", "Nguyen", "Haddad", "Kowalski", "Yıldız", "حداد", "Popescu"]


def at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def make_election(organisations: int = 12, candidates: int = 6, **options: object) -> Election:
    """An election with ``organisations`` eligible MSOs, the first ``candidates`` nominating.

    The nomination window has closed and the list is published, so it can be frozen (R0.1).
    """
    options.setdefault("nomination_closes_at", NOW - timedelta(hours=1))
    options.setdefault("candidates_published_at", NOW - timedelta(minutes=30))
    election = Election(title="Wahl der MSO-Sitze 2026", committee_name="Lenkungsgruppe",
                        status=ElectionStatus.NOMINATIONS_OPEN.value, **options)
    db.session.add(election)
    db.session.flush()
    for i in range(organisations):
        org = Organisation(name=f"Verein {i:02d} e.V.", normalised_name=f"verein {i:02d}")
        db.session.add(org)
        db.session.flush()
        db.session.add(RollEntry(election_id=election.id, organisation_id=org.id,
                                 is_eligible=True, decided_at=NOW))
        if i < candidates:
            db.session.add(Nomination(
                election_id=election.id, organisation_id=org.id, first_name=f"Vorname{i}",
                surname=SURNAMES[i % len(SURNAMES)], consent_to_stand_at=NOW,
                consent_to_publish_at=NOW, submitted_at=NOW, updated_at=NOW,
                status=NominationStatus.CONFIRMED.value))
    db.session.flush()
    return election


def organisations(election: Election) -> list[Organisation]:
    return [entry.organisation for entry in sorted(election.roll, key=lambda e: e.id)]


def with_cards(organisations: int = 6, candidates: int = 4, *,
               issue: int | None = None) -> tuple[Election, list[str]]:
    """A frozen election with one printed card per organisation; the first ``issue`` (default:
    all) organisations have their delegate present and received a card (R0.3, R10.2)."""
    from app.elections import cards

    election = make_election(organisations=organisations, candidates=candidates)
    cards.freeze(election, actor_id=None, now=at(0))
    tokens = cards.create_cards(election, organisations, actor_id=None, now=at(1))
    for org in sorted(election.roll, key=lambda e: e.id)[:issue]:
        cards.confirm_presence(election, org.organisation, actor_id=None, now=at(2),
                               reason="known to the officials")
        cards.issue_card(election, org.organisation)
    db.session.flush()
    return election, tokens


def closed_round_with_paper() -> tuple[Election, Round, list[str], list[str]]:
    """Round 1 closed: eight device ballots and three paper ones (the last doubtful, invalid);
    returns the election, the round, the card tokens and the candidate ids (R9, R10.8)."""
    from app.elections import casting, rounds
    from app.elections import ledger as lg

    election, tokens = with_cards(organisations=12, candidates=6)
    ids = [c["id"] for c in lg.frozen(election).candidates]
    rnd = rounds.start_round(election, actor_id=None, now=at(10))
    for token, cid in zip(tokens, [ids[0]] * 3 + [ids[1]] * 3 + [ids[2], ids[3]], strict=False):
        casting.cast_ballot(token, 1, [cid])
    casting.enter_paper_ballot(election, rnd, marks=[ids[0]])
    casting.enter_paper_ballot(election, rnd, marks=[ids[1]])
    casting.enter_paper_ballot(election, rnd, reason="unclear_will", doubtful_no=1,
                               doubtful_reason="Kreuz auf der Linie")
    rounds.close_round(election, actor_id=None, now=at(20))
    return election, rnd, tokens, ids
