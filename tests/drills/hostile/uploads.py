"""Upload strategies: CSV files (clean, or with hostile cells), base64 round trips."""

from __future__ import annotations

import base64
import csv
import io

from hypothesis import strategies as st

from tests.drills.hostile.fields import Upload
from tests.drills.hostile.values import PEOPLE, STORABLE

#: Cells: ordinary values, odd but storable unicode, and what spreadsheets make of text
CELL = st.one_of(
    st.sampled_from(PEOPLE),
    st.text(STORABLE, max_size=30),
    st.sampled_from(
        ["", " ", "=HYPERLINK(\"http://evil\")", "+49 30 1234", "@SUM(1)", "a;b,c", 'x"y', "\n",
         "Ay\x00şe", "\x00"]
    ),
    st.text(st.characters(codec=None), max_size=20),
    st.just("ü" * 400),
    st.just("A" * 140_000),  # longer than the csv module's field limit
)
SHORT = st.one_of(st.sampled_from(["", *PEOPLE[:6]]), st.text(STORABLE, max_size=30))
#: An address nobody in the world has yet
FRESH_EMAIL = st.integers(0, 10**9).map(lambda n: f"kontakt{n}@example.org")
EMAILS = st.one_of(
    st.emails(), st.sampled_from(["ayse@example.org", "AYSE@example.org", "kein-at-zeichen"])
)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "cp1252":
        return text.encode("cp1252", "replace")
    data = text.encode("utf-8", "surrogatepass")
    return b"\xef\xbb\xbf" + data if encoding == "utf-8-sig" else data


@st.composite
def csv_bytes(
    draw: st.DrawFn, good: dict[str, st.SearchStrategy[str]], bad: dict[str, st.SearchStrategy[str]]
) -> bytes:
    """A CSV file with up to six rows, ``;`` or ``,``, UTF-8 (with BOM) or cp1252.

    Clean files have the columns of ``good`` and good cells; dirty ones may drop a column, add
    an unknown one, spoil cells (from ``bad``, or any of ``CELL``: NUL, formulas, a cell longer
    than the csv module takes) and have rows longer than the header.
    """
    header = list(good)
    clean = draw(st.booleans())
    if not clean and draw(st.integers(0, 3)) == 0:
        header = header[1:] + ["unbekannt"]
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    rows = []
    for _ in range(draw(st.integers(0 if not clean else 1, 6))):
        row = []
        for name in header:  # a dirty row: a good row with some cells spoiled
            spoil = not clean and draw(st.integers(0, 2)) == 0
            row.append(draw(bad.get(name, CELL) if spoil else good.get(name, SHORT)))
        if not clean and draw(st.integers(0, 7)) == 0:
            row.append("überzählig")
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([";", ","])), lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return _encode(out.getvalue(), draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])))


def csv_upload(
    good: dict[str, st.SearchStrategy[str]], bad: dict[str, st.SearchStrategy[str]]
) -> st.SearchStrategy[list[object]]:
    return csv_bytes(good, bad).map(lambda data: [Upload("kontakte.csv", data, "text/csv")])


def base64_of(
    good: dict[str, st.SearchStrategy[str]], bad: dict[str, st.SearchStrategy[str]]
) -> st.SearchStrategy[list[object]]:
    """What the confirm step sends back: the checked file, base64-encoded."""
    return csv_bytes(good, bad).map(lambda data: [base64.b64encode(data).decode()])
