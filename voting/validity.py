"""Ballot records against the round they belong to (ELECTION.md R0.6, R5), and the count (R5.3).

A *record* can be wrong (a mark for a candidate not on this round's ballot, too many marks): that
is a bug or tampering, and `check_ballot` refuses it. An *invalid ballot* is a correct record of a
paper ballot the officials ruled invalid: it is counted as cast, by reason, and gives no votes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from voting import grouped
from voting.model import INVALID_REASONS, Ballot, RoundInput, VotingError, is_ballot_id
from voting.results import RoundSpec, Tally


def ballot_problems(spec: RoundSpec, ballot: Ballot, *, check_id: bool = True) -> list[str]:
    """Everything wrong with this ballot record for this round; empty when it obeys R5/R0.6."""
    problems = []
    if check_id and not is_ballot_id(ballot.id):
        problems.append("id is not 128 bits of lowercase hex (R10.4)")
    if ballot.round != spec.number:
        problems.append(f"belongs to round {ballot.round}, not {spec.number}")
    if ballot.source not in ("device", "paper"):
        problems.append(f"unknown source {ballot.source!r}")
    if ballot.doubtful_no is not None and ballot.source != "paper":
        problems.append("only paper ballots can be doubtful (R5.2)")
    if ballot.status == "invalid":
        problems += _invalid_problems(ballot)
    elif ballot.status in ("valid", "abstention"):
        problems += _content_problems(spec, ballot)
    else:
        problems.append(f"unknown status {ballot.status!r}")
    return problems


def _invalid_problems(ballot: Ballot) -> list[str]:
    problems = []
    if ballot.source == "device":
        problems.append("an electronic ballot cannot be invalid (R5.1)")
    if ballot.reason not in INVALID_REASONS:
        problems.append(f"invalid ballot needs a reason from {INVALID_REASONS} (R5.2)")
    if ballot.marks or ballot.answers:
        problems.append("an invalid ballot records no marks (R5.3)")
    return problems


def _content_problems(spec: RoundSpec, ballot: Ballot) -> list[str]:
    problems = []
    if ballot.reason is not None:
        problems.append("only invalid ballots carry a reason")
    if spec.kind == "yes_no":
        chosen = [c for c, _ in ballot.answers]
        if ballot.marks:
            problems.append("a yes/no ballot answers per candidate, it has no marks (R6.1)")
        if any(a not in ("yes", "no") for _, a in ballot.answers):
            problems.append("answers are 'yes' or 'no'; abstain is a left-out candidate (R6.1)")
    else:
        chosen = list(ballot.marks)
        if ballot.answers:
            problems.append("only a yes/no round has answers (R6.1)")
        if len(chosen) > spec.votes_per_ballot:
            problems.append(f"{len(chosen)} marks, at most {spec.votes_per_ballot} (R5.1, R5.2)")
    if len(set(chosen)) != len(chosen):
        problems.append("at most one vote per candidate (R0.6)")
    if stray := sorted(set(chosen) - set(spec.candidates)):
        problems.append(f"marks candidates not on this round's ballot: {stray}")
    if (ballot.status == "valid") != bool(chosen):
        problems.append("status must be 'valid' exactly when something is marked (R5.2)")
    return problems


def check_ballot(spec: RoundSpec, ballot: Ballot) -> Ballot:
    """Refuse a ballot record that breaks R5/R0.6 for this round; return it otherwise."""
    if problems := ballot_problems(spec, ballot):
        raise VotingError("bad_ballot", "; ".join(problems))
    return ballot


def tally(spec: RoundSpec, ballots: Iterable[Ballot]) -> Tally:
    """Count a round's ballots (R1.3, R5.3, R6.1). Order of ballots never matters."""
    return tally_counted(spec, ((ballot, 1) for ballot in ballots))


def tally_counted(spec: RoundSpec, counted: Iterable[tuple[Ballot, int]]) -> Tally:
    """`tally` of ballots given as (ballot, how many identical ballots), e.g. `voting.grouped`."""
    status: Counter[str] = Counter()
    invalid: Counter[str] = Counter()
    yes: Counter[str] = Counter()
    no: Counter[str] = Counter()
    for ballot, n in counted:
        status[ballot.status] += n
        if ballot.status == "invalid":
            invalid[ballot.reason or ""] += n
        elif ballot.status == "valid":
            for c in ballot.marks:
                yes[c] += n
            for c, a in ballot.answers:
                if a == "yes":
                    yes[c] += n
                elif a == "no":
                    no[c] += n
    return Tally(
        cast=sum(status.values()),
        valid=status["valid"],
        abstentions=status["abstention"],
        invalid=tuple(sorted(invalid.items())),
        votes=tuple((c, yes[c]) for c in spec.candidates),
        no_votes=tuple((c, no[c]) for c in spec.candidates) if spec.kind == "yes_no" else (),
    )


def checked_tally(spec: RoundSpec, held: RoundInput) -> Tally:
    """`check_ballot` every ballot of a round, then `tally` them; each distinct ballot is checked
    and counted once (`voting.grouped`), one by one only when something is wrong, to name it."""
    groups = grouped.round_groups(held)
    if (groups is not None and grouped.round_ids_ok(held)
            and not any(ballot_problems(spec, b, check_id=False) for b, _ in groups)):
        return tally_counted(spec, groups)
    for ballot in held.ballots:
        check_ballot(spec, ballot)
    return tally(spec, held.ballots)
