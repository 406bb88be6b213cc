"""Elections for the printing scenario: one held in full through the app's services (for the
protocol), and one with a published candidate list (with photos).

The roll, nominations and delegates' registrations are inserted directly (they are not what
is printed); everything the protocol reports — the lot for the order of names, freezing,
cards, the desk, both rounds' ballots, remarks, acceptances — goes through the services the
officials' pages call, so the protocol has all it would have after a real assembly.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bench.photos import photo
from bench.seed import app_for

if TYPE_CHECKING:
    from app.elections.models import Election
    from app.organisations.models import Organisation

SURNAMES = ["Demir", "Okafor", "Nguyen", "Haddad", "Kowalski", "Yıldız", "حداد", "Popescu",
            "Schevchenko", "Mensah", "Rahimi", "Ferreira"]
GIVEN = ["Ayşe", "Chidi", "Linh", "Samira", "Anna", "Mehmet", "فاطمة", "Ioana", "Olena",
         "Kwame", "Parisa", "João"]
OFFICIAL = ("official@bench.example.org", "bench-password-123")
#: Of 100 delegates, this many were let in by an official's "present" override (R0.3)
OVERRIDES_PER_100 = 5
DESCRIPTION = (
    "Seit {years} Jahren im Vorstand von {org}; Schwerpunkte Elternarbeit, Sprachkurse und "
    "Beratung für Neuzugewanderte. Im Integrationsrat möchte ich mich für mehr "
    "Mitsprache der Migrant*innenorganisationen bei der Vergabe von Fördermitteln einsetzen."
)
TRANSLATION = {
    "tr": "Yönetim kurulunda {years} yıldır görev yapıyorum; veli çalışması ve dil kursları.",
    "ar": "عضو في مجلس الإدارة منذ {years} سنوات؛ العمل مع الأهالي ودورات اللغة.",
}


def held_election(database_url: str, instance: Path, organisations: int) -> dict[str, int]:
    """Two rounds held by ``organisations`` MSOs over 12 candidates, parity on, names in lot
    order, a decline and a successor; returns the election's and the official's ids."""
    from app.auth import services as accounts
    from app.auth.models import Role
    from app.db import utcnow
    from app.elections import cards, officials, rounds, services
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        start = utcnow() - timedelta(hours=6)

        def at(minutes: int) -> datetime:
            return start + timedelta(minutes=minutes)

        official = accounts.find_by_email(OFFICIAL[0]) or accounts.create_user(
            OFFICIAL[0], "Wahlleiterin Weber", OFFICIAL[1], {Role.OFFICIAL})
        event_id = _assembly(start)
        election = _nominated(organisations, 12, start, parity=True, ballot_order="lot",
                              event_id=event_id)
        orgs = _roll(election)
        _delegates_arrived(orgs, event_id, official.id, start)
        services.record_lot(election, drawn_by="Wahlleiterin Weber",
                            witnesses="K. Beisitz, L. Zeugin", seed="17-4-23", actor=official,
                            now=at(-40))
        services.publish_candidates(election, actor=official, now=at(-30))
        cards.freeze(election, actor_id=official.id, now=at(0))
        officials.set_protocol_info(election, {
            "place": "Rathaus, Festsaal", "returning_officer": "Wahlleiterin Weber",
            "assessors": "K. Beisitz, M. Prüfer", "recorder": "C. Schrift"},
            actor_id=official.id, now=at(0))
        tokens = _cards(election, organisations + organisations // 50 + 2, official.id, at(1))
        overridden = {o.id for o in orgs[:: 100 // OVERRIDES_PER_100]}
        for org in orgs:
            if org.id in overridden:
                cards.confirm_presence(election, org, reason="Scanner am Eingang ausgefallen",
                                       actor_id=official.id, now=at(2))
            cards.issue_card(election, org)
        rounds.add_remark(election, "substitute", f"{orgs[1].name}: Stellvertreterin wählt",
                          round_number=1, by="Wahlleiterin Weber", actor_id=official.id,
                          now=at(5))
        _round(election, tokens, official.id, at(10), skew=0)
        rounds.add_remark(election, "objection", "Einspruch gegen die Zulassung eines Vereins; "
                          "zurückgewiesen (Satzung liegt vor).", round_number=1,
                          by="K. Beisitz", actor_id=official.id, now=at(40))
        for org in orgs[2:4]:
            cards.replace_lost_card(election, org, "Karte verloren", by="Wahlleiterin Weber",
                                    actor_id=official.id, now=at(45))
        _round(election, tokens, official.id, at(50), skew=1)
        rounds.add_remark(election, "incident", "Kurze Unterbrechung wegen Stromausfall.",
                          round_number=2, by="C. Schrift", actor_id=official.id, now=at(70))
        _declarations(election, official.id, at(90))
        db.session.commit()
        return {"election_id": election.id, "user_id": official.id}


def published_candidates(database_url: str, instance: Path, candidates: int) -> dict[str, int]:
    """An election whose list of ``candidates`` is published; two in three have a photo,
    one in three a Turkish and an Arabic translation of the self-description."""
    from app.db import utcnow
    from app.extensions import db

    app = app_for(database_url, instance)
    with app.app_context():
        election = _nominated(candidates, candidates, utcnow(), photos=True)
        db.session.commit()
        return {"election_id": election.id}


def _assembly(start: datetime) -> int:
    """The election assembly's event with its entrance."""
    from app.checkin.models import Checkpoint
    from app.events.models import Event, EventDay
    from app.extensions import db

    event = Event(title="Wahlversammlung der MSO 2026", venue="Rathaus, Festsaal")
    event.days = [EventDay(starts_at=start, ends_at=start + timedelta(hours=8))]
    db.session.add(event)
    db.session.flush()
    db.session.add(Checkpoint(event_id=event.id, name="Eingang"))
    db.session.flush()
    return event.id


