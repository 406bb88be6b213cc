"""Verify an audit export from the export alone (ELECTION.md R11.4).

Each check has a name and answers PASS, FAIL (with what is wrong) or SKIP (with why it could not
run, e.g. ballots not published when k > 1, R11.3). The rules are recomputed with the same
functions the app uses, from the published tallies; the tallies are recounted from the ballots.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from voting import codec, grouped, lots
from voting.canonical import canonical, plain
from voting.codec import ranking_data
from voting.election import decide_election
from voting.export import FORMAT, VERSION
from voting.ledger import chain_problems, commitment_of, fingerprint
from voting.model import Ballot, Election, VotingError
from voting.results import ElectionResult
from voting.validity import ballot_problems, tally, tally_counted


@dataclass(frozen=True)
class Check:
    """One named verification step and its outcome."""

    name: str
    status: Literal["PASS", "FAIL", "SKIP"]
    message: str = ""


class _Skip(Exception):
    """Raised inside a check that cannot run on this export."""


Data = Mapping[str, Any]


def verify_export(data: Data) -> list[Check]:
    """Run every check of R11.4 over `data` (the parsed export JSON)."""
    checks = [_run("format", lambda: _format(data))]
    try:
        election = _election(data)
    except Exception as exc:  # malformed export: nothing else can be checked
        return [*checks, Check("parse", "FAIL", f"export cannot be read: {exc!r}")]
    checks.append(_run("fingerprint (R0.1)", lambda: _fingerprint(data, election)))
    entries = [codec.entry_from(e) for e in data["event_log"]["entries"]]
    checks.append(_run("event log chain (R11.1)", lambda: _chain(data, entries)))
    checks.append(_run("event log order (R11.1)", lambda: _order(entries)))
    checks.append(_run("event log matches export (R11.1)", lambda: _agree(data, entries)))
    checks.append(_run("ballot order lot (R1.1, R4.1)", lambda: _order_lot(election, entries)))
    recomputed: list[ElectionResult] = []
    checks.append(_run("rules recomputed (R1–R8)", lambda: _recompute(data, election, recomputed)))
    for i, r in enumerate(data["rounds"]):
        n = r["number"]
        p = _Published(r)
        checks += [
            _run(f"round {n} ballots obey R5", lambda r=r, p=p: _ballots(r, p)),
            _run(f"round {n} recount (R5.3)", lambda r=r, p=p: _recount(r, p)),
            _run(f"round {n} reconciliation (R0.5)", lambda r=r: _reconcile(r, election)),
            _run(f"round {n} tracking codes (R10.7)", lambda r=r, p=p: _tracking(r, p)),
            _run(f"round {n} commitment (R11.2)", lambda r=r, p=p: _commitment(r, p)),
            _run(f"round {n} advancement and seats (R1–R3, R6, R8)",
                 lambda r=r, i=i: _round_rules(r, i, recomputed)),
            _run(f"round {n} lots (R4)", lambda r=r: _lots(r)),
        ]
    checks.append(_run("result, acceptance and successors (R3, R6, R7, R8)",
                       lambda: _result(data, recomputed)))
    if "voided_rounds" in data or any(e.kind == "round_voided" for e in entries):
        checks.append(_run("voided rounds (R0.5)", lambda: _voided(data, entries, election)))
    return checks


def _run(name: str, check: Callable[[], str | None]) -> Check:
    try:
        return Check(name, "PASS", check() or "")
    except _Skip as skip:
        return Check(name, "SKIP", str(skip))
    except (AssertionError, VotingError) as failure:
        return Check(name, "FAIL", str(failure))
    except Exception as exc:  # a malformed part of the export fails its check, not the verifier
        return Check(name, "FAIL", f"cannot check: {exc!r}")


def _election(data: Data) -> Election:
    return Election(
        config=codec.config_from(data["config"]),
        candidates=tuple(codec.candidate_from(c) for c in data["candidates"]),
        lots=tuple(codec.lot_from(lot) for r in data["rounds"] for lot in r["lots"]),
        withdrawals=tuple(codec.withdrawal_from(w) for w in data["withdrawals"]),
        acceptances=tuple(codec.acceptance_from(a) for a in data["acceptances"]),
    )


def _format(data: Data) -> None:
    assert data.get("format") == FORMAT, f"format is {data.get('format')!r}, expected {FORMAT}"
    assert data.get("version") == VERSION, f"version {data.get('version')!r} is not {VERSION}"


def _fingerprint(data: Data, election: Election) -> str:
    expected = fingerprint(election.config, election.candidates)
    assert data["fingerprint"] == expected, f"published {data['fingerprint']}, computed {expected}"
    return expected


def _chain(data: Data, entries: list) -> str:
    problems = chain_problems(entries)
    assert not problems, "; ".join(problems)
    head = entries[-1].digest() if entries else None
    assert data["event_log"]["head"] == head, "head is not the digest of the last entry"
    return f"{len(entries)} entries, head {head}"


def _order(entries: list) -> None:
    assert entries and entries[0].kind == "frozen", "the log must start with the freeze (R0.1)"
    at: dict[tuple[str, object], int] = {}
    for e in entries:
        key = (e.kind, e.payload.get("round") or e.payload.get("lot", {}).get("round"))
        at.setdefault(key, e.height)
    for (kind, n), height in at.items():
        opened = at.get(("round_opened", n), -1)
        closed = at.get(("round_closed", n), height)
        if kind == "round_closed":
            assert opened < height, f"round {n} closed before it was opened"
        if kind == "lot_drawn":
            assert closed <= height, f"a lot of round {n} was drawn before the round closed"
        if kind == "round_opened" and isinstance(n, int) and ("round_closed", n - 1) in at:
            assert at[("round_closed", n - 1)] < height, f"round {n} opened before {n - 1} closed"


def _agree(data: Data, entries: list) -> None:
    frozen = [e.payload.get("fingerprint") for e in entries if e.kind == "frozen"]
    assert frozen == [data["fingerprint"]], "the freeze entry does not carry the fingerprint"
    closed = {e.payload.get("round"): e.payload for e in entries if e.kind == "round_closed"}
    for r in data["rounds"]:
        logged = closed.get(r["number"], {})
        assert logged.get("commitment") == r["commitment"], (
            f"round {r['number']}: the logged commitment differs from the export")
        assert logged.get("cast") == r["counts"]["cast"], f"round {r['number']}: cast differs"
    for i, e in enumerate(entries):
        if e.kind == "cards_issued" and not _voided_later(entries, i):
            r = next((r for r in data["rounds"] if r["number"] == e.payload.get("round")), None)
            assert r is None or r["counts"]["cards_issued"] == e.payload.get("count"), (
                f"round {r['number']}: the logged cards issued differ from the export")
    for kind, key, published in (
        ("lot_drawn", "lot", [lot for r in data["rounds"] for lot in r["lots"]]),
        ("withdrawal", "withdrawal", data["withdrawals"]),
        ("acceptance", "acceptance", data["acceptances"]),
    ):
        logged = sorted(canonical(e.payload.get(key)) for e in entries if e.kind == kind)
        assert logged == sorted(canonical(p) for p in published), f"{kind} entries differ"


def _order_lot(election: Election, entries: list) -> str:
    """A lot order of names is logged once and gives the frozen list (digital: from its seed)."""
    logged = [e.payload.get("order_lot") or {} for e in entries if e.kind == "order_lot"]
    if election.config.ballot_order != "lot":
        assert not logged, "an order-of-names lot is logged, but the order is alphabetical"
        return "alphabetical order, no lot"
    assert len(logged) == 1, f"{len(logged)} order-of-names lots logged, expected 1 (R11.1)"
    problem = lots.order_lot_problem(logged[0], [c.id for c in election.candidates])
    assert problem is None, problem
    lot = logged[0]
    if lot.get("method") == "digital":
        return f"{lots.ORDER_ALGORITHM} recomputed from seed {lot.get('seed')!r}"
    return "physical draw, the frozen list is in the drawn order"

def _voided_later(entries: list, i: int) -> bool:
    """Whether the round of entry ``i`` was voided after it (R0.5): the entry is of that try."""
    n = entries[i].payload.get("round")
    return any(e.kind == "round_voided" and e.payload.get("round") == n for e in entries[i:])


def _voided(data: Data, entries: list, election: Election) -> str:
    """A void round (R0.5) had too few ballots, was opened before, and if held again, was
    opened again before it closed; the export lists exactly the logged ones."""
    logged = [{"number": e.payload.get("round"), "cast": e.payload.get("cast")}
              for e in entries if e.kind == "round_voided"]
    assert list(data.get("voided_rounds", [])) == logged, "voided rounds differ from the log"
    minimum = election.config.secrecy_minimum
    steps = ("round_opened", "round_closed", "round_voided")
    for i, e in enumerate(entries):
        if e.kind != "round_voided":
            continue
        n, cast = e.payload.get("round"), e.payload.get("cast")
        assert isinstance(cast, int) and 0 <= cast < minimum, (
            f"round {n} was voided with {cast} ballots, not fewer than {minimum}: its result "
            "was withheld (R0.5)")
        before = [x.kind for x in entries[:i] if x.kind in steps and x.payload.get("round") == n]
        assert before and before[-1] == "round_opened", f"round {n} was voided while not open"
        after = [x.kind for x in entries[i + 1:] if x.kind in steps and x.payload.get("round") == n]
        assert not after or after[0] == "round_opened", (
            f"round {n} closed again after its void without being opened again")
    return f"{len(logged)} voided round(s)"


def _recompute(data: Data, election: Election, out: list[ElectionResult]) -> None:
    tallies = [codec.tally_from(r) for r in data["rounds"]]
    out.append(decide_election(election.config, election.candidates, tallies, election.lots,
                               election.withdrawals, election.acceptances))


def _published_ballots(r: Data) -> list:
    if r["ballots"] is None:
        raise _Skip("ballots not published (k > 1, ELECTION.md R11.3)")
    return [codec.ballot_from(b, i) for i, b in enumerate(r["ballots"])]


class _Published:
    """A round's published ballots grouped once for all its checks (`voting.grouped`).

    `groups()` raises like `_published_ballots`, and gives (content, ballot, count) per distinct
    ballot, or None when the checks must read the ballots one by one instead.
    """

    def __init__(self, r: Data) -> None:
        self.r = r
        self._groups: list[tuple[dict[str, Any], Ballot, int]] | None = None
        self._done = False

    def groups(self) -> list[tuple[dict[str, Any], Ballot, int]] | None:
        if self.r["ballots"] is None:
            raise _Skip("ballots not published (k > 1, ELECTION.md R11.3)")
        if not self._done:
            self._done = True
            contents = grouped.content_groups(self.r["ballots"])
            try:
                self._groups = None if contents is None else [
                    (c, codec.ballot_from(c, 0), n) for c, n in contents]
            except Exception:  # a malformed ballot: the per-ballot code says which and why
                self._groups = None
        return self._groups

    def total(self) -> int:
        return sum(n for _, _, n in self.groups() or ())


def _ballots(r: Data, seen: _Published) -> str:
    spec = codec.spec_from(r)
    groups = seen.groups()
    if groups is not None and not any(ballot_problems(spec, b, check_id=False)
                                      for _, b, _ in groups):
        return f"{seen.total()} ballots"
    ballots = _published_ballots(r)
    bad = [f"#{i}: {'; '.join(p)}" for i, b in enumerate(ballots)
           if (p := ballot_problems(spec, b, check_id=False))]
    assert not bad, " | ".join(bad[:5])
    return f"{len(ballots)} ballots"


def _recount(r: Data, seen: _Published) -> None:
    spec = codec.spec_from(r)
    groups = seen.groups()
    counted = plain(tally(spec, _published_ballots(r)) if groups is None else
                    tally_counted(spec, ((b, n) for _, b, n in groups)))
    published = plain(codec.tally_from(r))
    wrong = [f"{k}: recount {counted[k]}, published {published[k]}"
             for k in counted if counted[k] != published[k]]
    assert not wrong, "; ".join(wrong)


def _reconcile(r: Data, election: Election) -> None:
    c, cfg = r["counts"], election.config
    assert c["cast"] == c["valid"] + c["abstentions"] + sum(c["invalid"].values()), (
        "cast is not valid + abstentions + invalid")
    assert c["cast"] <= c["cards_issued"] <= c["on_roll"], (
        f"cast {c['cast']} ≤ cards issued {c['cards_issued']} ≤ on roll {c['on_roll']} fails")
    assert c["cards_issued"] >= cfg.min_cards_to_open, "round opened with too few cards (R0.5)"
    assert c["cast"] >= cfg.secrecy_minimum, "results shown below the secrecy minimum (R0.5)"


def _tracking(r: Data, seen: _Published) -> None:
    codes = r["tracking_codes"]
    assert len(set(codes)) == len(codes), "duplicate tracking codes"
    assert codes == sorted(codes), "tracking codes are not sorted"
    groups = seen.groups()
    device = (sum(1 for b in _published_ballots(r) if b.source == "device") if groups is None
              else sum(n for _, b, n in groups if b.source == "device"))
    assert len(codes) == device, f"{len(codes)} tracking codes for {device} device ballots"


def _commitment(r: Data, seen: _Published) -> None:
    groups = seen.groups()
    computed = None if groups is None else grouped.commitment(
        r["number"], [(c, n) for c, _, n in groups], r["tracking_codes"])
    if computed is None:
        _published_ballots(r)
        computed = commitment_of(r["number"], r["ballots"], r["tracking_codes"])
    assert computed == r["commitment"], f"published {r['commitment']}, computed {computed}"


def _recomputed(recomputed: list[ElectionResult]) -> ElectionResult:
    if not recomputed:
        raise AssertionError("the rules could not be recomputed (see that check)")
    return recomputed[0]


def _round_rules(r: Data, i: int, recomputed: list[ElectionResult]) -> None:
    rounds = _recomputed(recomputed).rounds
    assert i < len(rounds), f"round {r['number']} was not due under the frozen rules"
    mine = rounds[i]
    assert plain(mine.spec) == {k: r[k] for k in ("number", "kind", "candidates",
                                                  "votes_per_ballot")}, (
        f"ballot should list {list(mine.spec.candidates)} in a {mine.spec.kind} round")
    assert ranking_data(mine.ranking) == r["ranking"], "ranking differs from the votes"
    assert plain(mine.places) == r["places"], f"should be {plain(mine.places)}"


def _lots(r: Data) -> str:
    n = r["number"]
    records = [codec.lot_from(lot) for lot in r["lots"]]
    for lot in records:
        assert lot.round == n, f"a lot of round {lot.round} is filed under round {n}"
        problem = lots.recompute_problem(lot)
        assert problem is None, problem
    return f"{len(records)} lot(s); ties and lots matched in the rules check"


def _result(data: Data, recomputed: list[ElectionResult]) -> None:
    mine = _recomputed(recomputed)
    assert mine.pending is None, f"a required lot is missing: {plain(mine.pending)} (R4.3)"
    expected = {
        "status": mine.status,
        "seats": plain(mine.seats),
        "successions": plain(mine.successions),
        "awaiting_acceptance": list(mine.awaiting_acceptance),
        "next_round": plain(mine.next_round),
    }
    assert expected == data["result"], f"should be {expected}"
