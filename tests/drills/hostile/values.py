"""Hypothesis strategies: what a form accepts, and what a hostile client sends instead.

An example starts from a payload the form would accept (odd but storable unicode included),
then up to three fields are spoiled: a hostile value of any kind, the field left out, sent
twice, or given an id that belongs to another event or election. Unknown fields are added on
top. Values are ``str`` (lone surrogates allowed: the wire sends their raw bytes) or ``bytes``
(invalid UTF-8, as a client may send it).
"""

from __future__ import annotations

import string
from datetime import date, datetime

from hypothesis import strategies as st

from tests.drills.hostile.fields import Field, Upload

Value = str | bytes | Upload
Pairs = list[tuple[str, Value]]

#: Storable text: every code point except NUL and the surrogates
STORABLE = st.characters(codec="utf-8", exclude_characters="\x00")
PEOPLE = [
    "Ayşe Yılmaz",
    "فاطمة الزهراء",
    "Олена Шевченко",
    "Nguyễn Thị Hoa",
    "Ärger Öl Übel ß",
    "O'Brien-Smith",
    "‮evil‬",
    "👩‍👩‍👧 Familie",
    "ＡＢＣ",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
]
SPECIAL = [
    "",
    " ",
    "\t\n ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "‮evil",
    "\u200b",
    "\ufeff",
    "a" * 20_000,
    "ß" * 20_000,
    "%00",
    "../../etc/passwd",
    "{{7*7}}",
    "\r\nBcc: x@example.org",
    *PEOPLE,
]
#: Ids an INTEGER key cannot hold (PostgreSQL refuses to compare with them), and digits that
#: ``str.isdigit`` accepts but ``int`` does not ("²") or reads in another script ("١٢")
ODD_IDS = ["2147483648", "99999999999", str(2**63), "9" * 25, "²", "١٢"]
#: Characters whose case folding or compatibility form is longer than themselves
EXPANDING = ["ß", "\ufdfa", "ﬃ", "İ"]
RAW_BYTES = [b"\xff\xfe", b"\xc3(", b"\xed\xa0\x80", b"caf\xe9", b"\x80abc"]
hostile_text: st.SearchStrategy[Value] = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(codec=None), max_size=40),
    st.text(st.characters(codec=None), min_size=300, max_size=3000),
    st.sampled_from(RAW_BYTES),
)
WRONG_NUMBERS = ["abc", "1.5", "-1", "0", "1e3", "٣", "０", "+5", " 7 ", "0x10", "9" * 30, "NaN"]
WRONG_DATES = ["2026-13-45", "31.12.2026", "0000-00-00", "2026-02-30", "9999-12-31", "1-1-1"]
WRONG_TIMES = [
    "2026-12-05T25:00",
    "2026-12-05 10:00",
    "2026-12-05T10:00:00Z",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2026-12-05",
]
WRONG_EMAILS = ["a@b", "@", "x" * 300 + "@example.org", "a b@example.org", "Ärger@bücher.de"]
WRONG_BOOLS = ["n", "false", "0", "off", "", "yes", "\x00"]
ODD_FILES = [
    Upload("", b""),
    Upload("leer.csv", b"", "text/csv"),
    Upload("x\udc80.csv", b"name\nA\n", "text/csv"),
    Upload("../../etc/passwd", b"\x00\x01\x02", "text/csv"),
    Upload("bild.png", b"\x89PNG\r\n\x1a\nnot really", "image/png"),
    Upload("gross.csv", b"name;kind\n" + b"A" * 20_000 + b";mso\n", "text/csv"),
    Upload("bom.csv", b"\xef\xbb\xbfname\n\xff\xfe\n", "text/csv"),
]


def _text(spec: Field) -> st.SearchStrategy[str]:
    if spec.pattern:
        return st.from_regex(spec.pattern, fullmatch=True).filter(
            lambda s: 0 < len(s) <= spec.max_len
        )
    size = max(1, min(spec.max_len, 60))
    odd = st.text(STORABLE, min_size=1, max_size=size).filter(str.strip)
    known = st.sampled_from([p for p in PEOPLE if len(p) <= spec.max_len])
    full = st.sampled_from(EXPANDING + ["a", "ض"]).map(lambda c: c * spec.max_len)
    return st.one_of(known, odd, full)  # ``full``: exactly as long as the form allows


