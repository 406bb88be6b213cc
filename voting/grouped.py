"""Identical ballots handled once, so a round of a million ballots costs one pass over them.

A round has few distinct ballot contents however many ballots are cast: with k = 1 at most one per
candidate plus abstentions, invalid reasons and paper variants. Here ballots are grouped by their
exact content; each distinct content is then checked (`ballot_problems`), counted (`tally`) and
serialised (`Ballot.content`, `canonical`) once, by the ordinary functions, and weighted by how
often it occurs. So what a group yields is, by construction, what the per-ballot code yields for
each of its ballots, and the commitment hashes exactly the bytes it always hashed.

Grouping must never merge ballots whose canonical JSON differs, and Python calls 1, 1.0 and True
equal where JSON does not. So published contents (dicts) are keyed by `marshal.dumps(values, 0)`,
which writes the type of every value and refuses anything but plain builtins; Ballot records are
keyed by their fields but id, after checking that every group holds only str, None, int (never
bool) and tuples of str, and that a field holding an int anywhere holds no bool or float anywhere.
Whenever that cannot be vouched for, these functions return None and the caller runs the
per-ballot code, which is also what names bad ballots by number.
"""

from __future__ import annotations

import hashlib
import marshal
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any

from voting.canonical import canonical, canonical_plain
from voting.collector import paused_gc
from voting.model import Ballot, RoundInput

#: A ballot's content is every field but its id (`Ballot.content`); the tests hold the two equal
FIELDS = tuple(f.name for f in fields(Ballot) if f.name != "id")
_key = attrgetter(*FIELDS)
_NO_ID = "0" * 32
_HEX = b"0123456789abcdef"
#: Bytes handed to SHA-256 per update when a line repeats many times
_CHUNK = 1 << 20

Groups = list[tuple[Any, int]]  # (a representative: Ballot or content dict, how many)


def ballot_groups(ballots: Sequence[Ballot]) -> list[tuple[Ballot, int]] | None:
    """The distinct ballots (all fields but the id) of `ballots` and how often each occurs."""
    if isinstance(ballots, GroupedBallots):
        return ballots.groups()
    if not isinstance(ballots, list | tuple):
        return None
    if not ballots:
        return []
    if set(map(type, ballots)) != {Ballot}:
        return None  # a subclass may publish differently
    try:
        counts = Counter(map(_key, ballots))
    except TypeError:  # an unhashable field value
        return None
    return _checked(counts, ballots)


def _checked(counts: Counter[tuple[Any, ...]],
             ballots: Iterable[Ballot]) -> list[tuple[Ballot, int]] | None:
    """`counts` (content key: how many) as groups, or None if grouping may merge what JSON tells
    apart; `ballots` holds every distinct field value (all ballots, or one per stored group)."""
    int_fields: set[int] = set()
    groups = []
    for key, n in counts.items():
        for i, value in enumerate(key):
            if type(value) is int:
                int_fields.add(i)
            elif not (value is None or type(value) is str or _str_tuple(value)):
                return None
        try:
            rep = Ballot(_NO_ID, **dict(zip(FIELDS, key, strict=True)))
        except Exception:
            return None
        if _key(rep) != key:
            return None  # construction changes a field: leave these ballots to the generic code
        groups.append((rep, n))
    for i in int_fields:  # 1 == 1.0 == True: no bool or float may share a group with an int
        if not set(map(type, map(attrgetter(FIELDS[i]), ballots))) <= {int, str, type(None)}:
            return None
    return groups