def _nominated(organisations: int, candidates: int, now: datetime, *, photos: bool = False,
               **options: object) -> Election:
    """An election with ``organisations`` eligible MSOs, the first ``candidates`` nominating;
    nominations closed, every nomination confirmed."""
    from sqlalchemy import insert

    from app.elections.models import Election, Nomination, RollEntry
    from app.extensions import db
    from app.organisations.models import Organisation

    published = None if options.get("ballot_order") == "lot" else now - timedelta(minutes=30)
    election = Election(title="Wahl der MSO-Sitze im Integrationsrat 2026",
                        committee_name="Integrationsrat", status="nominations_open",
                        nomination_closes_at=now - timedelta(hours=1),
                        candidates_published_at=published, **options)
    db.session.add(election)
    db.session.flush()
    org_ids = db.session.scalars(
        insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True),
        [{"name": _org_name(i), "normalised_name": f"bench-{election.id}-{i:05d}"}
         for i in range(organisations)]).all()
    db.session.execute(insert(RollEntry), [
        {"election_id": election.id, "organisation_id": o, "is_eligible": True, "decided_at": now}
        for o in org_ids])
    db.session.execute(insert(Nomination), [
        _nomination(i, election.id, org_ids[i], now, photos) for i in range(candidates)])
    db.session.flush()
    return election


def _org_name(i: int) -> str:
    kinds = ["Kulturverein", "Elternverein", "Moscheegemeinde", "Frauennetzwerk", "Sportverein"]
    return f"{kinds[i % len(kinds)]} {i:04d} e.V."


def _nomination(i: int, election_id: int, org_id: int, now: datetime,
                photos: bool) -> dict[str, object]:
    years = 3 + i % 9
    return {
        "election_id": election_id, "organisation_id": org_id,
        "first_name": GIVEN[i % len(GIVEN)], "surname": f"{SURNAMES[i % len(SURNAMES)]}",
        "description": DESCRIPTION.format(years=years, org=_org_name(i)),
        "description_translations": ({k: v.format(years=years) for k, v in TRANSLATION.items()}
                                     if i % 3 == 0 else {}),
        "photo": photo(i) if photos and i % 3 != 2 else None,
        "has_photo": photos and i % 3 != 2,
        "womens_place": i in (2, 4, 7), "consent_to_stand_at": now,
        "consent_to_publish_at": now, "submitted_at": now, "updated_at": now,
        "status": "confirmed", "decided_at": now,
    }