def valid(spec: Field) -> st.SearchStrategy[list[Value]]:
    """Values the form would accept for ``spec`` (a list: a multi field sends several)."""
    if spec.good is not None:
        return spec.good  # type: ignore[return-value]
    kind = spec.kind
    if kind in ("text", "email") and spec.choices:  # a code, a token: the world's own values
        return st.sampled_from(spec.choices).map(lambda c: [c])
    if kind == "text":
        base = _text(spec).map(lambda s: [s])
        return base if spec.required else st.one_of(base, st.just([""]))
    if kind == "email":
        addresses = st.one_of(
            st.emails().filter(lambda e: len(e) <= min(spec.max_len, 254)),
            st.sampled_from(["ayse.yilmaz@example.org", "OLENA@Example.ORG", "f.z@beispiel.de"]),
        )
        return addresses.map(lambda e: [e])
    if kind == "int":
        return st.integers(spec.low, spec.high).map(lambda n: [str(n)])
    if kind == "date":
        return st.dates(date(2026, 1, 1), date(2030, 12, 31)).map(lambda d: [d.isoformat()])
    if kind == "datetime":
        moments = st.datetimes(datetime(2026, 12, 6), datetime(2030, 12, 31))
        return moments.map(lambda d: [d.strftime("%Y-%m-%dT%H:%M")])
    if kind == "choice":
        if not spec.choices:
            return st.just([])
        chosen = st.sampled_from(spec.choices).map(lambda c: [c])
        return chosen if spec.required else st.one_of(chosen, st.just([]))
    if kind == "multi":
        if not spec.choices:
            return st.just([])
        most = min(len(spec.choices), spec.high)  # ``high``: how many may be ticked
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=most)
    if kind == "bool":
        return st.just(["y"]) if spec.required else st.sampled_from([["y"], []])
    if kind == "file":
        return st.just([spec.sample]) if spec.sample else st.just([])
    raise AssertionError(kind)


def hostile(spec: Field) -> st.SearchStrategy[list[Value]]:
    """Anything a client could send for ``spec``: wrong type, out of range, unknown, foreign."""
    wrong: list[Value] = []
    kind = spec.kind
    if kind == "int":
        wrong = [*WRONG_NUMBERS, str(spec.low - 1), str(spec.high + 1), *ODD_IDS, str(-(2**63))]
    elif kind == "text":
        wrong = ["a" * (spec.max_len + 1)]
    elif kind == "date":
        wrong = WRONG_DATES
    elif kind == "datetime":
        wrong = WRONG_TIMES
    elif kind == "email":
        wrong = WRONG_EMAILS
    elif kind == "bool":
        wrong = WRONG_BOOLS
    elif kind in ("choice", "multi"):
        wrong = ["unknown", "None", "-1", "999999", *ODD_IDS, *(c.upper() for c in spec.choices)]
    single = st.one_of(hostile_text, st.sampled_from(wrong)) if wrong else hostile_text
    options = [single.map(lambda v: [v])]
    if spec.foreign:
        options.append(st.sampled_from(spec.foreign).map(lambda v: [v]))
    if kind == "multi":
        options.append(st.lists(st.one_of(single, st.sampled_from(spec.choices or ("x",))),
                                min_size=2, max_size=60))
        options.append(st.lists(st.sampled_from(wrong), min_size=1, max_size=3))
    if kind == "file":
        options = [st.sampled_from(ODD_FILES).map(lambda f: [f]), single.map(lambda v: [v])]
    return st.one_of(options)


#: Names of fields no form declares: odd keys, and keys a view might read from request.form
EXTRA_KEYS = st.one_of(
    st.sampled_from(["id", "user_id", "is_admin", "status", "csrf_token", "\x00", "x\ud800"]),
    st.text(string.ascii_letters + "_-[]", min_size=1, max_size=12),
    st.text(st.characters(codec=None), min_size=1, max_size=12),
)


@st.composite
def payloads(draw: st.DrawFn, fields: list[Field]) -> Pairs:
    """An accepted payload, spoiled in up to three fields, plus unknown extra fields."""
    values = {spec.name: draw(valid(spec)) for spec in fields}
    if fields:
        spoiled = draw(st.lists(st.sampled_from(fields), max_size=3, unique_by=lambda f: f.name))
        for spec in spoiled:
            action = draw(st.sampled_from(["hostile", "hostile", "missing", "twice", "foreign"]))
            if action == "missing":
                values[spec.name] = []
            elif action == "twice":
                values[spec.name] = values[spec.name] + draw(hostile(spec))
            elif action == "foreign" and spec.foreign:
                values[spec.name] = [draw(st.sampled_from(spec.foreign))]
            else:
                values[spec.name] = draw(hostile(spec))
    pairs: Pairs = [(name, value) for name, many in values.items() for value in many]
    extras = draw(st.lists(st.tuples(EXTRA_KEYS, hostile_text), max_size=2))
    return pairs + [(key, value) for key, value in extras]
