"""The MSO election domain (ELECTION.md R0–R11) in plain Python; see voting/README.md."""

from voting.audit import Check, verify_export
from voting.election import decide_election, tally_election
from voting.export import build_export
from voting.grouped import GroupedBallots
from voting.ledger import Ledger, commitment, fingerprint
from voting.lots import draw_digital, record_physical
from voting.model import (
    INVALID_REASONS,
    Acceptance,
    Ballot,
    Candidate,
    Config,
    Election,
    LotRecord,
    LotRequest,
    RoundInput,
    VotingError,
    Withdrawal,
)
from voting.results import ElectionResult, Place, RoundResult, RoundSpec, Tally
from voting.rules import first_round, next_round
from voting.validity import ballot_problems, check_ballot

__all__ = [
    "INVALID_REASONS", "Acceptance", "Ballot", "Candidate", "Check", "Config", "Election",
    "ElectionResult", "GroupedBallots", "Ledger", "LotRecord", "LotRequest", "Place", "RoundInput",
    "RoundResult", "RoundSpec", "Tally", "VotingError", "Withdrawal", "ballot_problems",
    "build_export", "check_ballot", "commitment", "decide_election", "draw_digital", "fingerprint",
    "first_round", "next_round", "record_physical", "tally_election", "verify_export",
]
