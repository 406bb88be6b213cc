"""Build the audit export (ELECTION.md R11.3, R11.4): everything needed to recount, in one JSON.

Layout (format "teilhabe-election-audit", version 1):
- format, version, canonical_serialisation (how digests are made), lot_algorithm (id, description)
- meta: what the caller adds (event, date, place, software version); not verified
- config, candidates, fingerprint (R0.1); womens_place left out when parity is off and no
  candidate carries it (R8.1)
- withdrawals, acceptances (R2, R7)
- rounds: number, kind, candidates (ballot order), votes_per_ballot, counts (on_roll,
  cards_issued, cast, valid, abstentions, invalid by reason), votes, no_votes (yes/no round),
  ranking, places (finalists or seats, with kind and note), lots, commitment, ballots,
  tracking_codes
- result: status, seats, successions, awaiting_acceptance, next_round
- event_log: entries and head
- voided_rounds (only if any): number and cast of each round voided below the secrecy minimum
  (R0.5); such a round has no entry in rounds, no ballots, no codes and no commitment

Ballots are published without ids, sorted by their canonical JSON; the commitment is computed over
exactly that (R11.2), so it can be recomputed from the export. R11.3 publishes the per-ballot list
only when k = 1: with k > 1 the default export has "ballots": null and the verifier skips the
checks that need ballots; `publish_ballots=True` gives the officials' full export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from voting import grouped, lots
from voting.canonical import DESCRIPTION, canonical, plain
from voting.codec import ranking_data, tally_data
from voting.election import tally_election
from voting.ledger import Entry, Ledger, commitment, fingerprint
from voting.model import Election, RoundInput, VotingError
from voting.results import RoundResult

FORMAT = "teilhabe-election-audit"
VERSION = 1


def build_export(election: Election, log: Ledger | Sequence[Entry], *,
                 publish_ballots: bool | None = None) -> dict[str, Any]:
    """The audit export of an election whose held rounds are decided (no lot undrawn, R4.3)."""
    result = tally_election(election)
    if result.status == "awaiting_lot":
        raise VotingError("lot_undrawn", "draw the required lot before exporting (R4.3)")
    entries = log.entries if isinstance(log, Ledger) else tuple(log)
    rounds = [
        _round(election, held, decided, publish_ballots)
        for held, decided in zip(election.rounds, result.rounds, strict=True)
    ]
    export: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "canonical_serialisation": DESCRIPTION,
        "lot_algorithm": {"id": lots.ALGORITHM, "description": lots.ALGORITHM_DESCRIPTION},
        "meta": dict(election.meta),
        "config": plain(election.config),
        "candidates": public_candidates(election),
        "fingerprint": fingerprint(election.config, election.candidates),
        "withdrawals": plain(election.withdrawals),
        "acceptances": plain(election.acceptances),
        "rounds": rounds,
        "result": {
            "status": result.status,
            "seats": plain(result.seats),
            "successions": plain(result.successions),
            "awaiting_acceptance": list(result.awaiting_acceptance),
            "next_round": plain(result.next_round),
        },
        "event_log": {"entries": plain(entries),
                      "head": entries[-1].digest() if entries else None},
    }
    voided = voided_rounds(entries)
    if voided:  # only then, so exports without a void round keep their layout and digests
        export["voided_rounds"] = voided
    return export


def voided_rounds(entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Rounds closed below the secrecy minimum and held again (R0.5): number and cast only,
    never their ballots, tracking codes or a commitment."""
    return [{"number": e.payload.get("round"), "cast": e.payload.get("cast")}
            for e in entries if e.kind == "round_voided"]


def public_candidates(election: Election) -> list[dict[str, Any]]:
    """The frozen list; the women's-place flag only where it matters (R8.1).

    Without parity the flag decides nothing: the app freezes it as False for everyone and the
    export leaves it out (read back as False, so the fingerprint still verifies). A list frozen
    with a flag set keeps it, because the fingerprint covers it.
    """
    listed = plain(election.candidates)
    if not election.config.parity and not any(c.womens_place for c in election.candidates):
        for candidate in listed:
            candidate.pop("womens_place", None)
    return listed  # type: ignore[no-any-return]


def _round(election: Election, held: RoundInput, decided: RoundResult,
           publish: bool | None) -> dict[str, Any]:
    spec = decided.spec
    if decided.tally.cast < election.config.secrecy_minimum:
        raise VotingError("secrecy", f"round {spec.number}: fewer than "
                          f"{election.config.secrecy_minimum} ballots cast, no results (R0.5)")
    if publish is None:
        publish = spec.kind == "yes_no" or spec.votes_per_ballot == 1
    ballots, committed, codes = _published(spec.number, held)
    counted = tally_data(decided.tally)
    counted["counts"] |= {"on_roll": held.on_roll, "cards_issued": held.cards_issued}
    return {
        "number": spec.number,
        "kind": spec.kind,
        "candidates": list(spec.candidates),
        "votes_per_ballot": spec.votes_per_ballot,
        **counted,
        "ranking": ranking_data(decided.ranking),
        "places": plain(decided.places),
        "lots": plain([lot for lot in election.lots if lot.round == spec.number]),
        "commitment": committed,
        "ballots": ballots if publish else None,
        "tracking_codes": codes,
    }


def _published(number: int, held: RoundInput) -> tuple[list[dict[str, object]], str, list[str]]:
    """The round's contents sorted by canonical JSON, its commitment (R11.2), its sorted codes.

    Identical ballots are serialised once (`voting.grouped`) and share one content dict in the
    list, which keeps a round of a million ballots small; copy it before changing one ballot.
    """
    groups = grouped.round_groups(held)
    if groups is not None:
        sorted_lines = grouped.lines([(b.content(), n) for b, n in groups])
        if sorted_lines is not None:
            codes = _sorted_or_none(held.tracking_codes)
            if codes is not None and (
                    committed := grouped.commitment_of_lines(number, sorted_lines, codes)):
                return grouped.expand(sorted_lines), committed, codes
    return (sorted((b.content() for b in held.ballots), key=canonical),
            commitment(number, held.ballots, held.tracking_codes),
            sorted(held.tracking_codes))


def _sorted_or_none(values: Sequence[str]) -> list[str] | None:
    try:
        return sorted(values)
    except Exception:  # the per-ballot path raises it where it always did
        return None
