"""Plain input data for the documents: no ORM objects, so views, CLI and tests build them alike.

Datetimes may be naive (taken as local wall-clock time) or aware (shown in Europe/Berlin).
Texts are printed as given; labels that the caller owns (category names, round names) arrive
already translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


# --- Events, tickets, badges, attendance -------------------------------------------------


@dataclass(frozen=True)
class EventDay:
    """One day of an event with its times."""

    #: When the day's programme starts
    starts_at: datetime
    #: When it ends (same day)
    ends_at: datetime


@dataclass(frozen=True)
class EventInfo:
    """What every event document prints in its header."""

    #: The event's title, e.g. "Integrationskonferenz 2026"
    title: str
    #: The kind, translated by the caller, e.g. "Auftaktveranstaltung"
    kind_label: str
    #: The event's days in order; kickoffs may span several
    days: tuple[EventDay, ...]
    #: Venue name and address; may contain line breaks
    venue: str
    #: Main room, if the event has one
    room: str = ""


@dataclass(frozen=True)
class SessionSlot:
    """A session (working group, workshop) the attendee booked."""

    #: The session's title
    title: str
    #: Where it takes place
    room: str
    #: Start of its time slot
    starts_at: datetime
    #: End of its time slot, if known
    ends_at: datetime | None = None


@dataclass(frozen=True)
class TicketData:
    """One attendee's ticket."""

    event: EventInfo
    #: The attendee's name as registered
    attendee_name: str
    #: Organisation, empty for private persons
    organisation: str
    #: Participant category, translated, e.g. "Migrant*innenorganisation"
    category: str
    #: Booked sessions in time order
    sessions: tuple[SessionSlot, ...]
    #: The signed ticket token; uppercase alphanumeric so the QR stays compact
    qr_payload: str
    #: Notes for the attendee (e.g. "Bitte Ausweis mitbringen"); may be empty
    notes: str = ""


@dataclass(frozen=True)
class BadgeData:
    """One name badge."""

    #: Name printed large
    name: str
    #: Organisation line, may be empty
    organisation: str
    #: Participant category shown in the colour band
    category: str
    #: The category's colour as "#RRGGBB"
    category_colour: str
    #: The ticket token, so a badge can be scanned at session doors
    qr_payload: str
    #: Small event line at the foot, may be empty
    event_title: str = ""

    def __post_init__(self) -> None:
        if not _HEX_COLOUR.fullmatch(self.category_colour):
            raise ValueError(f"category_colour must be #RRGGBB, got {self.category_colour!r}")


@dataclass(frozen=True)
class AttendanceRow:
    """One person on an attendance list."""

    name: str
    organisation: str
    category: str
    #: First check-in at this event or session, None when not (yet) arrived
    checked_in_at: datetime | None = None


# --- Election: cards, ballots, candidates ------------------------------------------------


@dataclass(frozen=True)
class VotingCardData:
    """One voting card (ELECTION.md R10.1); not linked to any organisation."""

    #: The secret token as issued (printed in groups of four)
    token: str
    #: What the QR carries, e.g. the ballot URL with the token
    qr_payload: str
    #: The election's name
    election_name: str
    #: Configuration fingerprint (SHA-256 hex, R0.1); the card shows its start
    fingerprint: str
    #: Names of the rounds this card is valid for, e.g. ("Erster Wahlgang", "Stichwahl")
    round_names: tuple[str, ...]


@dataclass(frozen=True)
class BallotCandidate:
    """A line on a ballot paper or the candidate list."""

    name: str
    organisation: str


@dataclass(frozen=True)
class BallotPaperData:
    """The paper ballot of one round (R10.8): identical copies, no serial numbers."""

    election_name: str
    #: 1 for the first round, 2 for the runoff, …
    round_number: int
    #: The round's name, e.g. "Stichwahl"
    round_name: str
    #: Configuration fingerprint (R0.1), printed so officials can tell the official ballot
    fingerprint: str
    #: Candidates in the published order (R1.1, R3.1)
    candidates: tuple[BallotCandidate, ...]
    #: Votes per ballot in this round (k1 or k2)
    votes_allowed: int
    #: Frozen configuration, one line each (R0: printed on every ballot paper)
    config_lines: tuple[str, ...] = ()
    #: R6.1 round: yes / no / abstain per candidate instead of crosses
    yes_no: bool = False


@dataclass(frozen=True)
class CandidateListEntry:
    """One candidate on the published list."""

    name: str
    organisation: str
    #: The candidate's self-description
    description: str
    #: Re-encoded JPEG or PNG photo, None when there is none
    photo: bytes | None = None
    #: Optional translations of the description as (language name, text), printed below it
    translations: tuple[tuple[str, str], ...] = ()


# --- Election: the protocol (R11.5) ------------------------------------------------------


class Outcome(StrEnum):
    """What a round meant for a candidate."""

    NONE = ""
    ADVANCED = "advanced"  # finalist after round 1 (R1.4)
    ELECTED = "elected"  # seat won (R3.2, R6.1)
    NOT_ELECTED = "not_elected"
    WITHDRAWN = "withdrawn"  # R2


class SeatType(StrEnum):
    """Seat or finalist place type under parity (R8); NONE without parity."""

    NONE = ""
    WOMEN = "women"
    OPEN = "open"


