"""The Wahlniederschrift carries every R11.5 item and the numbers the count produced."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from app.documents import protocol_pdf
from app.documents.data import (
    Acceptance,
    CandidateResult,
    LotRecord,
    Outcome,
    ProtocolData,
    Remark,
    RoundProtocol,
    SeatType,
    Successor,
    Withdrawal,
)
from tests.documents.conftest import ARABIC, CYRILLIC, GERMAN, NAMES, TURKISH

FP = "3f2a9c1b77d012ef" + "0123456789abcdef" * 3
COMMIT1 = "c1" * 32
COMMIT2 = "d2" * 32
OTHERS = [
    "Kemal Arslan",
    "Maria Kowalska",
    "Nguyễn Văn An",
    "Ioana Popescu",
    "Samuel Mensah",
    "Elif Demir",
    "Rosa Martínez",
    "Giorgos Papadopoulos",
]
ROUND1_VOTES = [6, 4, 3, 2, 2, 2, 1, 1, 1, 1, 1, 0]  # 24 votes = 26 valid − 2 abstentions
CANDIDATES = [NAMES[1], NAMES[0], NAMES[3], NAMES[2], *OTHERS]


def t(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, 20, hour, minute)


def round1() -> RoundProtocol:
    outcomes = [Outcome.ADVANCED] * 4 + [Outcome.NONE] * 8
    results = tuple(
        CandidateResult(
            rank=i + 1 if v != 2 else 4, name=n, organisation=f"Org {n}", votes=v, outcome=o
        )
        for i, (n, v, o) in enumerate(zip(CANDIDATES, ROUND1_VOTES, outcomes, strict=True))
    )
    lot = LotRecord(
        reason="Platz 4 (letzter Platz der Stichwahl)",
        tied=((CYRILLIC, 2), (OTHERS[0], 2), (OTHERS[1], 2)),
        drawn_by="Petra Schulz",
        witnesses=("Ali Kaya", "Jana Novak"),
        drawn_at=t(11, 5),
        outcome=(CYRILLIC, OTHERS[1], OTHERS[0]),
        seed="4-2-6-1-3-5",
        algorithm="sha256-shuffle-v1",
    )
    return RoundProtocol(
        number=1,
        name="Erster Wahlgang",
        votes_allowed=1,
        opened_at=t(10),
        closed_at=t(10, 45),
        entitled=30,
        cards_issued=28,
        cast=27,
        cast_device=20,
        cast_paper=7,
        valid=26,
        abstentions=2,
        invalid_by_reason=(("mehr als k Kreuze", 1),),
        results=results,
        lots=(lot,),
        reconciliation_note="Ein Delegierter hat die Versammlung vorher verlassen.",
        commitment=COMMIT1,
        tracking_codes=20,
        doubtful=(Remark("Stimmzettel Nr. 1: Kreuz zwischen zwei Kästchen, ungültig"),),
    )


def runoff() -> RoundProtocol:
    results = (
        CandidateResult(1, TURKISH, f"Org {TURKISH}", 11, Outcome.ELECTED, SeatType.WOMEN),
        CandidateResult(2, GERMAN, f"Org {GERMAN}", 8, Outcome.ELECTED, SeatType.OPEN),
        CandidateResult(3, CYRILLIC, f"Org {CYRILLIC}", 5, Outcome.NOT_ELECTED),
    )
    return RoundProtocol(
        number=2,
        name="Stichwahl",
        votes_allowed=1,
        opened_at=t(11, 30),
        closed_at=t(12, 10),
        entitled=30,
        cards_issued=28,
        cast=25,
        cast_device=21,
        cast_paper=4,
        valid=25,
        abstentions=1,
        results=results,
        commitment=COMMIT2,
        tracking_codes=21,
        reconciliation_note="Drei Delegierte haben nicht abgestimmt.",
        withdrawals=(Withdrawal(ARABIC, f"Org {ARABIC}", t(11, 20), "persönliche Gründe"),),
        notes=("Der Frauenplatz wurde mit der bestplatzierten Kandidatin besetzt.",),
    )


def make_protocol() -> ProtocolData:
    return ProtocolData(
        election_name="Wahl der MSO-Vertretung 2026",
        committee="Lenkungsgruppe Integration",
        event_title="Wahlveranstaltung der Migrant*innenorganisationen",
        event_date=t(10),
        place="Neues Rathaus, Ratssaal",
        rules_version="ELECTION.md 2026-11",
        config_fingerprint=FP,
        software_version="teilhabe 1.4.0 (abc1234)",
        seats=2,
        returning_officer="Petra Schulz",
        assessors=("Ali Kaya", "Jana Novak"),
        recorder="Tom Becker",
        rounds=(round1(), runoff()),
        config_lines=("S = 2, F = 4, k1 = 1, k2 = 1", "Parität: ein"),
        acceptances=(
            Acceptance(TURKISH, f"Org {TURKISH}", "accepted", t(12, 20), SeatType.WOMEN),
            Acceptance(GERMAN, f"Org {GERMAN}", "declined", t(12, 25), SeatType.OPEN),
        ),
        successors=(Successor(1, CYRILLIC, f"Org {CYRILLIC}", 5, replaces=GERMAN),),
        objections=(Remark("Einspruch gegen die Zulassung von Org X", t(12, 30), "Org Y"),),
        incidents=(Remark("Stromausfall 10:20–10:25, Tablet neu gestartet", t(10, 25)),),
        event_log_head="e3" * 32,
        generated_at=t(13),
    )


@pytest.fixture
def protocol() -> ProtocolData:
    return make_protocol()


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_protocol_has_every_r11_5_item(render, protocol):
    pdf = render(protocol_pdf(protocol))
    flat = pdf.flat()
    for item in (
        "Election protocol",
        "Wahl der MSO-Vertretung 2026",
        "Lenkungsgruppe Integration",
        "Wahlveranstaltung der Migrant*innenorganisationen",
        "Samstag, 20. Juni 2026",
        "Neues Rathaus, Ratssaal",
        "ELECTION.md 2026-11",
        FP,
        "teilhabe 1.4.0 (abc1234)",
        "Petra Schulz",
        "Ali Kaya, Jana Novak",
        "Tom Becker",
        "e3" * 32,
        "S = 2, F = 4, k1 = 1, k2 = 1",
        "Round 1: Erster Wahlgang",
        "Round 2: Stichwahl",
        "20.06.2026 10:45",
        "20.06.2026 11:30",
        COMMIT1,
        COMMIT2,
        "Ballots cast ≤ voting cards issued: 27 ≤ 28, fulfilled",
        "Ballots cast ≤ voting cards issued: 25 ≤ 28, fulfilled",
        "Difference: 1 voting cards issued but not used",
        "Ein Delegierter hat die Versammlung vorher verlassen.",
        "Tracking codes published: 20 (ballots on devices: 20)",
        "Stimmzettel Nr. 1: Kreuz zwischen zwei Kästchen, ungültig",
        "Der Frauenplatz wurde mit der bestplatzierten Kandidatin besetzt.",
        "persönliche Gründe",
        "Einspruch gegen die Zulassung von Org X",
        "Stromausfall 10:20–10:25",
        "Returning officer: Petra Schulz",
        "Assessor: Ali Kaya",
        "Assessor: Jana Novak",
        "Recorder: Tom Becker",
    ):
        assert item in flat, item
    for name in NAMES:
        assert name in flat


def test_protocol_counts_and_votes(render, protocol):
    text = render(protocol_pdf(protocol)).text(layout=True)
    counts = [
        ("Entitled to vote (on the roll)", 30),
        ("Voting cards issued", 28),
        ("Ballots cast", 27),
        ("of which on devices", 20),
        ("of which on paper", 7),
        ("Valid ballots", 26),
        ("of which abstentions", 2),
        ("Invalid ballots", 1),
        ("invalid: mehr als k Kreuze", 1),
    ]
    for label, number in counts:
        assert re.search(rf"{re.escape(label)}\s+{number}\b", text), label
    # votes per candidate in rank order (round 1 comes first in the text)
    positions = [text.index(line_with(text, f"Org {n}")) for n in CANDIDATES]
    assert positions == sorted(positions)
    for name, votes in zip(CANDIDATES, ROUND1_VOTES, strict=True):
        assert re.search(rf"\s{votes}(\s|$)", line_with(text, f"Org {name}")), name
    assert "advances to the runoff" in line_with(text, f"Org {NAMES[1]}")
    runoff_rows = text[text.index("Round 2: Stichwahl") :]
    assert re.search(r"\s11\s+elected \(women's seat\)", line_with(runoff_rows, f"Org {TURKISH}"))
    assert re.search(r"\s8\s+elected \(open seat\)", line_with(runoff_rows, f"Org {GERMAN}"))


def test_protocol_records_the_lot(render, protocol):
    flat = render(protocol_pdf(protocol)).flat()
    for item in (
        "Platz 4 (letzter Platz der Stichwahl)",
        f"{CYRILLIC}: 2 votes",
        "Kemal Arslan: 2 votes",
        "digital (seed from a public act)",
        "11:05",
        f"1. {CYRILLIC}; 2. Maria Kowalska; 3. Kemal Arslan",
        "4-2-6-1-3-5",
        "sha256-shuffle-v1",
        "accepted",
        "declined",
        "Took the seat of",
    ):
        assert item in flat, item


def test_protocol_pages_are_numbered(render, protocol):
    pdf = render(protocol_pdf(protocol))
    total = len(pdf.pages)
    assert total >= 2
    for page in range(1, total + 1):
        assert f"Page {page} of {total}" in pdf.page_text(page)
        assert "3f2a 9c1b 77d0 12ef" in pdf.page_text(page)


def test_reconciliation_failure_is_visible(render, protocol):
    from dataclasses import replace

    bad = replace(protocol, rounds=(replace(round1(), cast=29, valid=28),))
    flat = render(protocol_pdf(bad)).flat()
    assert "29 ≤ 28, NOT FULFILLED" in flat
    assert "Difference: 1 more ballots than voting cards." in flat


def test_empty_aftermath_says_none(render, protocol):
    from dataclasses import replace

    bare = replace(
        protocol,
        acceptances=(),
        successors=(),
        objections=(),
        incidents=(),
        rounds=(replace(runoff(), withdrawals=()),),
    )
    assert render(protocol_pdf(bare)).flat().count("None.") >= 6