class GroupedBallots(Sequence[Ballot]):
    """A round's ballots as stored: each distinct ballot once, with the ids of all that hold it.

    The app reads a round of a million ballots from the database as a dozen such groups. As a
    sequence it is the ballots sorted by id (R10.4), made on first use; counting, committing and
    exporting read the groups (`round_groups`, `round_ids_ok`) and never make a million ballots.
    """

    __slots__ = ("_stored", "_size", "_ballots", "_groups")

    def __init__(self, stored: Iterable[tuple[Ballot, Sequence[str]]]) -> None:
        """`stored`: (a ballot, the ids of all ballots equal to it but for the id), any order."""
        self._stored = tuple((ballot, tuple(ids)) for ballot, ids in stored if ids)
        if any(type(ballot) is not Ballot for ballot, _ in self._stored):
            raise TypeError("GroupedBallots holds Ballot records only")
        self._size = sum(len(ids) for _, ids in self._stored)
        self._ballots: tuple[Ballot, ...] | None = None
        self._groups: list[tuple[Ballot, int]] | None | bool = False

    def groups(self) -> list[tuple[Ballot, int]] | None:
        """`ballot_groups` of these ballots, from the stored groups (computed once)."""
        if self._groups is False:
            counts: Counter[tuple[Any, ...]] = Counter()
            try:
                for ballot, ids in self._stored:
                    counts[_key(ballot)] += len(ids)
            except TypeError:  # an unhashable field value
                self._groups = None
            else:
                self._groups = _checked(counts, (ballot for ballot, _ in self._stored))
        return self._groups  # type: ignore[return-value]

    def counts(self) -> list[tuple[Ballot, int]]:
        """Each stored group's ballot (under one of its ids) and how many ballots it stands for;
        two groups may hold equal ballots. For plain sums, such as how many came from devices."""
        return [(ballot, len(ids)) for ballot, ids in self._stored]

    def ids(self) -> Iterator[str]:
        """Every ballot's id, group by group (not sorted)."""
        return chain.from_iterable(ids for _, ids in self._stored)

    def _all(self) -> tuple[Ballot, ...]:
        if self._ballots is None:
            with paused_gc():  # a million acyclic objects
                made = [ballot.with_id(i) for ballot, ids in self._stored for i in ids]
                made.sort(key=attrgetter("id"))
                self._ballots = tuple(made)
        return self._ballots

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        return self._all()[index]

    def __iter__(self) -> Iterator[Ballot]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, GroupedBallots | tuple | list):
            return len(self) == len(other) and self._all() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"GroupedBallots({len(self)} ballots in {len(self._stored)} groups)"


def _str_tuple(value: object) -> bool:
    """A tuple of str, or of such tuples (marks, answers)."""
    return type(value) is tuple and all(type(v) is str or _str_tuple(v) for v in value)


def content_groups(contents: object) -> list[tuple[dict[str, Any], int]] | None:
    """The distinct published contents (JSON objects) in `contents` and how often each occurs."""
    if not isinstance(contents, list | tuple):
        return None
    if not contents:
        return []
    if set(map(type, contents)) != {dict}:
        return None
    names = tuple(contents[0])
    if not names or set(map(len, contents)) != {len(names)}:
        return None
    values = itemgetter(*names)
    try:
        counts = Counter(map(marshal.dumps, map(values, contents), repeat(0)))
    except (KeyError, ValueError):  # another set of names; a value marshal cannot write
        return None
    groups = []
    for key, n in counts.items():
        got = marshal.loads(key)
        groups.append((dict(zip(names, got if len(names) > 1 else (got,), strict=True)), n))
    return groups


def counts(ballots: Sequence[Ballot]) -> list[tuple[Ballot, int]]:
    """(ballot, how many) for plain sums over a round: its stored groups, or each ballot once."""
    if isinstance(ballots, GroupedBallots):
        return ballots.counts()
    return [(ballot, 1) for ballot in ballots]


def ids_ok(ballots: Sequence[Ballot]) -> bool:
    """Whether every id is 32 lowercase hex digits (R10.4): `is_ballot_id` for all at once."""
    if isinstance(ballots, GroupedBallots):
        return _hex_ids(ballots.ids(), len(ballots))
    return _hex_ids(map(attrgetter("id"), ballots), len(ballots))


