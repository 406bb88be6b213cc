"""The audit export file (R11.4) is the json module's indented text, byte for byte."""

from __future__ import annotations

import json

from app.elections.export_json import export_text


def test_export_text_is_json_dumps_indented_byte_for_byte():
    shared = {"marks": ["3"], "round": 1, "status": "valid", "reason": None}
    data = {
        "ballots": [shared] * 5 + [{"marks": [], "round": 1}, shared],
        "codes": ["AB12-CD34-EF56", "ä \"quoted\" \n new line \u0001", "حداد"],
        "mixed": ["a", {"b": [1, 2.5, 1e20, True, False, None]}, [], {}, ("t", "u")],
        "numbers": {"2": 2, "10": 10, "-1": -1, "big": 10**30},
        "int keys": {3: "c", 1: "a", 2: {"deep": [{"x": 1}, {"x": 1}]}},
        "nested": [[shared, [shared, {}]], [[]]],
        "empty": {"list": [], "dict": {}, "string": ""},
    }
    assert export_text(data) == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    for value in ([], {}, "x", 1, None, [["a"]]):
        assert export_text(value) == json.dumps(value, ensure_ascii=False, indent=1,
                                                sort_keys=True)
