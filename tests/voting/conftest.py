"""Fixtures for tests/voting; they import nothing from `app` (STYLE.md, tests)."""

import sys
from pathlib import Path

import pytest

# `pytest tests/voting` must find `voting` (the repository root) and `voting_factories` (this
# folder) without project-wide config, and also under the app's --import-mode=importlib, which
# puts neither on sys.path.
HERE = Path(__file__).resolve().parent
for path in (str(HERE.parents[1]), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)


@pytest.fixture
def two_round_election():
    """A full two-round election with lots in both rounds, and its event log."""
    from voting_factories import two_round_election

    return two_round_election()
