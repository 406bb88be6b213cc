"""Fixtures for tests/voting; they import nothing from `app` (STYLE.md, tests)."""

import sys
from pathlib import Path

import pytest

# `pytest tests/voting` from the repository root must find `voting` without project-wide config
# (the app owns pyproject.toml); tests/voting itself is on sys.path for voting_factories.
ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


@pytest.fixture
def two_round_election():
    """A full two-round election with lots in both rounds, and its event log."""
    from voting_factories import two_round_election

    return two_round_election()
