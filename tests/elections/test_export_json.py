"""The audit export file (R11.4): the json module's indented text, but each ballot on one line as
its canonical JSON (the bytes the commitment hashes, R11.2)."""

from __future__ import annotations

import json

from app.elections.export_json import export_text, write_export
from voting.canonical import canonical_plain


def _indented(value):
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def test_without_ballots_the_text_is_json_dumps_indented_byte_for_byte():
    shared = {"marks": ["3"], "round": 1, "status": "valid", "reason": None}
    data = {
        "items": [shared] * 5 + [{"marks": [], "round": 1}, shared],
        "codes": ["AB12-CD34-EF56", "ä \"quoted\" \n new line \u0001", "حداد"],
        "mixed": ["a", {"b": [1, 2.5, 1e20, True, False, None]}, [], {}, ("t", "u")],
        "numbers": {"2": 2, "10": 10, "-1": -1, "big": 10**30},
        "int keys": {3: "c", 1: "a", 2: {"deep": [{"x": 1}, {"x": 1}]}},
        "nested": [[shared, [shared, {}]], [[]]],
        "empty": {"list": [], "dict": {}, "string": "", "ballots": []},
        "ballots": None,
    }
    assert export_text(data) == _indented(data)
    for value in ([], {}, "x", 1, None, [["a"]]):
        assert export_text(value) == _indented(value)


def test_each_ballot_is_its_canonical_json_on_a_line_of_its_own():
    valid = {"round": 1, "marks": ["c2"], "answers": [], "status": "valid", "reason": None,
             "source": "device", "doubtful_no": None}
    paper = {**valid, "marks": [], "status": "invalid", "reason": "unclear_will",
             "source": "paper", "doubtful_no": 2}
    named = {**valid, "marks": ["حداد \"q\" ä"]}
    ballots = [paper] + [valid] * 4 + [dict(valid)] + [named] * 2 + [valid]
    data = {"rounds": [{"number": 1, "ballots": ballots, "tracking_codes": ["A", "B"]}],
            "format": "x"}
    text = export_text(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    start = lines.index('   "ballots": [')
    written = lines[start + 1:start + 1 + len(ballots)]
    assert [line.strip().rstrip(",") for line in written] == [
        canonical_plain(b).decode() for b in ballots]
    assert lines[start + 1 + len(ballots)] == "   ],"
    # the rest of the file is laid out as before
    without = {"rounds": [{"number": 1, "ballots": None, "tracking_codes": ["A", "B"]}],
               "format": "x"}
    assert text.replace(
        "\n".join(lines[start:start + 2 + len(ballots)]), '   "ballots": null,'
    ) == _indented(without)


def test_written_file_equals_the_text(tmp_path):
    one = {"round": 1, "marks": ["ü"], "status": "valid"}
    data = {"rounds": [{"ballots": [one] * 1000 + [{"round": 1, "marks": []}]}]}
    path = tmp_path / "export.json"
    write_export(data, path)
    assert path.read_bytes() == export_text(data).encode("utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == data
