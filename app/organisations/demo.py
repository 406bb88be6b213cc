"""Demo data: 30 migrant organisations, all eligible for the MSO election, 12 candidates.

The nomination phase lies in the past: the window closed yesterday, every nomination is
decided and the list is published (alphabetical), so the officials can freeze right away.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.auth.models import User
from app.core.demo import DemoContext
from app.db import utcnow
from app.elections.models import Election
from app.organisations.models import Organisation

ORGANISATIONS = [
    ("Türkischer Elternverein Nordstadt e.V.", "Ayşe Yılmaz", "Türkisch, Deutsch"),
    ("Deutsch-Türkischer Kulturverein Linden e.V.", "Mehmet Demir", "Türkisch, Deutsch"),
    ("Alevitische Gemeinde Hannover e.V.", "Zeynep Aydın", "Türkisch, Kurdisch, Deutsch"),
    ("Arabisches Kulturhaus e.V.", "Samira Haddad", "Arabisch, Deutsch"),
    ("Syrischer Frauenverein Brücke e.V.", "Rasha Al-Khatib", "Arabisch, Deutsch, Englisch"),
    ("Marokkanischer Kultur- und Sportverein e.V.", "Youssef El Amrani", "Arabisch, Französisch"),
    ("Irakischer Akademikerverein e.V.", "Ali Hassan", "Arabisch, Kurdisch, Deutsch"),
    ("Kurdisches Gesellschaftszentrum e.V.", "Rojda Baran", "Kurmancî, Türkisch, Deutsch"),
    ("Ezidisches Kulturforum e.V.", "Dilan Xelîl", "Kurmancî, Deutsch"),
    ("Polnischer Sozialrat Hannover e.V.", "Katarzyna Nowak", "Polnisch, Deutsch"),
    ("Polnische Katholische Mission – Jugendkreis e.V.", "Piotr Wiśniewski", "Polnisch"),
    ("Verein der Russlanddeutschen Heimat e.V.", "Olga Schmidt", "Russisch, Deutsch"),
    (
        "Landsmannschaft der Deutschen aus Russland, Ortsgruppe Hannover e.V.",
        "Viktor Becker",
        "Russisch, Deutsch",
    ),
    ("Ukrainischer Verein Dnipro e.V.", "Oksana Kovalenko", "Ukrainisch, Russisch, Deutsch"),
    ("Ukrainische Initiative Sonnenblume e.V.", "Andrij Melnyk", "Ukrainisch, Deutsch"),
    ("Afrikanischer Dachverband Niedersachsen e.V.", "Kwame Mensah", "Englisch, Französisch, Twi"),
    ("Ghana Union Hannover e.V.", "Abena Owusu", "Englisch, Twi"),
    ("Kamerunischer Kulturverein e.V.", "Jean-Paul Mbarga", "Französisch, Englisch"),
    ("Eritreische Gemeinschaft Hannover e.V.", "Senait Tesfay", "Tigrinya, Arabisch"),
    ("Nigerian Community Hannover e.V.", "Chinedu Okafor", "Englisch, Igbo, Yoruba"),
    ("Vietnamesischer Kulturverein Sen Vàng e.V.", "Nguyễn Thị Lan", "Vietnamesisch, Deutsch"),
    ("Vietnamesische Buddhistische Gemeinde e.V.", "Trần Văn Minh", "Vietnamesisch"),
    ("Griechische Gemeinde Hannover e.V.", "Eleni Papadopoulou", "Griechisch, Deutsch"),
    ("Italienischer Elternverein Insieme e.V.", "Giulia Romano", "Italienisch, Deutsch"),
    ("Spanischer Kulturkreis La Plaza e.V.", "Carmen García", "Spanisch, Deutsch"),
    ("Afghanischer Frauenverein Nawa e.V.", "Mariam Ahmadi", "Dari, Paschtu, Deutsch"),
    ("Iranischer Kulturverein Simorgh e.V.", "Reza Tehrani", "Persisch, Deutsch"),
    ("Bosnisch-Herzegowinischer Kulturverein e.V.", "Amra Hodžić", "Bosnisch, Deutsch"),
    ("Tamilischer Bildungsverein e.V.", "Priya Selvarajah", "Tamil, Deutsch"),
    (
        "Roma Selbstorganisation Amaro Drom Hannover e.V.",
        "Ramiz Berisha",
        "Romanes, Serbisch, Deutsch",
    ),
]
CANDIDATES = [
    ("Ayşe", "Yılmaz", "Elternarbeit und Bildung in der Nordstadt seit 15 Jahren."),
    ("Samira", "Haddad", "Kulturarbeit, Dolmetschen und Beratung für Neuangekommene."),
    ("Rojda", "Baran", "Sozialarbeiterin; Schwerpunkt Teilhabe von Frauen und Jugendlichen."),
    ("Katarzyna", "Nowak", "Beratung zu Arbeit und Aufenthalt, Netzwerk der polnischen Vereine."),
    ("Olga", "Schmidt", "Seniorenarbeit und Sprachkurse für Spätaussiedler*innen."),
    ("Oksana", "Kovalenko", "Hilfe für Geflüchtete aus der Ukraine, Schulbegleitung."),
    ("Kwame", "Mensah", "Vernetzung afrikanischer Vereine, Antirassismusarbeit."),
    ("Lan", "Nguyễn", "Brücke zwischen vietnamesischen Familien und Schulen."),
    ("Mariam", "Ahmadi", "Frauen- und Gesundheitsprojekte, Übersetzerin Dari/Deutsch."),
    ("Ömer", "Çelik", "Jugendarbeit und Sport als Weg zur Teilhabe."),
    ("Ali", "Hassan", "Anerkennung ausländischer Abschlüsse, Mentoring für Akademiker*innen."),
    ("Amra", "Hodžić", "Kulturarbeit und Erinnerung, Zusammenarbeit mit Schulen."),
]
ELECTION_TITLE = "Wahl der MSO-Vertretung in der Lenkungsgruppe"
#: Days before the demo's "now": nominations opened, were made and decided, then closed
OPENED_DAYS, NOMINATED_DAYS, CLOSED_DAYS = 17, 3, 1


def seed_demo(context: DemoContext) -> None:
    """Register the organisations, mark them eligible, name delegates, nominate and confirm."""
    from app.elections import roll, services
    from app.organisations.services import create_organisation

    organiser, official = context.users["organiser"], context.users["official"]
    now = utcnow()
    then = now - timedelta(days=NOMINATED_DAYS)  # inside the nomination window
    organisations = [
        create_organisation(
            {
                "name": name,
                "kind": "mso",
                "contact_person": contact,
                "email": f"kontakt{number}@verein.example",
                "languages": languages,
                "address": f"Musterstraße {number}, 30159 Hannover",
            },
            actor=organiser,
            now=now,
        )
        for number, (name, contact, languages) in enumerate(ORGANISATIONS, start=1)
    ]
    election = services.create_election(
        {
            "title": ELECTION_TITLE,
            "committee_name": "Lenkungsgruppe Lokaler Integrationsplan",
            "seats": 2,
            "finalists": 4,
            "votes_round1": 1,
            "votes_runoff": 1,
            "tie_variant": "lot",
            "parity": False,
            "ballot_order": "alphabetical",
            "allow_replacement": False,
            "nomination_opens_at": now - timedelta(days=OPENED_DAYS),
            "nomination_closes_at": now - timedelta(days=CLOSED_DAYS),
            "acceptance_deadline_days": 3,
        },
        actor=official,
        now=then,
    )
    services.open_nominations(election, actor=official, now=then)
    roll.mark_eligible(election, organisations, reason="Satzung geprüft", actor=organiser, now=then)
    for organisation in organisations:
        entry = roll.roll_entry(election, organisation)
        roll.name_delegate(
            entry,
            name=organisation.contact_person,
            email=organisation.email,
            actor=organiser,
            now=then,
        )
    _nominate(election, organisations, official, then)
    services.publish_candidates(election, actor=official, now=then)
    context.shared["election_id"] = election.id


def _nominate(
    election: Election, organisations: list[Organisation], official: User, now: datetime
) -> None:
    from app.elections import nominations, roll

    chosen = [organisations[i] for i in (0, 3, 7, 9, 11, 13, 15, 20, 25, 1, 6, 27)]
    for organisation, (first, surname, text) in zip(chosen, CANDIDATES, strict=True):
        entry = roll.roll_entry(election, organisation)
        nomination = nominations.nominate(
            entry,
            nominations.Candidate(
                first_name=first,
                surname=surname,
                description=text,
                consent_to_stand=True,
                consent_to_publish=True,
            ),
            actor=None,
            now=now,
        )
        nominations.decide(
            nomination,
            confirm=True,
            reason="Satzung und Zustimmung geprüft",
            actor=official,
            now=now,
        )
