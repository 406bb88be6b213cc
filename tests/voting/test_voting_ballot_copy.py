"""``Ballot.with_id``: the app copies one checked ballot per distinct content (R10.4)."""

from __future__ import annotations

import dataclasses

import pytest

from voting.model import Ballot


@pytest.mark.parametrize("fields", [
    {"marks": ("c2", "c1")},
    {"marks": ()},
    {"reason": "unclear_will", "source": "paper", "doubtful_no": 3},
    {"answers": (("c2", "no"), ("c1", "yes"))},
])
def test_with_id_equals_a_ballot_built_with_that_id(fields):
    original = Ballot("a" * 32, 1, **fields)
    copy = original.with_id("b" * 32)
    built = Ballot("b" * 32, 1, **fields)
    assert copy == built and hash(copy) == hash(built) and type(copy) is Ballot
    assert copy.content() == original.content() and original.id == "a" * 32
    assert dataclasses.asdict(copy) == dataclasses.asdict(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        copy.id = "c" * 32  # type: ignore[misc]
