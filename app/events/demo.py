"""Demo events modelled on the seeds: a two-day kickoff with six expert groups (Hannover), an
open district integration conference (Berlin-Mitte, Göttingen working groups), a working
group's follow-up meeting that is full (with a waiting list) and an invite-only election
assembly of migrant organisations taking place right now, with about 50 registrations.

The elections seeder invites and registers the delegates for the assembly."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.core.demo import DemoContext
from app.db import utcnow
from app.events import categories, services
from app.events.models import Event, EventDay, Invitation, Session
from app.extensions import db

BERLIN = ZoneInfo("Europe/Berlin")
EXPERT_GROUPS = [
    "Bildung",
    "Soziales",
    "Demokratie",
    "Stadtleben und Kultur",
    "Wirtschaft",
    "Stadtverwaltung und Diversität",
]
WORKING_GROUPS = [
    "Sprache und Bildung",
    "Arbeit und Soziales",
    "Freizeit, Kultur und Religion",
    "Politik und Recht",
]
PEOPLE = [
    ("Jürgen Müller", "administration", ""),
    ("Ayşe Yılmaz", "migrant_organisation", "Türkischer Elternverein e.V."),
    ("Mehmet Kaya", "migrant_organisation", "DITIB Gemeinde Linden"),
    ("Fatima Al-Hassan", "ngo", "Caritas"),
    ("Olena Shevchenko", "resident", ""),
    ("Ahmad Rahimi", "migrant_organisation", "Afghanischer Kulturverein"),
    ("Sabine Schröder", "council_group", "Fraktion Die Grünen"),
    ("Yusuf Demir", "religious_community", "Moschee am Markt"),
    ("Oksana Kovalenko", "migrant_organisation", "Ukrainischer Verein Hannover"),
    ("Hans-Peter Weiß", "police", "Polizeidirektion"),
    ("Leyla Aydın", "job_centre", "Jobcenter Region"),
    ("Khaled Haddad", "resident", ""),
    ("Mariam Nasser", "ngo", "AWO Kreisverband"),
    ("Dmytro Bondarenko", "resident", ""),
    ("Elif Çelik", "school_authority", "Schulamt"),
    ("Thomas Becker", "neighbourhood_council", "Quartiersrat Soldiner Kiez"),
    ("Nour El-Din", "migrant_organisation", "Arabisches Frauenzentrum"),
    ("Iryna Melnyk", "ngo", "Diakonie"),
    ("Gökhan Öztürk", "council_group", "SPD-Fraktion"),
    ("Amina Yusuf", "resident", ""),
    ("Katrin Lehmann", "administration", "Büro für Integration"),
    ("Serkan Arslan", "migrant_organisation", "Alevitische Gemeinde"),
    ("Rania Saleh", "religious_community", "Koptische Gemeinde"),
    ("Andriy Tkachenko", "resident", ""),
    ("Zeynep Şahin", "ngo", "Paritätischer"),
    ("Omar Abdullah", "migrant_organisation", "Syrischer Kulturverein"),
    ("Monika Krüger", "other", "Volkshochschule"),
    ("Hatice Koç", "resident", ""),
    ("Yaroslava Savchenko", "migrant_organisation", "Ukrainische Hilfe"),
    ("Samir Boukhari", "job_centre", "Agentur für Arbeit"),
    ("Ülkü Güneş", "resident", ""),
    ("Lina Haddad", "ngo", "Refugio"),
    ("Bernd Schäfer", "police", "Kontaktbereichsdienst"),
    ("Emine Polat", "migrant_organisation", "Kurdisches Zentrum"),
    ("Tetiana Lysenko", "resident", ""),
    ("Hassan Jaber", "religious_community", "Islamisches Zentrum"),
    ("Ingrid Hoffmann", "administration", "Jugendamt"),
    ("Ali Yıldız", "migrant_organisation", "Bildungsbrücke e.V."),
    ("Salma Khoury", "resident", ""),
    ("Mykola Horbunov", "neighbourhood_council", "Quartiersrat Wedding"),
]
LOCALES = ["de", "de", "tr", "tr", "ar", "uk", "de", "en"]
#: The working group meeting: places, and how many more people than places register
GROUP_PLACES, GROUP_WAITING = 8, 3


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _kickoff(start: datetime) -> Event:
    event = Event(
        kind="kickoff",
        title="Auftaktveranstaltung Lokaler Integrationsplan",
        description="Zwei Tage im Gespräch mit Politik, Verwaltung und Expert*innen: Ihre "
        "Anliegen für die Überarbeitung des Lokalen Integrationsplans.",
        translations={
            "en": {"title": "Kickoff: Local Integration Plan", "description": ""},
            "tr": {"title": "Açılış etkinliği: Yerel Entegrasyon Planı", "description": ""},
        },
        venue="Neues Rathaus, Trammplatz 2, 30159 Hannover",
        accessibility="Stufenloser Zugang, Induktionsschleife im Hodlersaal, Kinderbetreuung.",
        capacity=200,
        questions=["interpreting", "accessibility", "childcare", "dietary"],
        retention_days=180,
    )
    for offset in (0, 1):
        day = start + timedelta(days=offset)
        event.days.append(EventDay(starts_at=_at(day, 10), ends_at=_at(day, 17)))
    for index, title in enumerate(EXPERT_GROUPS):
        slot = index // 3
        event.sessions.append(
            Session(
                title=f"Expert*innengruppe {title}",
                room=f"Raum {101 + index}",
                starts_at=_at(start, 11 + 3 * slot),
                ends_at=_at(start, 13 + 3 * slot),
                capacity=25,
            )
        )
    return event


def _conference(start: datetime) -> Event:
    event = Event(
        kind="conference",
        title="Bezirkliche Integrationskonferenz Mitte",
        description="Austausch über erfolgreiche Ansätze und Vorschläge an das Bezirksamt.",
        venue="Rathaus Tiergarten, Mathilde-Jacob-Platz 1, 10551 Berlin",
        accessibility="Rollstuhlgerecht; Dolmetschen Arabisch und Türkisch auf Anfrage.",
        capacity=120,
        questions=["interpreting", "dietary"],
        retention_days=90,
    )
    event.days.append(EventDay(starts_at=_at(start, 9), ends_at=_at(start, 16)))
    for index, title in enumerate(WORKING_GROUPS):
        event.sessions.append(
            Session(
                title=f"AG {title}",
                room=f"Saal {index + 1}",
                starts_at=_at(start, 11),
                ends_at=_at(start, 13),
                capacity=30,
            )
        )
    return event


def _working_group(start: datetime) -> Event:
    """A small meeting that filled up, so the waiting list has people on it."""
    event = Event(
        kind="other",
        title="AG Sprache und Bildung: Folgetreffen",
        description="Die Arbeitsgruppe der Auftaktveranstaltung trifft sich wieder.",
        venue="Büro für Integration, Besprechungsraum 2, Hannover",
        capacity=GROUP_PLACES,
        questions=["interpreting"],
        retention_days=90,
    )
    event.days.append(EventDay(starts_at=_at(start, 17), ends_at=_at(start, 19)))
    return event


def _assembly(start: datetime) -> Event:
    event = Event(
        kind="election_assembly",
        title="Wahlveranstaltung: MSO-Vertretung in der Lenkungsgruppe",
        description="Wahl der zwei Vertreter*innen der Migrant*innenorganisationen.",
        venue="Neues Rathaus, Hodlersaal, Hannover",
        capacity=80,
        is_invite_only=True,
        allows_walk_ins=False,
        category_codes=["migrant_organisation"],
        retention_days=365,
    )
    # under way now: began within the last hour, so delegates can be checked in and vote
    begins = start.replace(minute=0, second=0, microsecond=0)
    event.days.append(EventDay(starts_at=begins, ends_at=begins + timedelta(hours=4)))
    return event


def _register(event: Event, number: int, now: datetime) -> None:
    name, category, organisation = PEOPLE[number]
    sessions: list[int] = []
    if event.kind == "kickoff":
        sessions = [event.sessions[number % 3].id, event.sessions[3 + number % 3].id]
    elif event.sessions:
        sessions = [event.sessions[(number // 2) % 4].id]
    email = name.split()[0].lower().encode("ascii", "ignore").decode() or "person"
    data = services.RegistrationData(
        name=name,
        email=f"{email}.{number}@example.org",
        organisation_name=organisation,
        category_code=category,
        session_ids=sessions,
        consent=True,
    )
    services.register(event, data, now=now, locale=LOCALES[number % len(LOCALES)])


def seed_events(context: DemoContext) -> None:
    """Four events and about 50 registrations through the real service."""
    categories.ensure_defaults()
    today = utcnow().astimezone(BERLIN)
    kickoff = _kickoff(today + timedelta(days=30))
    conference = _conference(today + timedelta(days=45))
    group = _working_group(today + timedelta(days=20))
    assembly = _assembly(today - timedelta(minutes=30))
    db.session.add_all([kickoff, conference, group, assembly])
    db.session.flush()
    now = utcnow()
    for number in range(len(PEOPLE)):
        _register(kickoff if number % 2 == 0 else conference, number, now)
    for number in range(GROUP_PLACES + GROUP_WAITING):  # the last ones wait for a place
        _register(group, number, now)
    for name, _, organisation in [p for p in PEOPLE if p[1] == "migrant_organisation"][:6]:
        db.session.add(
            Invitation(
                event_id=assembly.id,
                name=name,
                organisation_name=organisation,
                email=f"{name.split()[0].lower().encode('ascii', 'ignore').decode()}@mso.example",
                category_id=categories.by_code("migrant_organisation").id,
                locale="de",
                nonce=secrets.token_urlsafe(24),
                created_at=now,
            )
        )
    db.session.flush()
    context.shared["events"] = {
        "kickoff": kickoff.id,
        "conference": conference.id,
        "working_group": group.id,
        "election_assembly": assembly.id,
    }