def _roll(election: Election) -> list[Organisation]:
    return [entry.organisation for entry in sorted(election.roll, key=lambda e: e.id)]


def _delegates_arrived(orgs: list[Organisation], event_id: int, user_id: int,
                       start: datetime) -> None:
    """Each organisation's delegate registered for the assembly and scanned at the entrance,
    except those whose scan failed (the officials confirm them at the desk instead)."""
    from sqlalchemy import insert, select

    from app.checkin.models import CheckIn, Checkpoint
    from app.events.models import Registration, Ticket
    from app.events.tickets import new_nonce
    from app.extensions import db

    checkpoint = db.session.scalar(select(Checkpoint.id).where(Checkpoint.event_id == event_id))
    registration_ids = db.session.scalars(
        insert(Registration).returning(Registration.id, sort_by_parameter_order=True),
        [{"event_id": event_id, "name": f"Delegierte*r {o.name}", "email": f"d{o.id}@bench.org",
          "organisation_name": o.name, "organisation_id": o.id, "status": "confirmed",
          "access_key": f"bench-delegate-{o.id}", "confirmed_at": start, "consent_at": start}
         for o in orgs]).all()
    ticket_ids = db.session.scalars(
        insert(Ticket).returning(Ticket.id, sort_by_parameter_order=True),
        [{"registration_id": r, "nonce": new_nonce(), "issued_at": start}
         for r in registration_ids]).all()
    step = 100 // OVERRIDES_PER_100
    db.session.execute(insert(CheckIn), [
        {"ticket_id": t, "checkpoint_id": checkpoint, "at": start, "admitted_by_user_id": user_id}
        for i, t in enumerate(ticket_ids) if i % step])
    db.session.flush()


def _cards(election: Election, count: int, actor_id: int, now: datetime) -> list[str]:
    """Printed voting cards, in batches of at most ``cards.MAX_BATCH``."""
    from app.elections import cards

    tokens: list[str] = []
    while len(tokens) < count:
        batch = min(cards.MAX_BATCH, count - len(tokens))
        tokens += cards.create_cards(election, batch, actor_id=actor_id, now=now)
    return tokens


def _round(election: Election, tokens: list[str], actor_id: int, now: datetime,
           skew: int) -> None:
    """Open the due round, cast one ballot per issued card (1 in 50 abstains), close it,
    and draw a digital lot if the result ties at a place that matters (R4)."""
    from app.elections import casting, rounds
    from app.elections import ledger as lg

    rnd = rounds.start_round(election, actor_id=actor_id, now=now)
    choices = list(rnd.candidates)
    weights = [len(choices) - (i + skew) % len(choices) for i in range(len(choices))]
    plan = [c for c, w in zip(choices, weights, strict=True) for _ in range(w)]
    for n, token in enumerate(tokens[: rnd.cards_issued]):
        casting.cast_ballot(token, rnd.number, [] if n % 50 == 49 else [plan[n * 7919 % len(plan)]])
    rounds.close_round(election, actor_id=actor_id, now=now + timedelta(minutes=20))
    for lot in range(3):  # each drawing settles one tie
        if lg.state(election).pending is None:
            break
        rounds.draw_lot(election, method="digital", drawn_by="Wahlleiterin Weber",
                        witnesses=["K. Beisitz"], seed=f"bench-{rnd.number}-{lot}",
                        actor_id=actor_id, now=now + timedelta(minutes=25 + lot))


def _declarations(election: Election, actor_id: int, now: datetime) -> None:
    """The first elected accepts, the second declines, every successor accepts (R7)."""
    from app.elections import ledger as lg
    from app.elections import rounds

    declined = False
    for minute in range(20):
        waiting = lg.state(election).awaiting_acceptance
        if not waiting:
            return
        accepts = declined or minute == 0
        declined = declined or not accepts
        rounds.declare(election, waiting[0], accepts, actor_id=actor_id,
                       now=now + timedelta(minutes=minute))
