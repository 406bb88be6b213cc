"""By-election for seats that stayed vacant, in the same meeting (ELECTION.md R6.2).

When the runoff (R3.2), a yes/no round (R6.1) or the acceptances (R7.2) leave seats vacant, the
officials may open a by-election: a new election for the same assembly and committee with
seats = vacancies, the configuration copied, the roll copied, and a short nomination window
starting now. It then runs the normal flow (nominations from paper, freeze, cards, rounds).
The original's event log records the link (the by-election's own log starts at its freeze,
R0.1); without a by-election the vacancy stays recorded in the results and the protocol.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

import voting
from app.auth.models import User
from app.elections import ledger as lg
from app.elections import roll
from app.elections.ledger import ElectionError, append_event
from app.elections.models import Election, ElectionStatus, RollEntry
from app.extensions import db

#: How long the by-election takes nominations, from the moment it is opened
NOMINATION_WINDOW = timedelta(minutes=30)
#: The configuration a by-election takes over (R0.1: frozen again at its own freeze)
COPIED = ("event_id", "committee_name", "finalists", "votes_round1", "votes_runoff",
          "tie_variant", "parity", "parity_unused", "ballot_order", "allow_replacement",
          "acceptance_deadline_days")


def vacancies(election: Election) -> int:
    """Seats left vacant once the election is complete (R3.2, R6.2, R7.2); else 0."""
    try:
        result = lg.state(election)
    except (ElectionError, voting.VotingError):
        return 0
    if result.status != "complete":
        return 0
    return sum(place.candidate_id is None for place in result.seats)


def by_election_of(election: Election) -> Election | None:
    """The by-election opened for this election's vacant seats, if any."""
    return db.session.scalar(select(Election).where(Election.by_election_of_id == election.id))


def open_by_election(election: Election, *, actor: User, now: datetime) -> Election:
    """Create the by-election for the vacant seats and open its nominations (R6.2).

    1. the original is complete with at least one vacant seat and has no by-election yet;
    2. a new election: same event and committee, seats = vacancies, configuration copied
       (F at least the seats), nominations open from now for ``NOMINATION_WINDOW``;
    3. the roll is copied with each organisation's eligibility (recorded as a decision);
    4. the original's event log records the link (R11.1).
    """
    seats = vacancies(election)
    if seats == 0:
        raise ElectionError("no_vacancy")
    if by_election_of(election) is not None:
        raise ElectionError("by_election_exists")
    values = {name: getattr(election, name) for name in COPIED}
    values["finalists"] = max(values["finalists"], seats)
    new = Election(title=f"{election.title} – Nachwahl", seats=seats,
                   status=ElectionStatus.NOMINATIONS_OPEN.value, nomination_opens_at=now,
                   nomination_closes_at=now + NOMINATION_WINDOW, by_election_of_id=election.id,
                   created_by_id=actor.id, created_at=now, **values)
    db.session.add(new)
    db.session.flush()
    entries = db.session.scalars(select(RollEntry).where(
        RollEntry.election_id == election.id, RollEntry.is_eligible.is_(True)))
    for entry in sorted(entries, key=lambda e: e.organisation_id):
        if not entry.organisation.is_mso:  # no longer an MSO: it cannot be eligible now
            continue
        roll.decide_eligibility(new, entry.organisation, eligible=True,
                                may_nominate=entry.may_nominate,
                                reason=f"Nachwahl zu „{election.title}“ (R6.2)",
                                actor=actor, now=now)
    append_event(election, "by_election", {"election": new.id, "title": new.title,
                                           "seats": seats}, at=now, actor_id=actor.id)
    return new


def by_election_line(election: Election) -> str:
    """The protocol's statement about the vacant seats (R6.2), in German like the protocol."""
    seats = vacancies(election)
    if seats == 0:
        return ""
    follow = by_election_of(election)
    if follow is None:
        return (f"{seats} Sitz(e) blieben unbesetzt; eine Nachwahl wurde nicht eröffnet, die "
                "Vakanz ist festgestellt (R6.2).")
    return (f"{seats} Sitz(e) blieben unbesetzt; eine Nachwahl „{follow.title}“ für "
            f"{follow.seats} Sitz(e) wurde in derselben Versammlung eröffnet (R6.2).")