@dataclass(frozen=True)
class CandidateResult:
    """A candidate's line in a round's result, given in rank order."""

    #: Rank as the voting package computed it; equal votes may share a rank before a lot
    rank: int
    name: str
    organisation: str
    #: Votes received (yes votes in an R6 round)
    votes: int
    outcome: Outcome = Outcome.NONE
    seat_type: SeatType = SeatType.NONE
    #: No votes in an R6 yes/no round, else None
    no_votes: int | None = None


@dataclass(frozen=True)
class LotRecord:
    """A drawing of lots (R4.2)."""

    #: Which places were drawn, e.g. "Platz 4 (letzter Platz der Stichwahl)"
    reason: str
    #: Tied candidates with their votes
    tied: tuple[tuple[str, int], ...]
    #: Who drew (the returning officer)
    drawn_by: str
    witnesses: tuple[str, ...]
    drawn_at: datetime
    #: Names in the order they were drawn
    outcome: tuple[str, ...]
    #: Digital lot (R4.1): the publicly produced seed, else empty
    seed: str = ""
    #: Digital lot: the algorithm id, e.g. "sha256-shuffle-v1", else empty
    algorithm: str = ""


@dataclass(frozen=True)
class Withdrawal:
    """A withdrawal (R2) recorded before or between rounds."""

    name: str
    organisation: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class Remark:
    """A dated free-text entry: an objection, an incident, a correction, a doubtful ballot."""

    text: str
    at: datetime | None = None
    #: Who raised or recorded it
    by: str = ""


@dataclass(frozen=True)
class RoundProtocol:
    """Everything R11.5 asks for about one round."""

    number: int
    name: str
    votes_allowed: int
    opened_at: datetime
    closed_at: datetime
    #: Organisations on the roll (entitled to vote)
    entitled: int
    cards_issued: int
    #: Ballots cast, all sources
    cast: int
    valid: int
    abstentions: int
    #: Results in rank order
    results: tuple[CandidateResult, ...]
    #: Ballots cast on devices / keyed in from paper (R10.8: the protocol reconciles each)
    cast_device: int = 0
    cast_paper: int = 0
    #: Invalid ballots per reason, e.g. (("more than k marks", 1),)
    invalid_by_reason: tuple[tuple[str, int], ...] = ()
    lots: tuple[LotRecord, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    #: Explanation when cards issued and ballots cast differ (R11.5 reconciliation)
    reconciliation_note: str = ""
    #: Round commitment, SHA-256 hex (R11.2)
    commitment: str = ""
    #: Number of published tracking codes (R10.7; equals device ballots)
    tracking_codes: int | None = None
    #: Seats left vacant after this round (R3.2, R6.2)
    vacant_seats: int = 0
    #: Doubtful paper ballots decided by the officials, numbered with reason (R5.2)
    doubtful: tuple[Remark, ...] = ()
    #: Counting corrections with their reasons (R9)
    corrections: tuple[Remark, ...] = ()
    #: Further statements, e.g. how unused reserved places were filled (R8.4)
    notes: tuple[str, ...] = ()
    #: R6.1 round: results are yes / no per candidate
    yes_no: bool = False

    @property
    def invalid(self) -> int:
        """Total invalid ballots."""
        return sum(n for _, n in self.invalid_by_reason)


@dataclass(frozen=True)
class Acceptance:
    """An elected candidate's declaration (R7.1)."""

    name: str
    organisation: str
    #: "accepted", "declined", "deadline_missed" (counts as declined, R7.1) or "pending"
    decision: str
    declared_at: datetime | None = None
    seat_type: SeatType = SeatType.NONE


@dataclass(frozen=True)
class Successor:
    """A successor in runoff rank order (R7.2), or one who took a declined seat."""

    position: int
    name: str
    organisation: str
    votes: int
    #: Whose seat the successor took, empty while only on the list
    replaces: str = ""


@dataclass(frozen=True)
class ProtocolData:
    """The Wahlniederschrift (R11.5)."""

    election_name: str
    #: The body the seats belong to, e.g. "Lenkungsgruppe Integration"
    committee: str
    event_title: str
    event_date: datetime
    #: Venue and room
    place: str
    #: Version of the rule set, e.g. "ELECTION.md 2026-11"
    rules_version: str
    #: Configuration fingerprint, SHA-256 hex (R0.1)
    config_fingerprint: str
    software_version: str
    #: Seats to fill (S)
    seats: int
    returning_officer: str
    assessors: tuple[str, ...]
    recorder: str
    rounds: tuple[RoundProtocol, ...]
    #: Frozen configuration, one line each
    config_lines: tuple[str, ...] = ()
    acceptances: tuple[Acceptance, ...] = ()
    successors: tuple[Successor, ...] = ()
    objections: tuple[Remark, ...] = ()
    incidents: tuple[Remark, ...] = ()
    #: Seats still vacant at the end and the by-election opened for them, if any (R6.2)
    vacancy_note: str = ""
    #: The election whose vacant seats this by-election fills (R6.2)
    by_election_of: str = ""
    #: SHA-256 of the last event-log entry (R11.1), empty if not available
    event_log_head: str = ""
    #: When the PDF was produced (printed; the PDF itself is reproducible)
    generated_at: datetime | None = None
    #: Substitute delegates approved by the officials (R0.2)
    substitutes: tuple[Remark, ...] = ()
    #: The drawing of lots for the order of names on the ballot (R1.1, R4.2), if any
    order_lot: LotRecord | None = None
    #: "Delegate present" overrides of the check-in, with their reasons (R0.3)
    presence_overrides: tuple[Remark, ...] = ()