def _hex_ids(ids: Iterable[str], n: int) -> bool:
    if not n:
        return True
    try:
        joined = "\n".join(ids).encode("ascii")
    except (TypeError, UnicodeEncodeError):
        return False
    # 32 hex digits, a newline, 32 hex digits, …: newlines exactly at every 33rd byte, else hex
    return (len(joined) == 33 * n - 1 and joined.count(b"\n") == n - 1
            and joined[32::33] == b"\n" * (n - 1) and not joined.translate(None, _HEX + b"\n"))


def round_groups(held: RoundInput) -> list[tuple[Ballot, int]] | None:
    """`ballot_groups` of a round's ballots, computed once per RoundInput: it is immutable."""
    return _memo(held, "groups", lambda: ballot_groups(held.ballots))


def round_ids_ok(held: RoundInput) -> bool:
    """`ids_ok` of a round's ballots, computed once per RoundInput."""
    return _memo(held, "ids_ok", lambda: ids_ok(held.ballots))


#: id(RoundInput) -> (weak reference to it, its computed values); an entry dies with its round
_MEMO: dict[int, tuple[weakref.ref[RoundInput], dict[str, Any]]] = {}


def _memo(held: RoundInput, name: str, compute: Callable[[], Any]) -> Any:
    if type(held.ballots) not in (tuple, GroupedBallots):  # a list could change meanwhile
        return compute()
    key = id(held)
    entry = _MEMO.get(key)
    if entry is None or entry[0]() is not held:
        try:
            ref = weakref.ref(held, lambda ref, key=key: _forget(key, ref))
        except TypeError:
            return compute()
        entry = _MEMO[key] = (ref, {})
    values = entry[1]
    if name not in values:
        values[name] = compute()
    return values[name]


def _forget(key: int, ref: weakref.ref[RoundInput]) -> None:
    entry = _MEMO.get(key)
    if entry is not None and entry[0] is ref:
        del _MEMO[key]


def lines(contents: Groups) -> list[tuple[bytes, Any, int]] | None:
    """(canonical JSON, content, count) in the order `sorted(..., key=canonical)` gives."""
    try:
        return sorted(((canonical(c), c, n) for c, n in contents), key=itemgetter(0))
    except Exception:  # the per-ballot code raises its own error for this
        return None


def expand(sorted_lines: Iterable[tuple[bytes, Any, int]]) -> list[Any]:
    """The sorted list of all contents; identical ballots share one content object."""
    out: list[Any] = []
    for _, content, n in sorted_lines:
        out.extend(repeat(content, n))
    return out


def commitment(round_number: object, contents: Groups, tracking_codes: Iterable[Any]) -> str | None:
    """`ledger.commitment_of` from distinct contents and their counts (None: use the generic)."""
    sorted_lines = lines(contents)
    return None if sorted_lines is None else commitment_of_lines(round_number, sorted_lines,
                                                                 tracking_codes)


def commitment_of_lines(round_number: object, sorted_lines: Iterable[tuple[bytes, Any, int]],
                        tracking_codes: Iterable[Any]) -> str | None:
    """The digest of canonical({"round", "ballots", "tracking_codes"}), fed to SHA-256 in pieces.

    Keys sorted, those bytes are `{"ballots":[…],"round":…,"tracking_codes":[…]}` with the ballot
    lines joined by commas; a line repeated n times is hashed in a few large updates.
    """
    try:
        tail = (b'],"round":' + canonical(round_number) + b',"tracking_codes":'
                + _strings(sorted(tracking_codes)) + b"}")
    except Exception:
        return None
    h = hashlib.sha256(b'{"ballots":[')
    sep = b""
    for line, _, n in sorted_lines:
        if n < 1:
            continue
        h.update(sep + line)
        sep = b","
        unit = sep + line
        n -= 1
        per = max(1, _CHUNK // len(unit))
        while n > 0:
            h.update(unit * min(n, per))
            n -= per
    h.update(tail)
    return h.hexdigest()


def _strings(values: list[Any]) -> bytes:
    """canonical(values) without walking a long list of plain strings through `plain`."""
    if set(map(type, values)) <= {str}:
        return canonical_plain(values)
    return canonical(values)
