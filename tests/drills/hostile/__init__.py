"""The hostile-forms drill: every POST form of the HTML app with hypothesis-made input.

``cases()`` merges the area modules' ``CASES`` (like ``tests/access``), so a new POST route
fails ``test_every_post_route_is_drilled`` until an area module covers it.
"""

from __future__ import annotations

import importlib

from tests.drills.hostile.case import FormCase

AREAS = ("events", "elections", "voting", "ballot", "organisations", "staff")


def cases() -> dict[tuple[str, str], FormCase]:
    """Every case by (endpoint, rule); a route covered twice is an error."""
    merged: dict[tuple[str, str], FormCase] = {}
    for area in AREAS:
        module = importlib.import_module(f"{__name__}.{area}")
        for case in module.CASES:
            key = (case.endpoint, case.rule)
            assert key not in merged, f"{key} is drilled twice"
            merged[key] = case
    return merged


__all__ = ["AREAS", "FormCase", "cases"]
